import { useState } from "react";
import { apiGet, apiGetAll } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ChartFrame } from "../components/chart-frame.js";
import { ProblemMessage } from "../components/problem-message.js";
import type { Kpi } from "./kpi-types.js";

interface Correlation {
  it: { name: string; unit: string; points: { week: string; value: number }[] };
  business: { name: string; unit: string; points: { week: string; value: number }[] };
  lags: { lagWeeks: number; r: number | null; pairs: number }[];
  caveat: string;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Two KPIs on one weekly time axis, with their correlation at lags of 0-8 weeks, stated honestly. */
export const CorrelationPanel = () => {
  const kpis = useApi((signal) => apiGetAll<Kpi>("/api/v1/kpis", signal), []);
  const [itKpiId, setIt] = useState("");
  const [businessKpiId, setBusiness] = useState("");
  const to = isoDay(new Date());
  const from = isoDay(new Date(Date.now() - 52 * 7 * 86_400_000));
  const result = useApi(
    itKpiId && businessKpiId
      ? (signal) =>
          apiGet<Correlation>(
            `/api/v1/kpis/correlation?itKpiId=${itKpiId}&businessKpiId=${businessKpiId}&from=${from}&to=${to}`,
            signal,
          )
      : null,
    [itKpiId, businessKpiId],
  );
  const c = result.data;
  const weeks = c ? [...new Set([...c.it.points, ...c.business.points].map((p) => p.week))].sort() : [];
  const valueAt = (points: { week: string; value: number }[], week: string) =>
    points.find((p) => p.week === week)?.value ?? null;
  return (
    <section className="panel" data-testid="correlation">
      <h2>Relating IT to business results</h2>
      <label>
        IT KPI{" "}
        <select value={itKpiId} onChange={(e) => setIt(e.target.value)}>
          <option value="">choose…</option>
          {kpis.data?.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        Business KPI{" "}
        <select value={businessKpiId} onChange={(e) => setBusiness(e.target.value)}>
          <option value="">choose…</option>
          {kpis.data?.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <ProblemMessage error={result.error} />
      {c ? (
        <>
          <ChartFrame
            title={`${c.it.name} and ${c.business.name}, by week`}
            description={c.caveat}
            option={{
              tooltip: { trigger: "axis" },
              legend: {},
              xAxis: { type: "category", data: weeks },
              yAxis: [
                { type: "value", name: c.it.unit },
                { type: "value", name: c.business.unit },
              ],
              series: [
                { name: c.it.name, type: "line", data: weeks.map((w) => valueAt(c.it.points, w)) },
                {
                  name: c.business.name,
                  type: "line",
                  yAxisIndex: 1,
                  data: weeks.map((w) => valueAt(c.business.points, w)),
                },
              ],
            }}
            columns={[
              { key: "week", label: "Week" },
              { key: "it", label: c.it.name, numeric: true },
              { key: "business", label: c.business.name, numeric: true },
            ]}
            rows={weeks.map((w) => ({
              week: w,
              it: valueAt(c.it.points, w),
              business: valueAt(c.business.points, w),
            }))}
          />
          <table className="data-table compact">
            <thead>
              <tr>
                <th>Business lags IT by</th>
                <th className="numeric">Pearson r</th>
                <th className="numeric">Weeks paired</th>
              </tr>
            </thead>
            <tbody>
              {c.lags.map((l) => (
                <tr key={l.lagWeeks}>
                  <td>{l.lagWeeks} weeks</td>
                  <td className="numeric">{l.r === null ? "–" : l.r.toFixed(2)}</td>
                  <td className="numeric">{l.pairs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
};
