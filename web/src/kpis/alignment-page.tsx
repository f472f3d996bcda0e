import { useState } from "react";
import { Link } from "react-router";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { CorrelationPanel } from "./correlation-panel.js";
import { currentQuarter, KpiStatusBadge } from "./kpi-status.js";
import type { AlignmentNode, AlignmentScoreReport } from "./kpi-types.js";

const points = (p: number) => `${p >= 0 ? "+" : "−"}${Math.abs(p).toFixed(1)}`;

/** One node of the explanation: its own figure, its share, the points it adds; open to see why. */
const NodeRow = ({ node, depth }: { node: AlignmentNode; depth: number }) => {
  const target = node.kind === "kpi" ? `/kpis/${node.id}` : node.kind === "goal" ? `/goals/${node.id}` : null;
  // A summary is itself the control that opens the node: a link inside it would nest two controls.
  const expandable = node.children.length > 0;
  const label = (
    <span className="alignment-node">
      <strong>{target && !expandable ? <Link to={target}>{node.name}</Link> : node.name}</strong>{" "}
      <KpiStatusBadge status={node.status} score={node.score} />{" "}
      <span className="muted">
        {node.detail}; share {(node.share * 100).toFixed(0)} % of its parent; {points(node.points)} points
      </span>
    </span>
  );
  if (node.children.length === 0) return <li>{label}</li>;
  return (
    <li>
      <details open={depth < 3}>
        <summary>{label}</summary>
        {target ? (
          <p className="small">
            <Link to={target}>Open {node.name}</Link>
          </p>
        ) : null}
        <ul className="alignment-tree">
          {[...node.children]
            .sort((a, b) => b.points - a.points)
            .map((c) => (
              <NodeRow key={`${c.kind}:${c.id}`} node={c} depth={depth + 1} />
            ))}
        </ul>
      </details>
    </li>
  );
};

/** The alignment score (0-100), the tree of contributions down to each KPI value, and why it moved. */
export const AlignmentPage = () => {
  const [period, setPeriod] = useState(currentQuarter);
  const [rule, setRule] = useState<"weighted_mean" | "worst_child">("weighted_mean");
  const report = useApi(
    (signal) =>
      apiGet<AlignmentScoreReport>(
        `/api/v1/alignment-score?period=${encodeURIComponent(period)}&rule=${rule}`,
        signal,
      ),
    [period, rule],
  );
  const r = report.data;
  return (
    <section>
      <div className="page-head">
        <h1>Alignment score</h1>
        <p className="muted">
          0.6 × goal health + 0.2 × IT effort on top-priority goals + 0.2 × IT money on top-priority goals
          (parts without data are left out).
        </p>
      </div>
      <div className="toolbar">
        <label>
          Period <input value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <label>
          Goal health rule{" "}
          <select value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
            <option value="weighted_mean">weighted mean</option>
            <option value="worst_child">worst child</option>
          </select>
        </label>
      </div>
      <LoadingState loading={report.loading && !r} error={report.error} what="alignment score" />
      {r ? (
        <>
          <p className="big-figure" data-testid="alignment-score">
            {r.score === null ? "no data" : r.score.toFixed(1)}
            {r.previous?.score != null && r.score !== null ? (
              <span className="muted">
                {" "}
                ({points(r.score - r.previous.score)} since {r.previous.period})
              </span>
            ) : null}
          </p>
          {r.changes.length > 0 ? (
            <section className="panel" data-testid="why-moved">
              <h2>Why it moved since {r.previous?.period}</h2>
              <ul className="plain-list">
                {r.changes.slice(0, 12).map((c) => (
                  <li key={`${c.kind}:${c.id}`}>{c.sentence}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {r.warnings.filter((w) => !w.includes("have no data")).length > 0 ? (
            <ul className="notice">
              {r.warnings
                .filter((w) => !w.includes("have no data"))
                .map((w) => (
                  <li key={w}>{w}</li>
                ))}
            </ul>
          ) : null}
          <section className="panel" data-testid="alignment-tree">
            <h2>Where the score comes from</h2>
            <ul className="alignment-tree">
              <NodeRow node={r.tree} depth={0} />
            </ul>
          </section>
        </>
      ) : null}
      <CorrelationPanel />
    </section>
  );
};
