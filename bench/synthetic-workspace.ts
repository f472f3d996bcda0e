import type { Workspace } from "../src/domain/schemas/workspace.js";
import { workspaceFormat, workspaceVersion } from "../src/domain/schemas/workspace.js";
import { seededRandom } from "../src/domain/seeded-random.js";

export interface SyntheticSize {
  units: number;
  services: number;
  capabilities: number;
  goals: number;
}

/**
 * A large, valid, seeded workspace for benchmarks: a unit tree, a three-level goal cascade, a
 * capability tree, services that support 2 capabilities each, are consumed by 1–3 units and
 * depend only on services made before them (so dependencies stay acyclic).
 */
export const syntheticWorkspace = (size: SyntheticSize, seed = 1): Workspace => {
  const r = seededRandom(seed);
  const units = Array.from({ length: size.units }, (_, i) => ({
    id: r.uuid(),
    name: `Unit ${i}`,
    code: null,
    parentId: null as string | null,
    headPersonId: null,
    headcount: r.int(5, 500),
    description: "",
    archivedAt: null,
  }));
  // Every fifth unit is a top-level unit; the others hang under the last one of those.
  units.forEach((u, i) => {
    if (i % 5 !== 0) u.parentId = units[i - (i % 5)]?.id ?? null;
  });
  const strategicCount = Math.max(1, Math.round(size.goals * 0.05));
  const goalCount = Math.max(1, Math.round(size.goals * 0.25));
  const goals = Array.from({ length: size.goals }, (_, i) => {
    const level = i < strategicCount ? "strategic" : i < strategicCount + goalCount ? "goal" : "objective";
    return { id: r.uuid(), name: `Goal ${i}`, level: level as "strategic" | "goal" | "objective", index: i };
  });
  const parentOf = (i: number) =>
    i < strategicCount
      ? null
      : i < strategicCount + goalCount
        ? (goals[i % strategicCount]?.id ?? null)
        : (goals[strategicCount + (i % goalCount)]?.id ?? null);
  const capabilities = Array.from({ length: size.capabilities }, (_, i) => ({
    id: r.uuid(),
    name: `Capability ${i}`,
    parentId: null as string | null,
    // One in ten without an owner, as in real catalogues (and for the gap report to find).
    ownerBusinessUnitId: r.next() < 0.1 ? null : (units[i % units.length]?.id ?? null),
    downtimeCostPerHourCents: r.int(0, 5_000_000),
    users: r.int(1, 5000),
    criticality: "medium" as const,
    description: "",
    archivedAt: null,
  }));
  capabilities.forEach((c, i) => {
    if (i >= 100) c.parentId = capabilities[i % 100]?.id ?? null;
  });
  const services = Array.from({ length: size.services }, (_, i) => ({
    id: r.uuid(),
    name: `Service ${i}`,
    description: "",
    serviceOwnerId: null,
    businessOwnerId: null,
    itTeamId: null,
    criticalityTier: r.int(1, 4),
    lifecycleStatus: r.next() < 0.05 ? ("retired" as const) : ("live" as const),
    serviceHours: null,
    availabilityTarget: 99.5,
    slaTargets: r.next() < 0.6 ? [{ priority: 1, responseSeconds: 900, resolutionSeconds: 14_400 }] : [],
    aliases: [],
    archivedAt: null,
  }));
  const pairs = <T>(n: number, make: (i: number) => T[], key: (t: T) => string) => {
    const seen = new Set<string>();
    return Array.from({ length: n }, (_, i) => make(i))
      .flat()
      .filter((t) => {
        if (seen.has(key(t))) return false;
        seen.add(key(t));
        return true;
      });
  };
  const pickId = <T extends { id: string }>(items: T[]) => r.pick(items).id;
  return {
    format: workspaceFormat,
    version: workspaceVersion,
    businessUnits: units,
    people: [],
    itTeams: [],
    goals: goals.map((g) => ({
      id: g.id,
      name: g.name,
      level: g.level,
      parentId: parentOf(g.index),
      ownerBusinessUnitId: units[g.index % units.length]?.id ?? null,
      priorityWeight: 1,
      periodStart: null,
      periodEnd: null,
      status: "active" as const,
      description: "",
      archivedAt: null,
    })),
    capabilities,
    services,
    initiatives: [],
    links: {
      serviceCapability: pairs(
        size.services,
        (i) =>
          [0, 1].map(() => ({
            serviceId: services[i]?.id ?? "",
            capabilityId: pickId(capabilities),
            strength: r.int(1, 10) / 10,
          })),
        (l) => `${l.serviceId}|${l.capabilityId}`,
      ),
      capabilityGoal: pairs(
        size.capabilities,
        (i) =>
          [0, 1].map(() => ({ capabilityId: capabilities[i]?.id ?? "", goalId: pickId(goals), weight: 50 })),
        (l) => `${l.capabilityId}|${l.goalId}`,
      ),
      unitService: pairs(
        size.services,
        (i) =>
          Array.from({ length: r.int(1, 3) }, () => ({
            businessUnitId: pickId(units),
            serviceId: services[i]?.id ?? "",
            share: 40,
          })),
        (l) => `${l.businessUnitId}|${l.serviceId}`,
      ),
      initiativeGoal: [],
      serviceDependency: pairs(
        size.services,
        (i) =>
          i < 10
            ? []
            : [{ serviceId: services[i]?.id ?? "", dependsOnServiceId: services[r.int(0, i - 1)]?.id ?? "" }],
        (l) => `${l.serviceId}|${l.dependsOnServiceId}`,
      ),
    },
  };
};
