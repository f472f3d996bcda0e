import type { InvestmentCategory, SpendByGoal } from "../schemas/cost-model.js";
import { scaledWeight, splitCents } from "./split-cents.js";

export interface GoalFacts {
  goals: { id: string; name: string; level: string; priorityWeight: number; archived: boolean }[];
  /** Service supports capability, with strength 0..1. */
  serviceCapabilities: { serviceId: string; capabilityId: string; strength: number }[];
  /** Capability serves goal, with weight %. */
  capabilityGoals: { capabilityId: string; goalId: string; weight: number }[];
}

const NO_GOAL = "~no-goal";

/**
 * Spreads each service's cost over the goals it serves: over its capabilities in proportion to
 * support strength, then over each capability's goals by their weight (%); what weights under
 * 100 % leave, and the cost of services serving no goal, is "no goal". Every split is by largest
 * remainder, so goals plus "no goal" equal the services' total. Top-priority goals are the live
 * goals carrying the highest priority weight.
 */
export const spendByGoal = (
  period: string,
  serviceCents: ReadonlyMap<string, number>,
  categories: ReadonlyMap<string, InvestmentCategory>,
  facts: GoalFacts,
): SpendByGoal => {
  const live = facts.goals.filter((g) => !g.archived);
  const liveIds = new Set(live.map((g) => g.id));
  const capsOf = new Map<string, { key: string; weight: bigint }[]>();
  for (const l of facts.serviceCapabilities) {
    const list = capsOf.get(l.serviceId) ?? [];
    list.push({ key: l.capabilityId, weight: scaledWeight(l.strength) });
    capsOf.set(l.serviceId, list);
  }
  const goalsOf = new Map<string, { key: string; weight: bigint }[]>();
  for (const l of facts.capabilityGoals) {
    if (!liveIds.has(l.goalId)) continue;
    const list = goalsOf.get(l.capabilityId) ?? [];
    list.push({ key: l.goalId, weight: scaledWeight(l.weight) });
    goalsOf.set(l.capabilityId, list);
  }
  const toGoal = new Map<string, number>();
  const add = (k: string, c: number) => toGoal.set(k, (toGoal.get(k) ?? 0) + c);
  const byCategory = { run: 0, grow: 0, transform: 0 };
  let totalCents = 0;
  for (const [serviceId, cents] of [...serviceCents.entries()].sort()) {
    totalCents += cents;
    byCategory[categories.get(serviceId) ?? "run"] += cents;
    const caps = (capsOf.get(serviceId) ?? []).filter((c) => (goalsOf.get(c.key) ?? []).length > 0);
    const capSplit = splitCents(cents, caps);
    add(NO_GOAL, cents - capSplit.passed);
    for (const [capabilityId, capCents] of capSplit.parts) {
      const goals = goalsOf.get(capabilityId) ?? [];
      const sum = goals.reduce((s, g) => s + g.weight, 0n);
      const hundred = scaledWeight(100);
      // biome-ignore lint/complexity/useMathMinMax: BigInt weights; Math.max takes numbers only.
      const split = splitCents(capCents, goals, sum > hundred ? sum : hundred);
      add(NO_GOAL, capCents - split.passed);
      for (const [goalId, c] of split.parts) add(goalId, c);
    }
  }
  const top = live.reduce((m, g) => Math.max(m, g.priorityWeight), Number.NEGATIVE_INFINITY);
  const goals = live
    .map((g) => ({
      goalId: g.id,
      name: g.name,
      level: g.level,
      priorityWeight: g.priorityWeight,
      topPriority: g.priorityWeight === top,
      cents: toGoal.get(g.id) ?? 0,
    }))
    .sort((a, b) => b.cents - a.cents || a.name.localeCompare(b.name));
  const topPriorityCents = goals.filter((g) => g.topPriority).reduce((s, g) => s + g.cents, 0);
  return {
    period,
    totalCents,
    goals,
    noGoalCents: toGoal.get(NO_GOAL) ?? 0,
    topPriorityCents,
    topPriorityPct: totalCents === 0 ? null : Math.round((topPriorityCents / totalCents) * 1000) / 10,
    byCategory,
  };
};
