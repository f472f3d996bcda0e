import { describe, expect, it } from "vitest";
import { sampleGraph } from "../../../test/support/sample-graph.js";
import { findAlignmentGaps } from "./alignment-gaps.js";
import type { GapRows } from "./graph-rows.js";

/** The sample plus the things the gap report looks for. */
const withGaps = (): GapRows => {
  const rows = sampleGraph();
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
