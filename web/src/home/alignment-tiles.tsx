import { Link } from "react-router";
import type { z } from "zod";
import type { alignmentScoreReport, goalHealthReport } from "../../../src/domain/schemas/alignment-score.js";
import { useApi } from "../api/use-api.js";
import { formatNumber, formatPointChange } from "../components/locale-format.js";
import { optionalGet } from "./optional-get.js";
import { Tile } from "./tile.js";

type AlignmentScoreReport = z.infer<typeof alignmentScoreReport>;
type GoalHealthReport = z.infer<typeof goalHealthReport>;

/** The alignment score of the current period, how it moved since the last, and why. */
export const AlignmentScoreTile = () => {
  const report = useApi((signal) => optionalGet<AlignmentScoreReport>("/api/v1/alignment-score", signal), []);
  const r = report.data;
  const movement = r && r.score !== null && r.previous?.score != null ? r.score - r.previous.score : null;
  return (
    <Tile
      title="Alignment score"
      to="/alignment"
      linkLabel="How it is made"
      loading={report.loading && !r}
      error={report.error}
      retry={report.reload}
      testId="tile-alignment-score"
      empty={
        r === null ? (
          <p>This Tandem does not compute an alignment score.</p>
        ) : r && r.score === null ? (
          <p>
            No score for {r.period} yet: it needs KPIs with targets and measurements on the{" "}
            <Link to="/goals">goals</Link>.
          </p>
        ) : undefined
      }
    >
      {r && r.score !== null ? (
        <>
          <p className="tile-lead">
            <strong data-testid="alignment-score">{formatNumber(r.score, 0)}</strong> / 100{" "}
            <span className="muted">in {r.period}</span>
          </p>
          {movement !== null ? (
            <p className={movement >= 0 ? "movement up" : "movement down"} data-testid="alignment-movement">
              {formatPointChange(movement, 1)} since {r.previous?.period}
            </p>
          ) : null}
          <ul className="plain-list small">
            {r.changes.slice(0, 3).map((c) => (
              <li key={`${c.kind}:${c.id}`}>{c.sentence}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Tile>
  );
};

const statusLabels: Record<string, string> = { red: "Off track", amber: "At risk" };

/** Goals whose KPIs say they are off track or at risk, the most important first. */
export const GoalsAtRiskTile = () => {
  const report = useApi((signal) => optionalGet<GoalHealthReport>("/api/v1/goal-health", signal), []);
  const atRisk = (report.data?.goals ?? [])
    .filter((g) => g.status === "red" || g.status === "amber")
    .sort(
      (a, b) =>
        (a.status === "red" ? 0 : 1) - (b.status === "red" ? 0 : 1) ||
        b.priorityWeight - a.priorityWeight ||
        (a.health ?? 0) - (b.health ?? 0),
    );
  return (
    <Tile
      title="Goals at risk"
      to="/goals"
      linkLabel="All goals"
      loading={report.loading && !report.data}
      error={report.error}
      retry={report.reload}
      testId="tile-goals-at-risk"
      empty={
        report.data === null ? (
          <p>This Tandem does not judge goal health.</p>
        ) : report.data && atRisk.length === 0 ? (
          <p>
            No goal is at risk in {report.data.period}
            {report.data.goals.every((g) => g.status === "no_data")
              ? " (none is measured yet: add KPIs to goals)"
              : ""}
            .
          </p>
        ) : undefined
      }
    >
      <ul className="plain-list">
        {atRisk.slice(0, 6).map((g) => (
          <li key={g.goalId} className="tile-row">
            <Link to={`/goals/${g.goalId}`}>{g.name}</Link>
            <span className={`health tone-${g.status === "red" ? "bad" : "warn"}`}>
              {statusLabels[g.status]}
            </span>
          </li>
        ))}
      </ul>
    </Tile>
  );
};
