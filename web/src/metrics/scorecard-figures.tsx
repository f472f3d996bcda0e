import {
  formatCount,
  formatHours,
  formatPercent,
  formatPointChange,
  formatWholeEuros,
} from "../components/locale-format.js";
import type { ScorecardAnswer } from "./metrics-api.js";

type Card = ScorecardAnswer["scorecard"];

interface Figure {
  /** Plain language first; the ITSM term is one hover away. */
  label: string;
  term: string;
  value: (s: Card) => number | null;
  show: (v: number) => string;
  /** Key of the change in the answer, and whether up is good. */
  metric: string;
  higherIsBetter: boolean;
  target?: (s: Card) => number | null;
}

const figures: Figure[] = [
  {
    label: "Up when needed",
    term: "Availability against agreed service hours",
    value: (s) => s.availabilityPct,
    show: (v) => formatPercent(v, 2),
    metric: "availability_pct",
    higherIsBetter: true,
    target: (s) => s.availabilityTargetPct,
  },
  {
    label: "Resolved within the promised time",
    term: "SLA attainment",
    value: (s) => s.slaAttainmentPct,
    show: (v) => formatPercent(v),
    metric: "sla_attainment_pct",
    higherIsBetter: true,
  },
  {
    label: "Incidents",
    term: "Incidents opened in the period",
    value: (s) => s.incidents,
    show: (v) => formatCount(v),
    metric: "incidents",
    higherIsBetter: false,
  },
  {
    label: "Typical time to fix",
    term: "MTTR, median (mean and p90 on hover)",
    value: (s) => s.mttrHours.median,
    show: (v) => formatHours(v),
    metric: "mttr_median_hours",
    higherIsBetter: false,
  },
  {
    label: "What outages cost",
    term: "Downtime cost: outage hours × cost of downtime per hour × support strength",
    value: (s) => s.downtimeCostCents,
    show: (v) => formatWholeEuros(v),
    metric: "downtime_cost_cents",
    higherIsBetter: false,
  },
  {
    label: "Fixed at first contact",
    term: "First-contact resolution",
    value: (s) => s.firstContactResolutionPct,
    show: (v) => formatPercent(v),
    metric: "first_contact_resolution_pct",
    higherIsBetter: true,
  },
  {
    label: "Came back after fixing",
    term: "Reopen rate",
    value: (s) => s.reopenRatePct,
    show: (v) => formatPercent(v),
    metric: "reopen_rate_pct",
    higherIsBetter: false,
  },
  {
    label: "Changes that went well",
    term: "Change success rate",
    value: (s) => s.changeSuccessPct,
    show: (v) => formatPercent(v),
    metric: "change_success_pct",
    higherIsBetter: true,
  },
  {
    label: "Still open at the end",
    term: "Backlog at period end",
    value: (s) => s.backlog.atEnd,
    show: (v) => formatCount(v),
    metric: "backlog",
    higherIsBetter: false,
  },
];

/** The scorecard as figures with their change against the period before; "no data" is never 0. */
export const ScorecardFigures = ({ answer }: { answer: ScorecardAnswer }) => {
  const s = answer.scorecard;
  return (
    <dl className="scorecard-figures" data-testid="scorecard-figures">
      {figures.map((f) => {
        const value = f.value(s);
        const change = answer.change[f.metric] ?? null;
        const better = change === null || change === 0 ? null : change > 0 === f.higherIsBetter;
        const target = f.target?.(s) ?? null;
        const detail =
          f.metric === "mttr_median_hours" && s.mttrHours.mean !== null
            ? ` — mean ${formatHours(s.mttrHours.mean)}, p90 ${formatHours(s.mttrHours.p90 ?? 0)} over ${formatCount(s.mttrHours.count)} incidents`
            : "";
        return (
          <div key={f.metric} className="scorecard-figure" data-metric={f.metric}>
            <dt title={`${f.term}${detail}`}>{f.label}</dt>
            <dd>
              <span className="figure-value">{value === null ? "no data" : f.show(value)}</span>
              {target !== null ? (
                <span className="muted small"> target {formatPercent(target, 2)}</span>
              ) : null}
              {change !== null && change !== 0 ? (
                <span
                  className={`figure-change ${better ? "better" : "worse"}`}
                  title="Against the period before"
                >
                  {f.metric.endsWith("_pct")
                    ? formatPointChange(change)
                    : `${change > 0 ? "+" : "−"}${f.show(Math.abs(change))}`}
                </span>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
};
