import { describe, expect, it } from "vitest";
import { findAlignmentGaps } from "./alignment-gaps.js";
import type { GapRows, GraphRows } from "./graph-rows.js";

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

/** The sample plus the things the gap report looks for. */
const withGaps = (): GapRows => {
  const rows = sample();
  rows.services.push(
    { id: "intranet", name: "Intranet", lifecycleStatus: "live", businessOwnerId: null },
    // Retired: out of the report even though it serves nothing and has no owner.
    { id: "fax", name: "Fax server", lifecycleStatus: "retired", businessOwnerId: null },
  );
  // Dropped goals are not expected to have services.
  rows.goals.push({
    id: "old",
    name: "Old goal",
    level: "strategic",
    parentId: null,
    ownerBusinessUnitId: "hr",
    status: "dropped",
  });
  // Owned by an archived unit (not among the rows): counts as unowned.
  rows.capabilities.push({
    id: "c5",
    name: "Archive search",
    parentId: null,
    ownerBusinessUnitId: "gone",
    downtimeCostPerHourCents: 0,
    users: 0,
  });
  return {
    ...rows,
    slaServiceIds: ["shop", "gw"],
    initiatives: [
      { id: "i1", name: "CRM upgrade" },
      { id: "i2", name: "Checkout revamp" },
      { id: "i3", name: "Thirds" },
      { id: "i4", name: "Almost" },
    ],
    initiativeGoals: [
      { initiativeId: "i1", goalId: "o1", weight: 100 },
      { initiativeId: "i2", goalId: "o1", weight: 40 },
      { initiativeId: "i2", goalId: "o2", weight: 20 },
      { initiativeId: "i3", goalId: "o1", weight: 33.33 },
      { initiativeId: "i3", goalId: "o2", weight: 33.33 },
      { initiativeId: "i3", goalId: "g1", weight: 33.34 },
      { initiativeId: "i4", goalId: "o1", weight: 99.995 },
    ],
  };
};

describe("findAlignmentGaps", () => {
  it("finds every kind of gap in the sample", () => {
    expect(findAlignmentGaps(withGaps())).toEqual({
      // Web Shop and Payment Gateway serve goals; Database carries them (a dependency), so it is not a gap.
      servicesServingNoGoal: [
        { id: "intranet", name: "Intranet" },
        { id: "payroll", name: "Payroll" },
      ],
      // Grow revenue is served through its objectives; Old goal is dropped.
      goalsWithoutService: [{ id: "s2", name: "Retain talent" }],
      capabilitiesWithoutOwner: [
        { id: "c5", name: "Archive search" },
        { id: "c3", name: "Payroll processing" },
      ],
      consumedServicesWithoutSla: [
        { id: "db", name: "Database" },
        { id: "payroll", name: "Payroll" },
      ],
      servicesWithoutBusinessOwner: [{ id: "intranet", name: "Intranet" }],
      // Database: 50 (Sales only); Payments: 50 + 30 = 80; Checkout revamp: 40 + 20 = 60.
      // Thirds (33.33 + 33.33 + 33.34 = 100) and Almost (99.995, within 0.01) add up.
      weightsNotAddingUp: [
        { kind: "service consumption shares", item: { id: "db", name: "Database" }, total: 50 },
        { kind: "capability goal weights", item: { id: "c2", name: "Payments" }, total: 80 },
        { kind: "initiative goal weights", item: { id: "i2", name: "Checkout revamp" }, total: 60 },
      ],
    });
  });

  it("ignores links to archived goals when adding up weights", () => {
    const rows = withGaps();
    rows.goals = rows.goals.filter((g) => g.id !== "o2");
    const weights = findAlignmentGaps(rows).weightsNotAddingUp;
    // Payments now only serves Faster checkout (50); Checkout revamp only counts its 40; Thirds 33.33 + 33.34.
    expect(weights.map((w) => [w.item.name, w.total])).toEqual([
      ["Database", 50],
      ["Payments", 50],
      ["Checkout revamp", 40],
      ["Thirds", 66.67],
    ]);
  });

  it("reports an empty graph as having no gaps", () => {
    const empty: GapRows = {
      units: [],
      goals: [],
      capabilities: [],
      services: [],
      serviceCapabilities: [],
      capabilityGoals: [],
      unitServices: [],
      serviceDependencies: [],
      slaServiceIds: [],
      initiatives: [],
      initiativeGoals: [],
    };
    expect(Object.values(findAlignmentGaps(empty)).every((list) => list.length === 0)).toBe(true);
  });
});
