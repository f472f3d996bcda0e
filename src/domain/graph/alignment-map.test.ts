import { describe, expect, it } from "vitest";
import { buildAlignmentMap } from "./alignment-map.js";
import type { GraphRows } from "./graph-rows.js";

const rows = (): GraphRows => ({
  units: [
    { id: "u1", name: "Sales", parentId: null },
    // Its parent is archived (not among the rows), so on the map it is a root.
    { id: "u2", name: "Field Sales", parentId: "archived-unit" },
  ],
  goals: [
    {
      id: "g1",
      name: "Grow",
      level: "strategic",
      parentId: null,
      ownerBusinessUnitId: "u1",
      status: "active",
    },
    {
      id: "g2",
      name: "Close deals",
      level: "goal",
      parentId: "g1",
      ownerBusinessUnitId: "u2",
      status: "active",
    },
  ],
  capabilities: [
    {
      id: "c1",
      name: "Quoting",
      parentId: null,
      ownerBusinessUnitId: "u2",
      downtimeCostPerHourCents: 10,
      users: 1,
    },
  ],
  services: [
    { id: "s1", name: "CRM", lifecycleStatus: "live", businessOwnerId: null },
    { id: "s2", name: "Auth", lifecycleStatus: "live", businessOwnerId: null },
  ],
  serviceCapabilities: [
    { serviceId: "s1", capabilityId: "c1", strength: 0.5 },
    { serviceId: "s1", capabilityId: "archived-capability", strength: 1 },
  ],
  capabilityGoals: [{ capabilityId: "c1", goalId: "g2", weight: 100 }],
  unitServices: [
    { businessUnitId: "u2", serviceId: "s1", share: 60 },
    { businessUnitId: "u1", serviceId: "s1", share: 40 },
  ],
  serviceDependencies: [{ serviceId: "s1", dependsOnServiceId: "s2" }],
});

describe("buildAlignmentMap", () => {
  it("lists units, goals, capabilities and services, then owns, consumes, serves, supports and depends-on edges", () => {
    expect(buildAlignmentMap(rows())).toEqual({
      nodes: [
        { id: "u2", name: "Field Sales", kind: "unit", parentId: null, level: null },
        { id: "u1", name: "Sales", kind: "unit", parentId: null, level: null },
        { id: "g2", name: "Close deals", kind: "goal", parentId: "g1", level: "goal" },
        { id: "g1", name: "Grow", kind: "goal", parentId: null, level: "strategic" },
        { id: "c1", name: "Quoting", kind: "capability", parentId: null, level: null },
        { id: "s2", name: "Auth", kind: "service", parentId: null, level: null },
        { id: "s1", name: "CRM", kind: "service", parentId: null, level: null },
      ],
      edges: [
        { from: "u2", to: "g2", kind: "owns", value: null },
        { from: "u1", to: "g1", kind: "owns", value: null },
        { from: "u2", to: "c1", kind: "owns", value: null },
        { from: "u2", to: "s1", kind: "consumes", value: 60 },
        { from: "u1", to: "s1", kind: "consumes", value: 40 },
        { from: "c1", to: "g2", kind: "serves", value: 100 },
        // The link to the archived capability is left out.
        { from: "s1", to: "c1", kind: "supports", value: 0.5 },
        { from: "s1", to: "s2", kind: "depends-on", value: null },
      ],
    });
  });

  it("draws an empty graph as an empty map", () => {
    const empty = rows();
    for (const key of Object.keys(empty) as (keyof GraphRows)[]) empty[key] = [];
    expect(buildAlignmentMap(empty)).toEqual({ nodes: [], edges: [] });
  });
});
