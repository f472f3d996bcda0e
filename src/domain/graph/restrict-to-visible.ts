import type { AlignmentMap, OutageImpact, TraceDown, TraceUp } from "../schemas/graph.js";

/** What a scoped reader (a business stakeholder) may see of the graph, by id. */
export interface VisibleGraph {
  units: ReadonlySet<string>;
  goals: ReadonlySet<string>;
  capabilities: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

const keep = <T extends { id: string }>(items: T[], visible: ReadonlySet<string>) =>
  items.filter((i) => visible.has(i.id));

export const restrictTraceUp = (trace: TraceUp, v: VisibleGraph): TraceUp => ({
  ...trace,
  capabilities: keep(trace.capabilities, v.capabilities),
  goals: keep(trace.goals, v.goals).map((g) => ({
    ...g,
    parentId: g.parentId && v.goals.has(g.parentId) ? g.parentId : null,
  })),
  businessUnits: keep(trace.businessUnits, v.units),
});

export const restrictTraceDown = (trace: TraceDown, v: VisibleGraph): TraceDown => ({
  ...trace,
  goals: keep(trace.goals, v.goals).map((g) => ({
    ...g,
    parentId: g.parentId && v.goals.has(g.parentId) ? g.parentId : null,
  })),
  capabilities: keep(trace.capabilities, v.capabilities),
  services: keep(trace.services, v.services),
});

/**
 * A stakeholder sees the impact on their own capabilities, goals and units; the totals are
 * recomputed from what they see, so other units' costs and users do not leak through a sum.
 */
export const restrictOutageImpact = (impact: OutageImpact, v: VisibleGraph): OutageImpact => {
  const capabilities = keep(impact.capabilities, v.capabilities);
  return {
    ...impact,
    impactedServices: keep(impact.impactedServices, v.services),
    capabilities,
    goals: keep(impact.goals, v.goals),
    businessUnits: keep(impact.businessUnits, v.units),
    usersAtLeast: Math.max(0, ...capabilities.map((c) => c.users)),
    usersAtMost: capabilities.reduce((sum, c) => sum + c.users, 0),
    // Outage cost per hour: Σ over the visible capabilities of their own cost per hour (already strength-weighted).
    costPerHourCents: capabilities.reduce((sum, c) => sum + c.costPerHourCents, 0),
  };
};

export const restrictAlignmentMap = (map: AlignmentMap, v: VisibleGraph): AlignmentMap => {
  const visibleIds = new Set([...v.units, ...v.goals, ...v.capabilities, ...v.services]);
  const nodes = map.nodes
    .filter((n) => visibleIds.has(n.id))
    .map((n) => ({ ...n, parentId: n.parentId && visibleIds.has(n.parentId) ? n.parentId : null }));
  return { nodes, edges: map.edges.filter((e) => visibleIds.has(e.from) && visibleIds.has(e.to)) };
};
