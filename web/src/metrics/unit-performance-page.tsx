import { Link, useParams } from "react-router";
import { apiRequest } from "../api/api-client.js";
import type { BusinessUnit } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { formatCount, formatPercent, formatWholeEuros } from "../components/locale-format.js";
import { PeriodPicker } from "../components/period-picker.js";
import { periodRange, usePeriod } from "../components/use-url-state.js";
import { getScorecard, getUnitServices } from "./metrics-api.js";
import { ReliabilityChart } from "./performance-charts.js";
import { ScorecardFigures } from "./scorecard-figures.js";

const pct = (v: number | null, digits = 1) => (v === null ? "no data" : formatPercent(v, digits));

/** A business unit's view: its tickets' scorecard, and the services it uses and how they did. */
export const UnitPerformancePage = () => {
  const { id = "" } = useParams();
  const [period] = usePeriod();
  const range = periodRange(period);
  const unit = useApi(
    (signal) => apiRequest<BusinessUnit>("GET", `/api/v1/business-units/${id}`, { signal }),
    [id],
  );
  const answer = useApi((signal) => getScorecard({ ...range, businessUnitId: id }, signal), [id, period]);
  const services = useApi((signal) => getUnitServices(id, range, signal), [id, period]);
  if (!unit.data) return <LoadingState loading={unit.loading} error={unit.error} what="business unit" />;
  const name = unit.data.data.name;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/business-units">Business units</Link> / <Link to={`/business-units/${id}`}>{name}</Link> /
      </p>
      <div className="page-head">
        <h1>How IT served {name}</h1>
        <PeriodPicker />
      </div>
      <section className="panel" aria-labelledby="unit-tickets">
        <h2 id="unit-tickets">Your unit's tickets</h2>
        {answer.data ? (
          <>
            <ScorecardFigures answer={answer.data} />
            {answer.data.scorecard.percentilesOver ? (
              <p className="muted small">
                Typical times are over the whole months {answer.data.scorecard.percentilesOver.from} to{" "}
                {answer.data.scorecard.percentilesOver.to} (kept per month).
              </p>
            ) : null}
          </>
        ) : (
          <LoadingState loading={answer.loading} error={answer.error} what="scorecard" />
        )}
      </section>
      <section className="panel" aria-labelledby="unit-services">
        <h2 id="unit-services">The services you use and how they did</h2>
        {services.data ? (
          services.data.services.length === 0 ? (
            <p className="empty">
              This unit uses no services yet. Record which services it consumes on the{" "}
              <Link to="/services">service pages</Link>.
            </p>
          ) : (
            <table className="data-table" data-testid="unit-services">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col" title="The unit's share of the service's use">
                    Your share
                  </th>
                  <th scope="col" title="Availability against agreed service hours">
                    Up when needed
                  </th>
                  <th scope="col" title="SLA attainment">
                    Resolved in time
                  </th>
                  <th scope="col">Incidents</th>
                  <th scope="col" title="Downtime cost of the whole service">
                    Outage cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {services.data.services.map((s) => (
                  <tr key={s.serviceId}>
                    <td>
                      <Link to={`/services/${s.serviceId}`}>{s.serviceName}</Link>
                    </td>
                    <td className="numeric">{s.sharePct === null ? "—" : formatPercent(s.sharePct, 0)}</td>
                    <td className="numeric">
                      {pct(s.scorecard.availabilityPct, 2)}
                      {s.scorecard.availabilityTargetPct !== null &&
                      s.scorecard.availabilityPct !== null &&
                      s.scorecard.availabilityPct < s.scorecard.availabilityTargetPct ? (
                        <span className="status status-missed"> below target</span>
                      ) : null}
                    </td>
                    <td className="numeric">{pct(s.scorecard.slaAttainmentPct)}</td>
                    <td className="numeric">{formatCount(s.scorecard.incidents)}</td>
                    <td className="numeric">{formatWholeEuros(s.scorecard.downtimeCostCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : (
          <LoadingState loading={services.loading} error={services.error} what="services" />
        )}
        <p className="no-print">
          <a
            href={`/api/v1/metrics/business-units/${id}/services.csv?from=${range.from}&to=${range.to}`}
            download
          >
            Download this table (CSV)
          </a>
        </p>
      </section>
      <ReliabilityChart slice={{ ...periodRange("12m"), businessUnitId: id }} target={null} />
    </section>
  );
};
