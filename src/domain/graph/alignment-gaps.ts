import type { AlignmentGaps } from "../schemas/graph.js";
import { byName, goalAncestors, indexGraph, round6 } from "./graph-index.js";
import type { GapRows } from "./graph-rows.js";

/** Weights are entered by hand; a total this close to 100 is 100. */
export const WEIGHT_TOLERANCE = 0.01;

const isRetired = (s: { lifecycleStatus: string }) => s.lifecycleStatus === "retired";

/**
 * Where the alignment graph has holes. Retired services are out of the report altogether:
 * they need no goal, owner, SLA or shares any more.
 *
 * - A service serves a goal when it supports a capability that serves a goal, or when such a
 *   service (transitively) depends on it: infrastructure that carries a serving service is
 *   not a gap.
 * - An active goal has a service when a non-retired service supports a capability serving it
 *   or any goal beneath it in the cascade (weight is carried up the cascade, see trace-up).
 * - A capability has no owner when it names none or names an archived unit.
 */
export const findAlignmentGaps = (rows: GapRows): AlignmentGaps => {
  const index = indexGraph(rows);
  const current = rows.services.filter((s) => !isRetired(s));
  const ref = (n: { id: string; name: string }) => ({ id: n.id, name: n.name });
  const named = <T extends { id: string; name: string }>(items: T[]) => [...items].sort(byName).map(ref);

  const servedGoals = new Set<string>();
  const serving: string[] = [];
  for (const s of current) {
    let servesAny = false;
    for (const { capabilityId } of index.capabilitiesOfService.get(s.id) ?? []) {
      for (const { goalId } of index.goalsOfCapability.get(capabilityId) ?? []) {
        servesAny = true;
        servedGoals.add(goalId);
        for (const ancestor of goalAncestors(index, goalId)) servedGoals.add(ancestor);
      }
    }
    if (servesAny) serving.push(s.id);
  }
  const carried = new Set(serving);
  for (let i = 0; i < serving.length; i++) {
    for (const next of index.dependenciesOf.get(serving[i] as string) ?? []) {
      if (carried.has(next)) continue;
      carried.add(next);
      serving.push(next);
    }
  }

  const sla = new Set(rows.slaServiceIds);
  const weightsNotAddingUp: AlignmentGaps["weightsNotAddingUp"] = [];
  const check = (
    kind: AlignmentGaps["weightsNotAddingUp"][number]["kind"],
    item: { id: string; name: string },
    values: number[],
  ) => {
    if (values.length === 0) return;
    // Weight gap (schemas/graph.ts weightGap): an item's shares or weights must total 100, within the tolerance.
    const total = round6(values.reduce((sum, v) => sum + v, 0));
    if (Math.abs(total - 100) > WEIGHT_TOLERANCE) weightsNotAddingUp.push({ kind, item: ref(item), total });
  };
  for (const s of [...current].sort(byName)) {
    check(
      "service consumption shares",
      s,
      (index.consumersOfService.get(s.id) ?? []).map((c) => c.share),
    );
  }
  for (const c of [...rows.capabilities].sort(byName)) {
    check(
      "capability goal weights",
      c,
      (index.goalsOfCapability.get(c.id) ?? []).map((g) => g.weight),
    );
  }
  const initiativeWeights = new Map<string, number[]>();
  for (const l of rows.initiativeGoals) {
    if (!index.goals.has(l.goalId)) continue;
    initiativeWeights.set(l.initiativeId, [...(initiativeWeights.get(l.initiativeId) ?? []), l.weight]);
  }
  for (const i of [...rows.initiatives].sort(byName))
    check("initiative goal weights", i, initiativeWeights.get(i.id) ?? []);

  return {
    servicesServingNoGoal: named(current.filter((s) => !carried.has(s.id))),
    goalsWithoutService: named(rows.goals.filter((g) => g.status === "active" && !servedGoals.has(g.id))),
    capabilitiesWithoutOwner: named(
      rows.capabilities.filter((c) => !c.ownerBusinessUnitId || !index.units.has(c.ownerBusinessUnitId)),
    ),
    consumedServicesWithoutSla: named(
      current.filter((s) => (index.consumersOfService.get(s.id)?.length ?? 0) > 0 && !sla.has(s.id)),
    ),
    servicesWithoutBusinessOwner: named(current.filter((s) => s.businessOwnerId === null)),
    weightsNotAddingUp,
  };
};
