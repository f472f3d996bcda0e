import { TandemError } from "../errors.js";
import type { TraceUp } from "../schemas/graph.js";
import { byName, compareNames, goalAncestors, indexGraph, round6 } from "./graph-index.js";
import type { GraphRows } from "./graph-rows.js";

/**
 * Why a service matters: the capabilities it supports, the goals those capabilities serve
 * (and every goal above them in the cascade) and the business units involved.
 *
 * The rows must hold the service, its capability links, those capabilities' goal links, the
 * reached goals with their ancestors, and the units consuming the service or owning what is
 * reached; anything more is ignored.
 */
export const traceServiceUp = (rows: GraphRows, serviceId: string): TraceUp => {
  const index = indexGraph(rows);
  const service = index.services.get(serviceId);
  if (!service) throw new TandemError("not_found", `IT service ${serviceId} does not exist`);

  const supported = index.capabilitiesOfService.get(serviceId) ?? [];
  const pathWeight = new Map<string, number>();
  const via = new Map<string, Set<string>>();
  for (const { capabilityId, strength } of supported) {
    const capability = index.capabilities.get(capabilityId);
    if (!capability) continue;
    for (const { goalId, weight } of index.goalsOfCapability.get(capabilityId) ?? []) {
      // Path weight (schemas/graph.ts traceUp): Σ over paths of strength × weight / 100, carried up the cascade unchanged.
      const contribution = (strength * weight) / 100;
      for (const reached of [goalId, ...goalAncestors(index, goalId)]) {
        pathWeight.set(reached, (pathWeight.get(reached) ?? 0) + contribution);
        const names = via.get(reached) ?? new Set<string>();
        names.add(capability.name);
        via.set(reached, names);
      }
    }
  }

  const capabilities = supported.flatMap(({ capabilityId, strength }) => {
    const c = index.capabilities.get(capabilityId);
    return c
      ? [{ id: c.id, name: c.name, strength, downtimeCostPerHourCents: c.downtimeCostPerHourCents }]
      : [];
  });

  const goals = [...pathWeight.keys()]
    .flatMap((id) => {
      const g = index.goals.get(id);
      return g ? [g] : [];
    })
    .sort(byName)
    .map((g) => ({
      id: g.id,
      name: g.name,
      level: g.level,
      // Every live ancestor of a reached goal is reached too, so the parent is in the answer when it is live.
      parentId: g.parentId && pathWeight.has(g.parentId) ? g.parentId : null,
      pathWeight: round6(pathWeight.get(g.id) ?? 0),
      via: [...(via.get(g.id) ?? [])].sort(compareNames),
    }));

  interface UnitPart {
    consumesShare: number | null;
    ownsGoals: string[];
    ownsCapabilities: string[];
  }
  const units = new Map<string, UnitPart>();
  const partOf = (unitId: string): UnitPart | undefined => {
    if (!index.units.has(unitId)) return undefined;
    let part = units.get(unitId);
    if (!part) {
      part = { consumesShare: null, ownsGoals: [], ownsCapabilities: [] };
      units.set(unitId, part);
    }
    return part;
  };
  for (const { businessUnitId, share } of index.consumersOfService.get(serviceId) ?? []) {
    const part = partOf(businessUnitId);
    if (part) part.consumesShare = share;
  }
  for (const g of goals) {
    const owner = index.goals.get(g.id)?.ownerBusinessUnitId;
    if (owner) partOf(owner)?.ownsGoals.push(g.id);
  }
  for (const c of capabilities) {
    const owner = index.capabilities.get(c.id)?.ownerBusinessUnitId;
    if (owner) partOf(owner)?.ownsCapabilities.push(c.id);
  }
  const businessUnits = [...units.entries()]
    .map(([id, part]) => ({ id, name: index.units.get(id)?.name ?? id, ...part }))
    .sort(byName);

  return { service: { id: service.id, name: service.name }, capabilities, goals, businessUnits };
};
