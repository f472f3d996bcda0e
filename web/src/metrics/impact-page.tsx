import { Link } from "react-router";
import { useApi } from "../api/use-api.js";
import { ChartFrame } from "../components/chart-frame.js";
import { LoadingState } from "../components/loading-state.js";
import { formatCount, formatDateTime, formatHours, formatWholeEuros } from "../components/locale-format.js";
import { PeriodPicker } from "../components/period-picker.js";
import { periodRange, usePeriod } from "../components/use-url-state.js";
import { getImpact } from "./metrics-api.js";

const disagreementText = {
  priority_too_low: "Priority too low for what it cost",
  priority_too_high: "High priority, small business impact",
} as const;

/** The most costly incidents and outages of the period: ranked by what they cost, not by priority. */
export const ImpactPage = () => {
  const [period] = usePeriod();
  const range = periodRange(period);
  const impact = useApi((signal) => getImpact(range, signal), [period]);
  const items = impact.data?.items ?? [];
  const top = items.slice(0, 10);
  return (
    <section>
      <div className="page-head">
        <h1>Business impact</h1>
        <PeriodPicker />
      </div>
      <p className="muted">
        Outages ranked by what they cost the business (hours × the cost of an hour of downtime of every
        capability the service, or a service depending on it, supports), not by ticket priority. Where the two
        disagree, it says so.
      </p>
      {!impact.data ? (
        <LoadingState loading={impact.loading} error={impact.error} what="business impact" />
      ) : items.length === 0 ? (
        <p className="empty panel">
          No outages in this period. Outages come from major incidents in imported tickets;{" "}
          <Link to="/imports">import tickets</Link> or choose a longer period.
        </p>
      ) : (
        <>
          <p className="panel" data-testid="impact-total">
            {formatCount(items.length)} outages cost {formatWholeEuros(impact.data.totalCostCents)} in total.
          </p>
          <ChartFrame
            title="The ten most costly outages"
            option={{
              tooltip: {
                trigger: "axis",
                axisPointer: { type: "shadow" },
                valueFormatter: (v: number) => formatWholeEuros(v),
              },
              grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: "value", axisLabel: { formatter: (v: number) => formatWholeEuros(v) } },
              yAxis: {
                type: "category",
                inverse: true,
                data: top.map((i) => `${i.number ?? i.title} · ${i.serviceName}`),
              },
              series: [{ name: "Cost", type: "bar", data: top.map((i) => i.costCents) }],
            }}
            columns={[
              { key: "number", label: "Ticket" },
              { key: "serviceName", label: "Service" },
              {
                key: "costCents",
                label: "Cost (cents)",
                numeric: true,
                format: (v) => formatWholeEuros(Number(v)),
              },
            ]}
            rows={top.map((i) => ({ number: i.number, serviceName: i.serviceName, costCents: i.costCents }))}
          />
          <table className="data-table" data-testid="impact-table">
            <caption className="visually-hidden">Outages by cost</caption>
            <thead>
              <tr>
                <th scope="col">Rank by cost</th>
                <th scope="col">Ticket</th>
                <th scope="col">Service</th>
                <th scope="col">Started</th>
                <th scope="col">Hours</th>
                <th scope="col">Cost</th>
                <th scope="col">Users affected</th>
                <th scope="col">Priority (rank)</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.outageId}>
                  <td className="numeric">{i.costRank}</td>
                  <td>
                    {i.number ?? "—"} <span className="muted small">{i.title}</span>
                  </td>
                  <td>
                    <Link to={`/services/${i.serviceId}`}>{i.serviceName}</Link>
                  </td>
                  <td>{formatDateTime(i.startedAt)}</td>
                  <td className="numeric">{formatHours(i.hours)}</td>
                  <td className="numeric">{formatWholeEuros(i.costCents)}</td>
                  <td className="numeric">{formatCount(i.usersAffected)}</td>
                  <td className="numeric">
                    {i.priority === null ? "—" : `P${i.priority}`} ({i.priorityRank})
                  </td>
                  <td>
                    {i.disagreement ? (
                      <span className="status status-missed">{disagreementText[i.disagreement]}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="no-print">
            <a href={`/api/v1/metrics/impact.csv?from=${range.from}&to=${range.to}&limit=500`} download>
              Download (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
};
