import { describe, expect, it } from "vitest";
import type { GraphRows } from "./graph-rows.js";
import { outageImpactOf } from "./outage-impact.js";

/**
 * Sales (with the sub-unit Online Sales) and HR. Web Shop supports Order capture (0.8) and
 * Payments (0.5); Payment Gateway supports Payments (1.0); Web Shop depends on Payment Gateway
 * and Database, Payment Gateway on Database. Order capture serves Faster checkout (60) and Win
 * online customers (40); Payments serves Faster checkout (50) and Fewer abandoned carts (30).
 * Cascade: Grow revenue ▸ Win online customers ▸ {Faster checkout, Fewer abandoned carts}.
 */
const sample = (): GraphRows => ({
  units: [
    { id: "sales", name: "Sales", parentId: null },
    { id: "online", name: "Online Sales", parentId: "sales" },
    { id: "hr", name: "HR", parentId: null },
  ],
  goals: [
    {
      id: "s1",
      name: "Grow revenue",
      level: "strategic",
      parentId: null,
      ownerBusinessUnitId: "sales",
      status: "active",
    },
    {
      id: "g1",
      name: "Win online customers",
      level: "goal",
      parentId: "s1",
      ownerBusinessUnitId: "online",
      status: "active",
    },
    {
      id: "o1",
      name: "Faster checkout",
      level: "objective",
      parentId: "g1",
      ownerBusinessUnitId: "online",
      status: "active",
    },
    {
      id: "o2",
      name: "Fewer abandoned carts",
      level: "objective",
      parentId: "g1",
      ownerBusinessUnitId: "sales",
      status: "active",
    },
    {
      id: "s2",
      name: "Retain talent",
      level: "strategic",
      parentId: null,
      ownerBusinessUnitId: "hr",
      status: "active",
    },
  ],
  capabilities: [
    {
      id: "c1",
      name: "Order capture",
      parentId: null,
      ownerBusinessUnitId: "online",
      downtimeCostPerHourCents: 100_000,
      users: 200,
    },
    {
      id: "c2",
      name: "Payments",
      parentId: null,
      ownerBusinessUnitId: "sales",
      downtimeCostPerHourCents: 50_000,
      users: 300,
    },
    {
      id: "c3",
      name: "Payroll processing",
      parentId: null,
      ownerBusinessUnitId: null,
      downtimeCostPerHourCents: 20_000,
      users: 50,
    },
  ],
  services: [
    { id: "shop", name: "Web Shop", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "gw", name: "Payment Gateway", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "db", name: "Database", lifecycleStatus: "live", businessOwnerId: "p1" },
    { id: "payroll", name: "Payroll", lifecycleStatus: "live", businessOwnerId: "p1" },
  ],
  serviceCapabilities: [
    { serviceId: "shop", capabilityId: "c1", strength: 0.8 },
    { serviceId: "shop", capabilityId: "c2", strength: 0.5 },
    { serviceId: "gw", capabilityId: "c2", strength: 1 },
    { serviceId: "payroll", capabilityId: "c3", strength: 1 },
  ],
  capabilityGoals: [
    { capabilityId: "c1", goalId: "o1", weight: 60 },
    { capabilityId: "c1", goalId: "g1", weight: 40 },
    { capabilityId: "c2", goalId: "o1", weight: 50 },
    { capabilityId: "c2", goalId: "o2", weight: 30 },
  ],
  unitServices: [
    { businessUnitId: "online", serviceId: "shop", share: 70 },
    { businessUnitId: "sales", serviceId: "shop", share: 30 },
    { businessUnitId: "sales", serviceId: "gw", share: 100 },
    { businessUnitId: "hr", serviceId: "payroll", share: 100 },
    { businessUnitId: "sales", serviceId: "db", share: 50 },
  ],
  serviceDependencies: [
    { serviceId: "shop", dependsOnServiceId: "gw" },
    { serviceId: "gw", dependsOnServiceId: "db" },
    { serviceId: "shop", dependsOnServiceId: "db" },
  ],
});

describe("outageImpactOf", () => {
  it("spreads a failure to every dependant and prices the capabilities they support", () => {
    const impact = outageImpactOf(sample(), "db");
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
    const rows = sample();
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
    const rows = sample();
    rows.serviceDependencies.push({ serviceId: "db", dependsOnServiceId: "shop" });
    const impact = outageImpactOf(rows, "db");
    expect(impact.impactedServices.map((s) => s.dependsOnPath)).toEqual([
      ["Database"],
      ["Payment Gateway", "Database"],
      ["Web Shop", "Database"],
    ]);
  });

  it("answers a service nobody depends on and nothing uses with zeros", () => {
    const rows = sample();
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
