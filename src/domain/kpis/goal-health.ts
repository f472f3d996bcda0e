import type { KpiDirection, KpiStatus, KpiUnit } from "../schemas/kpi.js";
import { statusOf } from "./achievement.js";

/**
 * Goal health (0-100): a goal's items are its KPIs (weighted by KPI weight, achievement %) and its
 * child goals (weighted by priority weight, their health). Items without data are left out and
 * said so. Two rules: the weighted mean of the items, or the worst item.
 */
export type HealthRule = "weighted_mean" | "worst_child";

export interface HealthGoal {
  id: string;
  name: string;
  parentId: string | null;
  priorityWeight: number;
}

export interface HealthKpi {
  id: string;
  name: string;
  goalId: string;
  weight: number;
  unit: KpiUnit;
  direction: KpiDirection;
  value: number | null;
  target: number | null;
  achievementPct: number | null;
  status: KpiStatus;
}

export interface HealthItem {
  kind: "kpi" | "goal";
  id: string;
  name: string;
  weight: number;
  /** Share of the goal's health this item carries (0-1); 0 when it has no data or is not the worst. */
  share: number;
  score: number | null;
}

export interface GoalHealth {
  goalId: string;
  name: string;
  health: number | null;
  status: KpiStatus;
  items: HealthItem[];
  warnings: string[];
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * Weights are relative (shares are computed from them), but a set that looks meant as fractions
 * or percentages and does not add up is almost always a typing slip: say so, do not hide it.
 */
export const weightWarning = (
  owner: string,
  weights: readonly { name: string; weight: number }[],
): string | null => {
  if (weights.length === 0) return null;
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (near(sum, 0)) return `the weights under "${owner}" are all 0; nothing under it counts`;
  const fractions = weights.every((w) => w.weight <= 1);
  if (fractions && weights.length > 1 && !near(sum, 1)) {
    return `the weights under "${owner}" add up to ${round(sum, 3)}, not 1; each is used as its share of ${round(sum, 3)}`;
  }
  if (!fractions && sum > 90 && sum < 110 && !near(sum, 100)) {
    return `the weights under "${owner}" add up to ${round(sum, 2)}, not 100; each is used as its share of ${round(sum, 2)}`;
  }
  return null;
};

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Health of every goal, children before parents. */
export const computeGoalHealth = (
  goals: readonly HealthGoal[],
  kpis: readonly HealthKpi[],
  rule: HealthRule = "weighted_mean",
): Map<string, GoalHealth> => {
  const children = new Map<string, HealthGoal[]>();
  const kpisOf = new Map<string, HealthKpi[]>();
  const known = new Set(goals.map((g) => g.id));
  for (const g of goals) {
    if (g.parentId && known.has(g.parentId)) {
      children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
    }
  }
  for (const k of kpis) kpisOf.set(k.goalId, [...(kpisOf.get(k.goalId) ?? []), k]);
  const result = new Map<string, GoalHealth>();

  const visit = (goal: HealthGoal, path: Set<string>): GoalHealth => {
    const done = result.get(goal.id);
    if (done) return done;
    if (path.has(goal.id))
      return { goalId: goal.id, name: goal.name, health: null, status: "no_data", items: [], warnings: [] };
    path.add(goal.id);
    const kids = children.get(goal.id) ?? [];
    const items: HealthItem[] = [
      ...(kpisOf.get(goal.id) ?? []).map((k) => ({
        kind: "kpi" as const,
        id: k.id,
        name: k.name,
        weight: k.weight,
        share: 0,
        score: k.achievementPct,
      })),
      ...kids.map((c) => ({
        kind: "goal" as const,
        id: c.id,
        name: c.name,
        weight: c.priorityWeight,
        share: 0,
        score: visit(c, path).health,
      })),
    ];
    const warnings: string[] = [];
    const childWarning = weightWarning(
      goal.name,
      kids.map((c) => ({ name: c.name, weight: c.priorityWeight })),
    );
    if (childWarning) warnings.push(childWarning);
    const counted = items.filter((i) => i.score !== null && i.weight > 0);
    let health: number | null = null;
    if (counted.length > 0) {
      if (rule === "worst_child") {
        const worst = counted.reduce((a, b) => ((b.score as number) < (a.score as number) ? b : a));
        worst.share = 1;
        health = worst.score;
      } else {
        const total = counted.reduce((s, i) => s + i.weight, 0);
        for (const i of counted) i.share = i.weight / total;
        health = counted.reduce((s, i) => s + i.share * (i.score as number), 0);
      }
    }
    const missing = items.filter((i) => i.score === null);
    if (missing.length > 0 && counted.length > 0) {
      warnings.push(
        `${missing.length} of ${items.length} items under "${goal.name}" have no data and are left out`,
      );
    }
    const health_: GoalHealth = {
      goalId: goal.id,
      name: goal.name,
      health,
      status: health === null ? "no_data" : statusOf(health),
      items,
      warnings,
    };
    result.set(goal.id, health_);
    path.delete(goal.id);
    return health_;
  };
  for (const g of goals) visit(g, new Set());
  return result;
};
