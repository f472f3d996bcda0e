import { describe, expect, it } from "vitest";
import type { AlignmentMap, OutageImpact } from "../schemas/graph.js";
import { restrictAlignmentMap, restrictOutageImpact, type VisibleGraph } from "./restrict-to-visible.js";

const visible: VisibleGraph = {
  units: new Set(["u-sales"]),
  goals: new Set(["g-rev"]),
  capabilities: new Set(["c-order"]),
  services: new Set(["s-shop"]),
};

describe("restricting graph answers to a stakeholder's reach", () => {
  it("recomputes outage totals from the visible capabilities only", () => {
    const impact: OutageImpact = {
      service: { id: "s-shop", name: "Web Shop" },
      impactedServices: [
        { id: "s-shop", name: "Web Shop", dependsOnPath: [] },
        { id: "s-hr", name: "HR portal", dependsOnPath: ["Web Shop"] },
      ],
      capabilities: [
        {
          id: "c-order",
          name: "Order capture",
          strength: 1,
          downtimeCostPerHourCents: 1_800_000,
          costPerHourCents: 1_800_000,
          users: 400,
        },
        {
          id: "c-pay",
          name: "Payroll",
          strength: 0.5,
          downtimeCostPerHourCents: 200_000,
          costPerHourCents: 100_000,
          users: 900,
        },
      ],
      goals: [
        { id: "g-rev", name: "Revenue", level: "strategic" },
        { id: "g-hr", name: "Retention", level: "strategic" },
      ],
      businessUnits: [
        { id: "u-sales", name: "Sales", share: 60 },
        { id: "u-hr", name: "HR", share: null },
      ],
      usersAtLeast: 900,
      usersAtMost: 1300,
      costPerHourCents: 1_900_000,
    };
    const r = restrictOutageImpact(impact, visible);
    expect(r.impactedServices.map((s) => s.id)).toEqual(["s-shop"]);
    expect(r.capabilities.map((c) => c.id)).toEqual(["c-order"]);
    expect(r.goals.map((g) => g.id)).toEqual(["g-rev"]);
    expect(r.businessUnits.map((u) => u.id)).toEqual(["u-sales"]);
    // Only Order capture remains: 400 users, €18,000/h.
    expect([r.usersAtLeast, r.usersAtMost, r.costPerHourCents]).toEqual([400, 400, 1_800_000]);
  });

  it("keeps map nodes and edges inside the reach and cuts parents outside it", () => {
    const map: AlignmentMap = {
      nodes: [
        { id: "u-sales", name: "Sales", kind: "unit", parentId: "u-group", level: null },
        { id: "u-group", name: "Group", kind: "unit", parentId: null, level: null },
        { id: "s-shop", name: "Web Shop", kind: "service", parentId: null, level: null },
        { id: "s-hr", name: "HR portal", kind: "service", parentId: null, level: null },
      ],
      edges: [
        { from: "u-sales", to: "s-shop", kind: "consumes", value: 100 },
        { from: "u-group", to: "s-hr", kind: "consumes", value: 100 },
      ],
    };
    const r = restrictAlignmentMap(map, visible);
    expect(r.nodes.map((n) => [n.id, n.parentId])).toEqual([
      ["u-sales", null],
      ["s-shop", null],
    ]);
    expect(r.edges).toEqual([{ from: "u-sales", to: "s-shop", kind: "consumes", value: 100 }]);
  });
});
