import type { KpiDirection, KpiFrequency, KpiStatus, KpiTarget } from "../schemas/kpi.js";
import { addDays, frequencyDays, type Period } from "./period.js";

/**
 * Achievement %: (actual − baseline) / (target − baseline) × 100. Direction-aware because the sign
 * of (target − baseline) carries it: for a lower-is-better KPI the target is below the baseline.
 * Capped to 0-100 so that overshooting one KPI cannot hide another's shortfall.
 */
export const achievementPct = (actual: number, baseline: number, target: number): number | null => {
  if (target === baseline) return null;
  const raw = ((actual - baseline) / (target - baseline)) * 100;
  return Math.min(100, Math.max(0, raw));
};

export interface Thresholds {
  greenFrom: number;
  amberFrom: number;
}
export const defaultThresholds: Thresholds = { greenFrom: 90, amberFrom: 75 };

export const statusOf = (achievement: number, thresholds: Thresholds = defaultThresholds): KpiStatus =>
  achievement >= thresholds.greenFrom ? "green" : achievement >= thresholds.amberFrom ? "amber" : "red";

/** A target that contradicts the KPI's direction would turn improvement into failure. */
export const directionProblem = (
  direction: KpiDirection,
  baseline: number,
  target: number,
): string | null => {
  if (target === baseline) return "must differ from baseline, or achievement is undefined";
  if (direction === "higher" && target < baseline)
    return "is below baseline but higher is better for this KPI";
  if (direction === "lower" && target > baseline) return "is above baseline but lower is better for this KPI";
  return null;
};

/** The target in force for a period: the covering target, its latest step reached by the period's end. */
export const targetFor = (
  targets: readonly KpiTarget[],
  period: Period,
): { baseline: number; target: number } | null => {
  const lastDay = addDays(period.end, -1);
  const covering =
    targets.find((t) => t.periodStart <= lastDay && lastDay <= t.periodEnd) ??
    [...targets]
      .filter((t) => t.periodEnd < lastDay)
      .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
  if (!covering) return null;
  if (lastDay >= covering.periodEnd || covering.steps.length === 0) {
    return { baseline: covering.baseline, target: covering.target };
  }
  const steps = [...covering.steps].sort((a, b) => a.on.localeCompare(b.on));
  const reached = steps.filter((s) => s.on <= lastDay).at(-1) ?? steps[0];
  return { baseline: covering.baseline, target: reached?.value ?? covering.target };
};

/** Stale: the newest data is older than one frequency interval before the period's end (or today). */
export const isStale = (
  asOf: string | null,
  period: Period,
  frequency: KpiFrequency,
  today: string,
): boolean => {
  if (asOf === null) return false;
  const reference = today < period.end ? today : addDays(period.end, -1);
  return addDays(asOf, frequencyDays[frequency]) < reference;
};

export interface Evaluation {
  achievementPct: number | null;
  status: KpiStatus;
  baseline: number | null;
  target: number | null;
}

export const evaluate = (
  value: number | null,
  asOf: string | null,
  target: { baseline: number; target: number } | null,
  period: Period,
  frequency: KpiFrequency,
  today: string,
  thresholds: Thresholds = defaultThresholds,
): Evaluation => {
  const base = { baseline: target?.baseline ?? null, target: target?.target ?? null };
  if (value === null) return { ...base, achievementPct: null, status: "no_data" };
  const achievement = target ? achievementPct(value, target.baseline, target.target) : null;
  if (isStale(asOf, period, frequency, today))
    return { ...base, achievementPct: achievement, status: "stale" };
  if (achievement === null) return { ...base, achievementPct: null, status: "no_data" };
  return { ...base, achievementPct: achievement, status: statusOf(achievement, thresholds) };
};
