import { describe, expect, it } from "vitest";
import { sampleGraph } from "../../../test/support/sample-graph.js";
import { outageImpactOf } from "./outage-impact.js";

describe("outageImpactOf", () => {
  it("spreads a failure to every dependant and prices the capabilities they support", () => {
    const impact = outageImpactOf(sampleGraph(), "db");
    expect(impact.service).toEqual({ id: "db", name: "Database" });
    expect(impact.impactedServices).toEqual([
      { id: "db", name: "Database", dependsOnPath: ["Database"] },
      { id: "gw", name: "Payment Gateway", dependsOnPath: ["Payment Gateway", "Database"] },
      // Web Shop depends on Database directly, so its chain is the short one.
      { id: "shop", name: "Web Shop", dependsOnPath: ["Web Shop", "Database"] },
    ]);
    // Order capture: only Web Shop supports it, 0.8 → 100 000 × 0.8 = 80 000 per hour.
    // Payments: the strongest of Web Shop 0.5 and Payment Gateway 1.0 → 50 000 × 1 = 50 000 per hour.
    expect(impact.capabilities).toEqual([
      {
        id: "c1",
        name: "Order capture",
        strength: 0.8,
        downtimeCostPerHourCents: 100_000,
        costPerHourCents: 80_000,
        users: 200,
      },
      {
        id: "c2",
        name: "Payments",
        strength: 1,
        downtimeCostPerHourCents: 50_000,
        costPerHourCents: 50_000,
        users: 300,
      },
    ]);
    expect(impact.goals).toEqual([
      { id: "o1", name: "Faster checkout", level: "objective" },
      { id: "o2", name: "Fewer abandoned carts", level: "objective" },
      { id: "s1", name: "Grow revenue", level: "strategic" },
      { id: "g1", name: "Win online customers", level: "goal" },
    ]);
    // Sales consumes 50 % of Database itself; Online Sales only consumes Web Shop, a dependant.
    expect(impact.businessUnits).toEqual([
      { id: "online", name: "Online Sales", share: null },
      { id: "sales", name: "Sales", share: 50 },
    ]);
    // Users: at least max(200, 300) = 300, at most 200 + 300 = 500; cost 80 000 + 50 000 = 130 000.
    expect([impact.usersAtLeast, impact.usersAtMost, impact.costPerHourCents]).toEqual([300, 500, 130_000]);
  });

  it("rounds a fractional cost to whole cents", () => {
    const rows = sampleGraph();
    rows.capabilities = rows.capabilities.map((c) =>
      c.id === "c3" ? { ...c, downtimeCostPerHourCents: 999 } : c,
    );
    rows.serviceCapabilities = rows.serviceCapabilities.map((l) =>
      l.serviceId === "payroll" ? { ...l, strength: 0.333 } : l,
    );
    const impact = outageImpactOf(rows, "payroll");
    // 999 × 0.333 = 332.667 → 333 cents.
    expect(impact.capabilities.map((c) => c.costPerHourCents)).toEqual([333]);
    expect(impact.businessUnits).toEqual([{ id: "hr", name: "HR", share: 100 }]);
    expect(impact.goals).toEqual([]);
    expect([impact.usersAtLeast, impact.usersAtMost, impact.costPerHourCents]).toEqual([50, 50, 333]);
  });

  it("terminates on a dependency cycle", () => {
    const rows = sampleGraph();
    rows.serviceDependencies.push({ serviceId: "db", dependsOnServiceId: "shop" });
    const impact = outageImpactOf(rows, "db");
    expect(impact.impactedServices.map((s) => s.dependsOnPath)).toEqual([
      ["Database"],
      ["Payment Gateway", "Database"],
      ["Web Shop", "Database"],
    ]);
  });

  it("answers a service nobody depends on and nothing uses with zeros", () => {
    const rows = sampleGraph();
    rows.services.push({ id: "lonely", name: "Lonely", lifecycleStatus: "live", businessOwnerId: null });
    expect(outageImpactOf(rows, "lonely")).toEqual({
      service: { id: "lonely", name: "Lonely" },
      impactedServices: [{ id: "lonely", name: "Lonely", dependsOnPath: ["Lonely"] }],
      capabilities: [],
      goals: [],
      businessUnits: [],
      usersAtLeast: 0,
      usersAtMost: 0,
      costPerHourCents: 0,
    });
    expect(() => outageImpactOf(rows, "nope")).toThrow(/does not exist/);
  });
});
