import type { CapabilityRow, GoalRow, GraphRows, ServiceRow, UnitRow } from "./graph-rows.js";

/**
 * The graph rows indexed for walking. Links whose ends are missing are dropped here, once,
 * and every adjacency list is sorted by the other end's name (then id), so that answers do not
 * depend on the order the store returned the rows in: a partial load (the store's recursive
 * queries) and a full load give the same answer.
 */
export interface GraphIndex {
  units: Map<string, UnitRow>;
  goals: Map<string, GoalRow>;
  capabilities: Map<string, CapabilityRow>;
  services: Map<string, ServiceRow>;
  capabilitiesOfService: Map<string, { capabilityId: string; strength: number }[]>;
  servicesOfCapability: Map<string, { serviceId: string; strength: number }[]>;
  goalsOfCapability: Map<string, { goalId: string; weight: number }[]>;
  capabilitiesOfGoal: Map<string, { capabilityId: string; weight: number }[]>;
  childrenOfGoal: Map<string, string[]>;
  consumersOfService: Map<string, { businessUnitId: string; share: number }[]>;
  /** The services a service depends on. */
  dependenciesOf: Map<string, string[]>;
  /** The services that depend on a service. */
  dependantsOf: Map<string, string[]>;
}

interface Named {
  id: string;
  name: string;
}

/** One collator for every comparison: building one per call (localeCompare) dominates sorting large answers. */
const collator = new Intl.Collator("en");
export const compareNames = collator.compare;

/** Name order for people, id order to break ties so that equal names still sort the same way every time. */
export const byName = (a: Named, b: Named): number =>
  compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Floating sums depend on the order of addition; six decimals is far finer than any weight
 * anyone enters and makes answers from differently ordered rows equal.
 */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const sortLists = <V>(map: Map<string, V[]>, nodeOf: (v: V) => Named | undefined) => {
  for (const list of map.values()) {
    list.sort((a, b) => byName(nodeOf(a) as Named, nodeOf(b) as Named));
  }
};

export const indexGraph = (rows: GraphRows): GraphIndex => {
  const units = byId(rows.units);
  const goals = byId(rows.goals);
  const capabilities = byId(rows.capabilities);
  const services = byId(rows.services);
  const index: GraphIndex = {
    units,
    goals,
    capabilities,
    services,
    capabilitiesOfService: new Map(),
    servicesOfCapability: new Map(),
    goalsOfCapability: new Map(),
    capabilitiesOfGoal: new Map(),
    childrenOfGoal: new Map(),
    consumersOfService: new Map(),
    dependenciesOf: new Map(),
    dependantsOf: new Map(),
  };
  for (const l of rows.serviceCapabilities) {
    if (!services.has(l.serviceId) || !capabilities.has(l.capabilityId)) continue;
    push(index.capabilitiesOfService, l.serviceId, { capabilityId: l.capabilityId, strength: l.strength });
    push(index.servicesOfCapability, l.capabilityId, { serviceId: l.serviceId, strength: l.strength });
  }
  for (const l of rows.capabilityGoals) {
    if (!capabilities.has(l.capabilityId) || !goals.has(l.goalId)) continue;
    push(index.goalsOfCapability, l.capabilityId, { goalId: l.goalId, weight: l.weight });
    push(index.capabilitiesOfGoal, l.goalId, { capabilityId: l.capabilityId, weight: l.weight });
  }
  for (const g of rows.goals) {
    if (g.parentId && goals.has(g.parentId)) push(index.childrenOfGoal, g.parentId, g.id);
  }
  for (const l of rows.unitServices) {
    if (!units.has(l.businessUnitId) || !services.has(l.serviceId)) continue;
    push(index.consumersOfService, l.serviceId, { businessUnitId: l.businessUnitId, share: l.share });
  }
  for (const l of rows.serviceDependencies) {
    if (!services.has(l.serviceId) || !services.has(l.dependsOnServiceId)) continue;
    push(index.dependenciesOf, l.serviceId, l.dependsOnServiceId);
    push(index.dependantsOf, l.dependsOnServiceId, l.serviceId);
  }
  sortLists(index.capabilitiesOfService, (v) => capabilities.get(v.capabilityId));
  sortLists(index.servicesOfCapability, (v) => services.get(v.serviceId));
  sortLists(index.goalsOfCapability, (v) => goals.get(v.goalId));
  sortLists(index.capabilitiesOfGoal, (v) => capabilities.get(v.capabilityId));
  sortLists(index.childrenOfGoal, (id) => goals.get(id));
  sortLists(index.consumersOfService, (v) => units.get(v.businessUnitId));
  sortLists(index.dependenciesOf, (id) => services.get(id));
  sortLists(index.dependantsOf, (id) => services.get(id));
  return index;
};

/**
 * The live ancestors of a goal, nearest first. Stops at a parent that is not among the rows
 * (archived) and at a repeat, so a corrupt cascade cannot loop.
 */
export const goalAncestors = (index: GraphIndex, goalId: string): string[] => {
  const seen = new Set([goalId]);
  const ancestors: string[] = [];
  let parent = index.goals.get(goalId)?.parentId ?? null;
  while (parent && index.goals.has(parent) && !seen.has(parent)) {
    seen.add(parent);
    ancestors.push(parent);
    parent = index.goals.get(parent)?.parentId ?? null;
  }
  return ancestors;
};

/** The goal and its live descendants, breadth first, children in name order. */
export const goalWithDescendants = (index: GraphIndex, goalId: string): string[] => {
  const seen = new Set([goalId]);
  const order = [goalId];
  for (let i = 0; i < order.length; i++) {
    for (const child of index.childrenOfGoal.get(order[i] as string) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      order.push(child);
    }
  }
  return order;
};
