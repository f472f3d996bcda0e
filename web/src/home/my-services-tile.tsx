import { Link } from "react-router";
import { apiGetAll } from "../api/api-client.js";
import type { ItService } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { formatCount, formatPercent } from "../components/locale-format.js";
import { usePeriod } from "../components/use-url-state.js";
import { healthLabels, healthTone, useServiceHealth } from "./service-health.js";
import { Tile } from "./tile.js";

/** How many services the tile reads figures for (the rest are listed on the services page). */
const MEASURED = 8;

/** One service in plain words; its figures arrive on their own, so the list shows at once. */
const MyService = ({ service, period }: { service: ItService; period: string }) => {
  const { card, scorecard: c, pending, health } = useServiceHealth(service.id, period);
  return (
    <li data-testid="my-service" aria-busy={pending}>
      <div className="service-health-head">
        <Link to={`/services/${service.id}`}>{service.name}</Link>
        {pending ? (
          <span className="muted small">measuring…</span>
        ) : card.error ? (
          <button type="button" className="secondary retry" onClick={card.reload}>
            Try again
          </button>
        ) : (
          <span className={`health tone-${healthTone(health) ?? "none"}`}>{healthLabels[health]}</span>
        )}
      </div>
      {c ? (
        <dl className="plain-figures">
          <div>
            <dt>
              <abbr title="Availability (within the agreed service hours)" tabIndex={0}>
                Up and running
              </abbr>
            </dt>
            <dd>
              {c.availabilityPct === null ? "no outages recorded" : formatPercent(c.availabilityPct, 2)}
              {c.availabilityTargetPct === null
                ? ""
                : ` (promised ${formatPercent(c.availabilityTargetPct, 2)})`}
            </dd>
          </div>
          <div>
            <dt>
              <abbr title="SLA attainment" tabIndex={0}>
                Resolved within the promised time
              </abbr>
            </dt>
            <dd>{c.slaAttainmentPct === null ? "—" : formatPercent(c.slaAttainmentPct, 0)}</dd>
          </div>
          <div>
            <dt>
              <abbr title="Incidents" tabIndex={0}>
                Disruptions reported
              </abbr>
            </dt>
            <dd>{formatCount(c.incidents)}</dd>
          </div>
        </dl>
      ) : null}
    </li>
  );
};

/**
 * The services my units use, in plain words: how they ran in the period, with the ITSM term
 * for each figure one hover away.
 */
export const MyServicesTile = () => {
  const [period] = usePeriod();
  const services = useApi(async (signal) => {
    const all = (await apiGetAll<ItService>("/api/v1/services", signal)).filter(
      (s) => s.lifecycleStatus !== "retired" && s.lifecycleStatus !== "pipeline",
    );
    return all.sort((a, b) => a.criticalityTier - b.criticalityTier || a.name.localeCompare(b.name));
  }, []);
  const list = services.data ?? [];
  return (
    <Tile
      title="My services"
      to="/services"
      linkLabel={list.length > MEASURED ? `All ${list.length} services` : "All my services"}
      loading={services.loading && !services.data}
      error={services.error}
      retry={services.reload}
      testId="tile-my-services"
      wide
      empty={
        services.data && list.length === 0 ? (
          <p>
            None of your units uses an IT service in Tandem yet. Ask your relationship manager to record which
            services your unit relies on.
          </p>
        ) : undefined
      }
    >
      <ul className="service-health-list">
        {list.slice(0, MEASURED).map((service) => (
          <MyService key={service.id} service={service} period={period} />
        ))}
      </ul>
    </Tile>
  );
};
