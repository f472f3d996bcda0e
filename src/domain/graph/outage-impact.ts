import { TandemError } from "../errors.js";
import type { OutageImpact } from "../schemas/graph.js";
import { byName, goalAncestors, indexGraph } from "./graph-index.js";
import type { GraphRows } from "./graph-rows.js";

/**
 * What stops when a service fails: the service and every service that (transitively) depends
 * on it, the capabilities they support, the goals those serve (with their ancestors), the units
 * consuming any impacted service, and the cost of an hour of it.
 *
 * The rows must hold the failed service with its dependants' closure, their capability links
 * and capabilities, those capabilities' goals with their ancestors, and the consuming units.
 */
export const outageImpactOf = (rows: GraphRows, serviceId: string): OutageImpact => {
  const index = indexGraph(rows);
  const failed = index.services.get(serviceId);
  if (!failed) throw new TandemError("not_found", `IT service ${serviceId} does not exist`);

  // Breadth first up the dependants, so each impacted service gets its shortest chain down to the failed one.
  const pathOf = new Map<string, string[]>([[failed.id, [failed.name]]]);
  const queue = [failed.id];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i] as string;
    for (const dependant of index.dependantsOf.get(at) ?? []) {
      if (pathOf.has(dependant)) continue;
      const name = index.services.get(dependant)?.name ?? dependant;
      pathOf.set(dependant, [name, ...(pathOf.get(at) ?? [])]);
      queue.push(dependant);
    }
  }
  const impactedServices = queue.map((id) => ({
    id,
    name: index.services.get(id)?.name ?? id,
    dependsOnPath: pathOf.get(id) ?? [],
  }));

  const strengthOf = new Map<string, number>();
  for (const id of queue) {
    for (const { capabilityId, strength } of index.capabilitiesOfService.get(id) ?? []) {
      // Capability strength in an outage (schemas/graph.ts outageImpact): the strongest support among impacted services.
      strengthOf.set(capabilityId, Math.max(strengthOf.get(capabilityId) ?? 0, strength));
    }
  }
  const capabilities = [...strengthOf.entries()]
    .flatMap(([id, strength]) => {
      const c = index.capabilities.get(id);
      if (!c) return [];
      return [
        {
          id: c.id,
          name: c.name,
          strength,
          downtimeCostPerHourCents: c.downtimeCostPerHourCents,
          // Cost per hour of a capability (schemas/graph.ts outageImpact): cost of downtime × strongest support, in whole cents.
          costPerHourCents: Math.round(c.downtimeCostPerHourCents * strength),
          users: c.users,
        },
      ];
    })
    .sort((a, b) => b.costPerHourCents - a.costPerHourCents || byName(a, b));

  const goalIds = new Set<string>();
  for (const c of capabilities) {
    for (const { goalId } of index.goalsOfCapability.get(c.id) ?? []) {
      goalIds.add(goalId);
      for (const ancestor of goalAncestors(index, goalId)) goalIds.add(ancestor);
    }
  }
  const goals = [...goalIds]
    .flatMap((id) => {
      const g = index.goals.get(id);
      return g ? [{ id: g.id, name: g.name, level: g.level }] : [];
    })
    .sort(byName);

  const units = new Map<string, number | null>();
  for (const id of queue) {
    for (const { businessUnitId, share } of index.consumersOfService.get(id) ?? []) {
      // A unit's share is how much of the failed service it consumes; null when it only consumes a dependant.
      if (id === failed.id) units.set(businessUnitId, share);
      else if (!units.has(businessUnitId)) units.set(businessUnitId, null);
    }
  }
  const businessUnits = [...units.entries()]
    .map(([id, share]) => ({ id, name: index.units.get(id)?.name ?? id, share }))
    .sort(byName);

  return {
    service: { id: failed.id, name: failed.name },
    impactedServices,
    capabilities,
    goals,
    businessUnits,
    // Users affected (schemas/graph.ts outageImpact): capabilities may share users, so at least the largest count…
    usersAtLeast: Math.max(0, ...capabilities.map((c) => c.users)),
    // …and at most their sum.
    usersAtMost: capabilities.reduce((sum, c) => sum + c.users, 0),
    // Outage cost per hour (schemas/graph.ts outageImpact): Σ over affected capabilities of their cost per hour.
    costPerHourCents: capabilities.reduce((sum, c) => sum + c.costPerHourCents, 0),
  };
};
