import { Link } from "react-router";
import { apiGet } from "../api/api-client.js";
import type { ItService, Page } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { formatPercent } from "../components/locale-format.js";
import { usePeriod } from "../components/use-url-state.js";
import { healthLabels, healthTone, useServiceHealth } from "./service-health.js";
import { Tile } from "./tile.js";

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : formatPercent(value, 2);

/** How many tier-1 services the tile measures (each is one scorecard request). */
const SHOWN = 8;

/**
 * One service's row. Its figures arrive on their own (a scorecard per service), so the tile shows
 * the services at once and fills in each row as its figures come.
 */
const CriticalServiceRow = ({ service, period }: { service: ItService; period: string }) => {
  const { card, scorecard: c, pending, health } = useServiceHealth(service.id, period);
  return (
    <tr aria-busy={pending} data-testid="critical-service">
      <td>
        <Link to={`/services/${service.id}`}>{service.name}</Link>
      </td>
      <td className="numeric">{pending ? "…" : pct(c?.availabilityPct)}</td>
      <td className="numeric">
        {service.availabilityTarget === null ? "—" : formatPercent(service.availabilityTarget, 2)}
      </td>
      <td className="numeric">{pending ? "…" : pct(c?.slaAttainmentPct)}</td>
      <td>
        {pending ? (
          <span className="muted small">measuring…</span>
        ) : card.error ? (
          <button type="button" className="secondary retry" onClick={card.reload}>
            Try again
          </button>
        ) : (
          <span className={`health tone-${healthTone(health) ?? "none"}`}>{healthLabels[health]}</span>
        )}
      </td>
    </tr>
  );
};

/** Tier-1 (business-critical) services: availability and SLA attainment against their targets. */
export const CriticalServicesTile = () => {
  const [period] = usePeriod();
  const services = useApi(async (signal) => {
    const page = await apiGet<Page<ItService>>("/api/v1/services?criticalityTier=1&limit=100", signal);
    return page.items.filter((s) => s.lifecycleStatus === "live" || s.lifecycleStatus === "retiring");
  }, []);
  const list = services.data ?? [];
  return (
    <Tile
      title="Business-critical services"
      to="/services"
      linkLabel={list.length > SHOWN ? `All ${list.length} in the catalogue` : "Service catalogue"}
      loading={services.loading && !services.data}
      error={services.error}
      retry={services.reload}
      testId="tile-critical-services"
      wide
      empty={
        services.data && list.length === 0 ? (
          <p>
            No live tier-1 service yet. Mark the services the business cannot do without as tier 1 in the{" "}
            <Link to="/services">service catalogue</Link>.
          </p>
        ) : undefined
      }
    >
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col" className="numeric">
              Availability
            </th>
            <th scope="col" className="numeric">
              Target
            </th>
            <th scope="col" className="numeric">
              <abbr title="Share of tickets resolved within the SLA target">SLA met</abbr>
            </th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, SHOWN).map((service) => (
            <CriticalServiceRow key={service.id} service={service} period={period} />
          ))}
        </tbody>
      </table>
    </Tile>
  );
};
