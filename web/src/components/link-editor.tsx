import { useState } from "react";
import type { LinkKind } from "../../../src/domain/schemas/links.js";
import { apiGet, apiGetAll, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import type { WritePermission } from "../entities/entity-description.js";
import { LinkAddForm } from "./link-add-form.js";
import { LinkRow } from "./link-row.js";
import { LinkTotal } from "./link-total.js";
import type { LinkValue } from "./link-value.js";
import { LoadingState } from "./loading-state.js";
import { ProblemMessage } from "./problem-message.js";

type LinkItem = Record<string, string | number>;

interface Named {
  id: string;
  name: string;
  archivedAt: string | null;
}

/**
 * The links of one kind from this item to others: list, add, change the number, remove. A refusal
 * (e.g. a dependency that would make a cycle) shows in the server's words.
 */
export const LinkEditor = ({
  kind,
  title,
  hereField,
  hereId,
  thereField,
  therePath,
  thereOne,
  value,
  permission,
  empty,
}: {
  kind: LinkKind;
  title: string;
  /** This item's end, e.g. "serviceId". */
  hereField: string;
  hereId: string;
  /** The other end, e.g. "capabilityId", and its list's path, e.g. "capabilities". */
  thereField: string;
  therePath: string;
  thereOne: string;
  value: LinkValue | null;
  permission: WritePermission;
  /** Shown when there are no links yet. */
  empty: string;
}) => {
  const session = useSession();
  const canWrite = session.can(permission);
  const links = useApi(
    (signal) => apiGet<{ items: LinkItem[] }>(`/api/v1/links/${kind}?${hereField}=${hereId}`, signal),
    [kind, hereField, hereId],
  );
  const others = useApi(
    (signal) => apiGetAll<Named>(`/api/v1/${therePath}?includeArchived=true`, signal),
    [therePath],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProblemError | null>(null);

  const write = async (method: "PUT" | "DELETE", otherId: string, number?: number | string | null) => {
    setBusy(true);
    setError(null);
    try {
      if (method === "PUT") {
        const body: Record<string, unknown> = { [hereField]: hereId, [thereField]: otherId };
        if (value) body[value.field] = number;
        await apiRequest("PUT", `/api/v1/links/${kind}`, { body });
      } else {
        const query = new URLSearchParams({ [hereField]: hereId, [thereField]: otherId });
        await apiRequest("DELETE", `/api/v1/links/${kind}?${query}`);
      }
      links.reload();
      return true;
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
      return false;
    } finally {
      setBusy(false);
    }
  };

  const items = links.data?.items ?? [];
  const nameOf = (id: string) => others.data?.find((o) => o.id === id)?.name ?? "(not visible to you)";
  const linked = new Set(items.map((l) => String(l[thereField])));
  const choices = (others.data ?? []).filter(
    (o) => !o.archivedAt && !linked.has(o.id) && !(therePath === "services" && o.id === hereId),
  );
  const endLabel = thereOne.charAt(0).toUpperCase() + thereOne.slice(1);
  const total = value ? items.reduce((sum, l) => sum + Number(l[value.field] ?? 0), 0) : 0;

  return (
    <section className="panel link-editor" aria-label={title} data-testid={`links-${kind}`}>
      <h2>{title}</h2>
      {links.data ? null : (
        <LoadingState loading={links.loading} error={links.error} what={title.toLowerCase()} />
      )}
      {links.data && items.length === 0 ? <p className="muted">{empty}</p> : null}
      {items.length > 0 ? (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>{endLabel}</th>
              {value ? (
                <th className="numeric">{`${value.label}${value.unit ? ` (${value.unit})` : ""}`}</th>
              ) : null}
              {canWrite ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((l) => {
              const otherId = String(l[thereField]);
              return (
                <LinkRow
                  key={otherId}
                  name={nameOf(otherId)}
                  to={`/${therePath}/${otherId}`}
                  value={value}
                  stored={value ? Number(l[value.field]) : undefined}
                  canWrite={canWrite}
                  busy={busy}
                  onChange={(n) => write("PUT", otherId, n)}
                  onRemove={() => write("DELETE", otherId)}
                />
              );
            })}
          </tbody>
        </table>
      ) : null}
      {value?.addsUpTo100 && items.length > 0 ? (
        <LinkTotal total={total} label={`Total ${value.label.toLowerCase()}`} />
      ) : null}
      {error ? <ProblemMessage error={error} /> : null}
      {canWrite && links.data ? (
        <LinkAddForm
          label={`Add ${/^[aeiou]/i.test(thereOne) ? "an" : "a"} ${thereOne}`}
          endLabel={endLabel}
          choices={choices}
          value={value}
          busy={busy}
          errors={error?.fieldErrors() ?? {}}
          endField={thereField}
          onAdd={(otherId, n) => write("PUT", otherId, n)}
        />
      ) : null}
    </section>
  );
};
