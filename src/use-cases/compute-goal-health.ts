import {
  type GoalHealth,
  type HealthRule,
  computeGoalHealth as healthOf,
} from "../domain/kpis/goal-health.js";
import type { KpiReading } from "../domain/schemas/kpi.js";
import type { Repositories } from "../store/repositories/index.js";
import { evaluateKpis } from "./evaluate-kpis.js";
import type { KpiSourceRegistry } from "./kpi-source-registry.js";

export interface ComputeGoalHealthOptions {
  repositories: Repositories;
  sources: KpiSourceRegistry;
  period: string;
  today: string;
  rule?: HealthRule;
}

export interface GoalHealthReport {
  period: string;
  rule: HealthRule;
  goals: (GoalHealth & { parentId: string | null; priorityWeight: number })[];
  kpis: KpiReading[];
}

/** Every visible goal's health for a period, from its KPIs (read live) and its child goals. */
export const computeGoalHealth = async (options: ComputeGoalHealthOptions): Promise<GoalHealthReport> => {
  const rule = options.rule ?? "weighted_mean";
  const [goals, evaluated] = await Promise.all([
    options.repositories.kpiData.goals(),
    evaluateKpis({
      repositories: options.repositories,
      sources: options.sources,
      period: options.period,
      today: options.today,
    }),
  ]);
  const weightOf = new Map(evaluated.kpis.map((k) => [k.id, k.weight]));
  const health = healthOf(
    goals,
    evaluated.readings
      .filter((r) => r.goalId !== null)
      .map((r) => ({
        id: r.kpiId,
        name: r.name,
        goalId: r.goalId as string,
        weight: weightOf.get(r.kpiId) ?? 1,
        unit: r.unit,
        direction: r.direction,
        value: r.value,
        target: r.target,
        achievementPct: r.achievementPct,
        status: r.status,
      })),
    rule,
  );
  return {
    period: evaluated.period.label,
    rule,
    goals: goals.map((g) => ({
      ...(health.get(g.id) as GoalHealth),
      parentId: g.parentId,
      priorityWeight: g.priorityWeight,
    })),
    kpis: evaluated.readings,
  };
};
