import { topPriorityGoalIds } from "../domain/kpis/alignment-score.js";
import type { KpiReading } from "../domain/schemas/kpi.js";
import { requirePermission } from "../store/access.js";
import type { Repositories } from "../store/repositories/index.js";
import { evaluateKpis } from "./evaluate-kpis.js";
import type { KpiSourceRegistry } from "./kpi-source-registry.js";

export interface RecomputeKpisOptions {
  repositories: Repositories;
  sources: KpiSourceRegistry;
  period: string;
  /** Now, as an ISO instant. */
  now: string;
}

export interface RecomputeKpisResult {
  period: string;
  kpis: number;
  /** Snapshots written for the first time. */
  created: number;
  /** Snapshots whose recomputed value now differs from what was known at the time. */
  changed: number;
  effortPct: number | null;
  moneyPct: number | null;
  readings: KpiReading[];
}

/**
 * Recomputes every KPI for a period and keeps the snapshot history, with the period's effort and
 * money on top-priority goals for the alignment score. Runs over every KPI, so it is not for a
 * scoped reader.
 */
export const recomputeKpis = async (options: RecomputeKpisOptions): Promise<RecomputeKpisResult> => {
  requirePermission(options.repositories.actor, "business-graph:write");
  const today = options.now.slice(0, 10);
  const { period, readings } = await evaluateKpis({ ...options, today });
  const { created, changed } = await options.repositories.kpiData.saveSnapshots(
    period.label,
    readings.map((r) => ({
      kpiId: r.kpiId,
      value: r.value,
      target: r.target,
      achievementPct: r.achievementPct,
      status: r.status,
      asOf: r.asOf,
    })),
    options.now,
  );
  const top = [...topPriorityGoalIds(await options.repositories.kpiData.goals())];
  const [effortPct, moneyPct] = await Promise.all([
    options.repositories.kpiData.effortOnGoals(top, period.start, period.end),
    options.repositories.kpiData.moneyOnGoals(top, period.start, period.end),
  ]);
  await options.repositories.kpiData.saveAlignmentPeriod(period.label, effortPct, moneyPct, options.now);
  return { period: period.label, kpis: readings.length, created, changed, effortPct, moneyPct, readings };
};
