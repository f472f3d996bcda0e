import { Link } from "react-router";
import { periodHolding, previousPeriod } from "../../../src/domain/kpis/period.js";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ProblemMessage } from "../components/problem-message.js";
import { benchmarkFigure, figuresFor } from "./benchmark-figures.js";
import { KpiStatusBadge, kpiValue } from "./kpi-status.js";
import type { BenchmarkSet, Kpi, KpiReading } from "./kpi-types.js";

/**
 * The KPI's value for its current period beside the external benchmark figures that apply to it:
 * those kept for the library KPI it measures (its templateKey), each with its source and year.
 */
export const KpiBenchmarks = ({ kpi }: { kpi: Kpi }) => {
  const current = periodHolding(new Date().toISOString().slice(0, 10), kpi.frequency);
  const period = current.label;
  const previous = previousPeriod(current).label;
  // The period just ended too: a period that has only begun often has no data yet.
  const reading = useApi(
    (signal) =>
      Promise.all(
        [period, previous].map(async (p) => {
          const answer = await apiGet<{ period: string; items: KpiReading[] }>(
            `/api/v1/kpis/readings?period=${p}&kpiId=${kpi.id}`,
            signal,
          );
          return answer.items[0];
        }),
      ),
    [kpi.id, period],
  );
  const sets = useApi((signal) => apiGet<BenchmarkSet[]>("/api/v1/benchmarks", signal), []);
  const [now, before] = reading.data ?? [];
  const figures = figuresFor(sets.data ?? [], kpi.templateKey);
  return (
    <section className="panel" data-testid="kpi-benchmarks" aria-labelledby="kpi-benchmarks-title">
      <h2 id="kpi-benchmarks-title">Current value and benchmarks</h2>
      <ProblemMessage error={reading.error ?? sets.error} />
      <p data-testid="kpi-current-value">
        <strong>This KPI, {period}:</strong> {now ? <ReadingText reading={now} /> : "…"}
        {now && now.value === null && before && before.value !== null ? (
          <>
            ; <strong>{previous}:</strong> <ReadingText reading={before} />
          </>
        ) : null}
      </p>
      {kpi.templateKey === null ? (
        <p className="muted">
          Benchmark figures are kept per library KPI, and this KPI names none: edit it and choose the library
          KPI it measures to compare it. <Link to="/benchmarks">All benchmark sets</Link>
        </p>
      ) : figures.length === 0 ? (
        <p className="muted">
          No benchmark figure for this kind of KPI yet. <Link to="/benchmarks">Add a benchmark set</Link>
        </p>
      ) : (
        <table className="data-table compact">
          <caption className="muted">
            Figures from outside the organisation for the same kind of KPI; a reference point, not a target.
          </caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="numeric">
                Value
              </th>
              <th scope="col">Year</th>
              <th scope="col">Source</th>
              <th scope="col">Set</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={`${f.set}:${f.name}:${f.year}`}>
                <td>{f.name}</td>
                <td className="numeric">{benchmarkFigure(f.value, f.unit)}</td>
                <td>{f.year}</td>
                <td>{f.source}</td>
                <td>{f.set}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

/** A value with its status against target, or the reason there is no status ("no target for this period"). */
const ReadingText = ({ reading }: { reading: KpiReading }) => (
  <>
    {kpiValue(reading.value, reading.unit)}
    {reading.value !== null && reading.target !== null ? (
      <>
        {" "}
        <KpiStatusBadge status={reading.status} />
      </>
    ) : null}
    {reading.note ? <span className="muted"> ({reading.note})</span> : null}
  </>
);
