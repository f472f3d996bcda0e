import {
  type AlignmentScore,
  explainScoreChange,
  type ScoreChange,
  computeAlignmentScore as scoreOf,
} from "../domain/kpis/alignment-score.js";
import type { HealthKpi, HealthRule } from "../domain/kpis/goal-health.js";
import { parsePeriod, previousPeriod } from "../domain/kpis/period.js";
import type { KpiSnapshot } from "../domain/schemas/kpi.js";
import { scopeUnits } from "../store/access.js";
import type { Repositories } from "../store/repositories/index.js";
import { evaluateKpis } from "./evaluate-kpis.js";
import type { KpiSourceRegistry } from "./kpi-source-registry.js";

export interface ComputeAlignmentScoreOptions {
  repositories: Repositories;
  period: string;
  /** The period to explain the change against; default the one before. Null: no comparison. */
  compareTo?: string | null;
  rule?: HealthRule;
  /** Use the values as first known (the review's view) rather than as recomputed since. */
  asKnown?: boolean;
  /** Without snapshots for a period, its KPIs are read live through these sources. */
  sources?: KpiSourceRegistry;
  today?: string;
}

export interface AlignmentScoreReport extends AlignmentScore {
  previous: { period: string; score: number | null } | null;
  changes: ScoreChange[];
}

type ScoreRow = Awaited<ReturnType<Repositories["kpiData"]["scoreRows"]>>[number];

/**
 * The last scores asked for, by actor reach, periods, rule and the store's fingerprint of what they
 * read: a cockpit asks for the same score again and again, and it only changes when KPIs, goals or
 * snapshots do (the fingerprint is one small query, so several servers stay correct).
 */
const recentScores = new Map<string, AlignmentScoreReport>();
const RECENT_SCORES = 32;
const remember = (key: string, report: AlignmentScoreReport) => {
  recentScores.delete(key);
  recentScores.set(key, report);
  if (recentScores.size > RECENT_SCORES) recentScores.delete(recentScores.keys().next().value as string);
};

const healthKpis = (
  rows: readonly ScoreRow[],
  period: string,
  asKnown: boolean,
  live: Map<string, KpiSnapshot> | null,
): HealthKpi[] => {
  const byKpi = new Map<string, HealthKpi>();
  for (const r of rows) {
    const snap = live?.get(r.id);
    const mine = r.period === period;
    const recomputed = !asKnown && mine && r.recomputed === true;
    const blank = !byKpi.has(r.id);
    if (!mine && !blank && !snap) continue;
    byKpi.set(r.id, {
      id: r.id,
      name: r.name,
      goalId: r.goalId,
      weight: r.weight,
      unit: r.unit,
      direction: r.direction,
      value: snap ? snap.value : mine ? (recomputed ? r.recomputedValue : r.value) : null,
      target: snap ? snap.target : mine ? r.target : null,
      achievementPct: snap
        ? snap.achievementPct
        : mine
          ? recomputed
            ? r.recomputedAchievement
            : r.achievement
          : null,
      status: snap
        ? snap.status
        : mine
          ? ((recomputed ? r.recomputedStatus : r.status) ?? "no_data")
          : "no_data",
    });
  }
  return [...byKpi.values()];
};

/**
 * The alignment score of a period with its explanation tree and, against an earlier period, the
 * sentences that say why it moved. Reads the stored snapshots (no tickets are scanned); a scoped
 * reader gets the score of their own goals, without the organisation-wide effort and money parts.
 */
export const computeAlignmentScore = async (
  options: ComputeAlignmentScoreOptions,
): Promise<AlignmentScoreReport> => {
  const { repositories } = options;
  const period = parsePeriod(options.period);
  const compare =
    options.compareTo === null ? null : parsePeriod(options.compareTo ?? previousPeriod(period).label);
  const scoped = scopeUnits(repositories.actor) !== null;
  const labels = compare ? [period.label, compare.label] : [period.label];
  const units = scopeUnits(repositories.actor);
  const fingerprint = await repositories.kpiData.scoreFingerprint(labels);
  const key = JSON.stringify([
    units === null ? null : [...units].sort(),
    labels,
    options.rule ?? "weighted_mean",
    options.asKnown ?? false,
    fingerprint,
  ]);
  const remembered = recentScores.get(key);
  if (remembered) return remembered;
  const [goals, rows] = await Promise.all([
    repositories.kpiData.goals(),
    repositories.kpiData.scoreRows(labels),
  ]);

  const scoreFor = async (label: string): Promise<AlignmentScore> => {
    let live: Map<string, KpiSnapshot> | null = null;
    if (options.sources && !rows.some((r) => r.period === label)) {
      // No snapshots for this period yet: read its KPIs live (nothing is stored).
      const evaluated = await evaluateKpis({
        repositories,
        sources: options.sources,
        period: label,
        today: options.today ?? new Date().toISOString().slice(0, 10),
      });
      live = new Map(
        evaluated.readings.map((r) => [
          r.kpiId,
          {
            kpiId: r.kpiId,
            period: label,
            value: r.value,
            target: r.target,
            achievementPct: r.achievementPct,
            status: r.status,
            computedAt: "",
            recomputedValue: null,
            recomputedAchievementPct: null,
            recomputedStatus: null,
            recomputedAt: null,
          },
        ]),
      );
    }
    const inputs = scoped ? null : await repositories.kpiData.alignmentPeriod(label);
    return scoreOf({
      period: label,
      goals,
      kpis: healthKpis(rows, label, options.asKnown ?? false, live),
      effortPct: inputs?.effortPct ?? null,
      moneyPct: inputs?.moneyPct ?? null,
      ...(options.rule ? { rule: options.rule } : {}),
    });
  };

  let live = false;
  const current = await scoreFor(period.label);
  live ||= !rows.some((r) => r.period === period.label);
  let report: AlignmentScoreReport;
  if (!compare) report = { ...current, previous: null, changes: [] };
  else {
    const before = await scoreFor(compare.label);
    live ||= !rows.some((r) => r.period === compare.label);
    report = {
      ...current,
      previous: { period: compare.label, score: before.score },
      changes: explainScoreChange(before, current),
    };
  }
  // Scores read live (no snapshots) depend on data the fingerprint does not cover: never kept.
  if (!live || !options.sources) remember(key, report);
  return report;
};
