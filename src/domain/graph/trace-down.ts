import { TandemError } from "../errors.js";
import type { TraceDown } from "../schemas/graph.js";
import { byName, goalWithDescendants, indexGraph, round6 } from "./graph-index.js";
import type { GraphRows } from "./graph-rows.js";

/**
 * What a goal stands on: the goal and its descendants in the cascade, the capabilities that
 * serve any of them, the services supporting those capabilities (direct), and the services
 * those depend on, transitively (indirect).
 *
 * An indirect service inherits the largest path weight among the direct services that
 * (transitively) depend on it, not the sum: a shared dependency matters as much as the most
 * important service that needs it, and summing would count one goal's weight many times over.
 * Its `via` is the dependency chain (service names) from that direct service down to it,
 * the shortest one. A service that is direct is reported as direct only, with its own weight.
 *
 * The rows must hold the goal with its descendants, their capability links and capabilities,
 * the supporting services and the dependency closure beneath them.
 */
export const traceGoalDown = (rows: GraphRows, goalId: string): TraceDown => {
  const index = indexGraph(rows);
  const goal = index.goals.get(goalId);
  if (!goal) throw new TandemError("not_found", `business goal ${goalId} does not exist`);

  const goalIds = goalWithDescendants(index, goalId);
  const goals = goalIds.flatMap((id) => {
    const g = index.goals.get(id);
    // The answer is a tree rooted at the asked goal, so the root has no parent in it.
    return g ? [{ id: g.id, name: g.name, level: g.level, parentId: id === goalId ? null : g.parentId }] : [];
  });

  const capabilityWeight = new Map<string, number>();
  for (const id of goalIds) {
    for (const { capabilityId, weight } of index.capabilitiesOfGoal.get(id) ?? []) {
      // A capability's weight for the goal (schemas/graph.ts traceDown): Σ of its weights to the goal and its descendants.
      capabilityWeight.set(capabilityId, (capabilityWeight.get(capabilityId) ?? 0) + weight);
    }
  }
  const capabilities = [...capabilityWeight.entries()]
    .map(([id, weight]) => ({ id, name: index.capabilities.get(id)?.name ?? id, weight: round6(weight) }))
    .sort(byName);

  const directWeight = new Map<string, number>();
  const directVia = new Map<string, string[]>();
  for (const c of capabilities) {
    for (const { serviceId, strength } of index.servicesOfCapability.get(c.id) ?? []) {
      // Direct path weight (schemas/graph.ts traceUp): Σ over capabilities of strength × weight / 100.
      directWeight.set(
        serviceId,
        (directWeight.get(serviceId) ?? 0) + (strength * (capabilityWeight.get(c.id) ?? 0)) / 100,
      );
      directVia.set(serviceId, [...(directVia.get(serviceId) ?? []), c.name]);
    }
  }

  const nameOf = (serviceId: string) => index.services.get(serviceId)?.name ?? serviceId;
  const direct = [...directWeight.entries()]
    .map(([id, weight]) => ({ id, name: nameOf(id), pathWeight: round6(weight) }))
    // Heaviest first, so the first direct service to reach a dependency is the one it inherits from (the maximum).
    .sort((a, b) => b.pathWeight - a.pathWeight || byName(a, b));

  const indirect = new Map<string, { pathWeight: number; via: string[] }>();
  const visited = new Set<string>();
  for (const source of direct) {
    // Anything reachable from an already visited service was reached by a heavier (or equal, earlier) source.
    if (visited.has(source.id)) continue;
    visited.add(source.id);
    const pathTo = new Map<string, string[]>([[source.id, [source.name]]]);
    const queue = [source.id];
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i] as string;
      for (const next of index.dependenciesOf.get(at) ?? []) {
        if (visited.has(next)) continue;
        visited.add(next);
        const path = [...(pathTo.get(at) ?? []), nameOf(next)];
        pathTo.set(next, path);
        queue.push(next);
        if (!directWeight.has(next)) indirect.set(next, { pathWeight: source.pathWeight, via: path });
      }
    }
  }

  const services = [
    ...direct.map((s) => ({ ...s, via: directVia.get(s.id) ?? [], direct: true })),
    ...[...indirect.entries()].map(([id, s]) => ({ id, name: nameOf(id), ...s, direct: false })),
  ].sort((a, b) => b.pathWeight - a.pathWeight || Number(b.direct) - Number(a.direct) || byName(a, b));

  return {
    goal: { id: goal.id, name: goal.name, level: goal.level },
    goals,
    capabilities,
    services,
  };
};
