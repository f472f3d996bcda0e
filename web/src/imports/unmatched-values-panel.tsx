import { apiGet, apiGetAll } from "../api/api-client.js";
import type { BusinessUnit, ItService, UnmatchedValues } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { type Target, UnmatchedValueRow } from "./unmatched-value-row.js";

const Table = ({ caption, children }: { caption: string; children: React.ReactNode }) => (
  <table className="data-table compact" aria-label={caption}>
    <thead>
      <tr>
        <th>Value</th>
        <th>Field</th>
        <th className="numeric">Tickets</th>
        <th>Map to</th>
      </tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);

/**
 * Stored tickets' values that match no service or unit, most tickets first. `version` changes
 * after each import, so the list is read again; a mapping updates only its own row, so that its
 * re-match count stays visible.
 */
export const UnmatchedValuesPanel = ({ canMap, version }: { canMap: boolean; version: number }) => {
  const unmatched = useApi(
    (signal) => apiGet<UnmatchedValues>("/api/v1/tickets/unmatched", signal),
    [version],
  );
  const targets = useApi(
    canMap
      ? async (signal) => {
          const [services, units] = await Promise.all([
            apiGetAll<ItService>("/api/v1/services", signal),
            apiGetAll<BusinessUnit>("/api/v1/business-units", signal),
          ]);
          const named = (items: Target[]) =>
            items.map((i) => ({ id: i.id, name: i.name })).sort((a, b) => a.name.localeCompare(b.name));
          return { services: named(services), units: named(units) };
        }
      : null,
    [canMap],
  );
  return (
    <section className="panel" aria-label="Unmatched values">
      <h2>Unmatched values</h2>
      <p className="muted small">
        Mapping a value adds a rule for future imports and re-matches the tickets already stored.
      </p>
      {unmatched.data ? null : (
        <LoadingState loading={unmatched.loading} error={unmatched.error} what="unmatched values" />
      )}
      {unmatched.data && unmatched.data.services.length === 0 && unmatched.data.businessUnits.length === 0 ? (
        <p className="muted">Every ticket has a service and a business unit.</p>
      ) : null}
      {unmatched.data && unmatched.data.services.length > 0 ? (
        <>
          <h3>Without a service</h3>
          <Table caption="Values without a service">
            {unmatched.data.services.map((item) => (
              <UnmatchedValueRow
                key={`${item.field}:${item.value}`}
                item={item}
                kind="service"
                targets={targets.data?.services ?? []}
                canMap={canMap}
                onMapped={() => undefined}
              />
            ))}
          </Table>
        </>
      ) : null}
      {unmatched.data && unmatched.data.businessUnits.length > 0 ? (
        <>
          <h3>Without a business unit</h3>
          <Table caption="Values without a business unit">
            {unmatched.data.businessUnits.map((item) => (
              <UnmatchedValueRow
                key={`${item.field}:${item.value}`}
                item={item}
                kind="business unit"
                targets={targets.data?.units ?? []}
                canMap={canMap}
                onMapped={() => undefined}
              />
            ))}
          </Table>
        </>
      ) : null}
    </section>
  );
};
