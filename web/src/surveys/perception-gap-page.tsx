import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import type { GapRow, PerceptionGap } from "../../../src/domain/schemas/campaign.js";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ChartFrame } from "../components/chart-frame.js";
import { EmptyState, LoadingState } from "../components/loading-state.js";
import { formatDate, formatNumber } from "../components/locale-format.js";
import { useUrlState } from "../components/use-url-state.js";
import { agreeText, ciText, DistributionBar, GapValue } from "./gap-figures.js";
import "./surveys.css";

const lastYear = () => {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
};

/** Statements as a dumbbell: the business's share agreeing and IT's belief, joined by the gap. */
const dumbbell = (rows: GapRow[]): EChartsCoreOption => {
  const shown = rows.filter((r) => r.gapPoints !== null).reverse();
  const b = shown.map((r) => r.business.agreePct ?? 0);
  const i = shown.map((r) => r.it.agreePct ?? 0);
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    legend: { top: 0, data: ["The business agrees", "IT thinks the business agrees"] },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
    yAxis: {
      type: "category",
      data: shown.map((r) => (r.statement.length > 48 ? `${r.statement.slice(0, 46)}…` : r.statement)),
    },
    series: [
      {
        type: "bar",
        stack: "gap",
        data: b.map((x, k) => Math.min(x, i[k] ?? 0)),
        itemStyle: { color: "transparent" },
        silent: true,
        tooltip: { show: false },
      },
      {
        type: "bar",
        stack: "gap",
        barWidth: 4,
        data: b.map((x, k) => Math.abs((i[k] ?? 0) - x)),
        itemStyle: { color: "#9ca3af" },
        silent: true,
        tooltip: { show: false },
      },
      {
        name: "The business agrees",
        type: "scatter",
        symbolSize: 14,
        data: b,
        itemStyle: { color: "#b91c1c" },
      },
      {
        name: "IT thinks the business agrees",
        type: "scatter",
        symbolSize: 14,
        data: i,
        itemStyle: { color: "#1d4ed8" },
      },
    ],
  };
};

const GapTable = ({ rows, caption }: { rows: GapRow[]; caption: string }) => (
  <table className="data-table">
    <caption className="visually-hidden">{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Statement</th>
        <th scope="col">The business</th>
        <th scope="col">IT thinks</th>
        <th scope="col">Gap</th>
        <th scope="col">95 % interval</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.questionId}>
          <th scope="row">{r.statement}</th>
          <td>
            {agreeText(r.business.agreePct)} <span className="muted small">(n={r.business.respondents})</span>
            <DistributionBar distribution={r.business.distribution} label="The business's answers" />
          </td>
          <td>
            {agreeText(r.it.agreePct)} <span className="muted small">(n={r.it.respondents})</span>
            <DistributionBar distribution={r.it.distribution} label="IT's answers" />
          </td>
          <td>
            <GapValue row={r} />
          </td>
          <td className="small">{ciText(r)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Units (or services) × statements: the gap in each cell, withheld cells marked. */
const GapMatrix = ({
  groups,
  statements,
  title,
}: {
  groups: PerceptionGap["units"];
  statements: GapRow[];
  title: string;
}) => (
  <section className="panel">
    <h2>{title}</h2>
    <p className="muted small">
      Gap in points per statement (IT's belief minus the business's answer). ● marks a significant gap.
    </p>
    <div style={{ overflowX: "auto" }}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{title.includes("service") ? "Service" : "Business unit"}</th>
            {statements.map((s, k) => (
              <th scope="col" key={s.questionId} title={s.statement}>
                S{k + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id ?? g.name}>
              <th scope="row">{g.name}</th>
              {statements.map((s) => {
                const row = g.rows.find((r) => r.questionId === s.questionId);
                return (
                  <td key={s.questionId}>
                    {row ? <GapValue row={row} /> : <span className="muted">–</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <ol className="small muted">
      {statements.map((s) => (
        <li key={s.questionId}>{s.statement}</li>
      ))}
    </ol>
  </section>
);

/**
 * The perception gap, the product's signature view: for each statement, how many in the business
 * agree and how many IT believes would, largest gaps first, per unit and per service below.
 */
export const PerceptionGapPage = () => {
  const fallback = useMemo(lastYear, []);
  const [from, setFrom] = useUrlState("from", fallback.from);
  const [to, setTo] = useUrlState("to", fallback.to);
  const gap = useApi(
    (signal) => apiGet<PerceptionGap>(`/api/v1/perception-gap?from=${from}&to=${to}`, signal),
    [from, to],
  );
  const option = useMemo(() => (gap.data ? dumbbell(gap.data.overall) : {}), [gap.data]);
  const head = (
    <div className="page-head">
      <h1>Perception gap</h1>
      <div className="page-tools">
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>{" "}
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
    </div>
  );
  if (!gap.data)
    return (
      <section>
        {head}
        <LoadingState loading={gap.loading} error={gap.error} what="perception gap" retry={gap.reload} />
      </section>
    );
  const g = gap.data;
  const top = g.overall.find((r) => r.gapPoints !== null);
  return (
    <section>
      {head}
      {g.overall.length === 0 ? (
        <EmptyState next="Send the value-perception survey to business units and its mirror to IT staff (Campaigns).">
          No answers to mirrored statements between {formatDate(g.from)} and {formatDate(g.to)}.
        </EmptyState>
      ) : (
        <>
          {top ? (
            <p className="panel gap-headline">
              Largest gap: <strong>{top.statement}</strong> IT believes {agreeText(top.it.agreePct)} of the
              business agree; {agreeText(top.business.agreePct)} do (<GapValue row={top} />, 95 % interval{" "}
              {ciText(top)} points).
            </p>
          ) : null}
          <ChartFrame
            title="What the business says, and what IT thinks it says"
            description={`Share agreeing (4 or 5 of 5) per statement, largest gap on top, ${formatDate(g.from)} to ${formatDate(g.to)}. Groups under ${g.minimumGroup} respondents are withheld.`}
            option={option}
            height={Math.max(320, 34 * g.overall.length + 80)}
            columns={[
              { key: "statement", label: "Statement" },
              { key: "business", label: "The business agrees (%)", numeric: true },
              { key: "it", label: "IT thinks the business agrees (%)", numeric: true },
              { key: "gap", label: "Gap (points)", numeric: true },
              { key: "ciLow", label: "95 % low", numeric: true },
              { key: "ciHigh", label: "95 % high", numeric: true },
              { key: "significant", label: "Significant" },
            ]}
            rows={g.overall.map((r) => ({
              statement: r.statement,
              business: r.business.agreePct,
              it: r.it.agreePct,
              gap: r.gapPoints,
              ciLow: r.ciLow,
              ciHigh: r.ciHigh,
              significant: r.significant ? "yes" : "no",
            }))}
          />
          <section className="panel">
            <h2>Both distributions per statement</h2>
            <p className="muted small">
              Bars run from strongly disagree (red) to strongly agree (green). ● marks a gap whose 95 %
              interval excludes zero. {formatNumber(g.minimumGroup, 0)} respondents at least per group;
              smaller groups, and groups that could be worked out from the others, are withheld.
            </p>
            <GapTable rows={g.overall} caption="Perception gap per statement" />
          </section>
          {g.units.length > 0 ? (
            <GapMatrix groups={g.units} statements={g.overall} title="Per business unit" />
          ) : null}
          {g.services.length > 0 ? (
            <GapMatrix groups={g.services} statements={g.overall} title="Per service" />
          ) : null}
        </>
      )}
    </section>
  );
};
