import { describe, expect, it } from "vitest";
import type { GraphRows } from "./graph-rows.js";
import { traceGoalDown } from "./trace-down.js";

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

describe("traceGoalDown", () => {
  it("finds the capabilities and services beneath a goal and its objectives", () => {
    const trace = traceGoalDown(sample(), "g1");
    expect(trace.goal).toEqual({ id: "g1", name: "Win online customers", level: "goal" });
    expect(trace.goals).toEqual([
      { id: "g1", name: "Win online customers", level: "goal", parentId: null },
      { id: "o1", name: "Faster checkout", level: "objective", parentId: "g1" },
      { id: "o2", name: "Fewer abandoned carts", level: "objective", parentId: "g1" },
    ]);
    // Order capture: 40 (goal) + 60 (Faster checkout) = 100; Payments: 50 + 30 = 80.
    expect(trace.capabilities).toEqual([
      { id: "c1", name: "Order capture", weight: 100 },
      { id: "c2", name: "Payments", weight: 80 },
    ]);
    // Web Shop: 0.8 × 100 / 100 + 0.5 × 80 / 100 = 1.2; Payment Gateway: 1 × 80 / 100 = 0.8.
    // Database is depended on by both: it inherits the larger, 1.2 (not the sum 2.0), through Web Shop.
    expect(trace.services).toEqual([
      { id: "shop", name: "Web Shop", pathWeight: 1.2, via: ["Order capture", "Payments"], direct: true },
      { id: "db", name: "Database", pathWeight: 1.2, via: ["Web Shop", "Database"], direct: false },
      { id: "gw", name: "Payment Gateway", pathWeight: 0.8, via: ["Payments"], direct: true },
    ]);
  });

  it("follows dependencies transitively, along the shortest chain, and survives a dependency cycle", () => {
    const rows = sample();
    rows.serviceDependencies = [
      { serviceId: "gw", dependsOnServiceId: "db" },
      { serviceId: "db", dependsOnServiceId: "payroll" },
      { serviceId: "payroll", dependsOnServiceId: "db" },
    ];
    const trace = traceGoalDown(rows, "o2");
    // Fewer abandoned carts ← Payments (30): Payment Gateway 1 × 30 / 100 = 0.3, Web Shop 0.5 × 30 / 100 = 0.15.
    expect(trace.services).toEqual([
      { id: "gw", name: "Payment Gateway", pathWeight: 0.3, via: ["Payments"], direct: true },
      { id: "db", name: "Database", pathWeight: 0.3, via: ["Payment Gateway", "Database"], direct: false },
      {
        id: "payroll",
        name: "Payroll",
        pathWeight: 0.3,
        via: ["Payment Gateway", "Database", "Payroll"],
        direct: false,
      },
      { id: "shop", name: "Web Shop", pathWeight: 0.15, via: ["Payments"], direct: true },
    ]);
  });

  it("includes the whole cascade below a strategic goal, and answers a goal with nothing beneath it", () => {
    expect(traceGoalDown(sample(), "s1").goals.map((g) => g.name)).toEqual([
      "Grow revenue",
      "Win online customers",
      "Faster checkout",
      "Fewer abandoned carts",
    ]);
    expect(traceGoalDown(sample(), "s2")).toEqual({
      goal: { id: "s2", name: "Retain talent", level: "strategic" },
      goals: [{ id: "s2", name: "Retain talent", level: "strategic", parentId: null }],
      capabilities: [],
      services: [],
    });
    expect(() => traceGoalDown(sample(), "nope")).toThrow(/does not exist/);
  });
});
