import { describe, expect, it } from "vitest";
import { byName, goalAncestors, goalWithDescendants, indexGraph, round6 } from "./graph-index.js";
import { emptyGraphRows, type GoalRow } from "./graph-rows.js";

const goal = (id: string, name: string, parentId: string | null): GoalRow => ({
  id,
  name,
  level: "goal",
  parentId,
  ownerBusinessUnitId: null,
  status: "active",
});

describe("indexGraph", () => {
  it("drops links with a missing end and sorts adjacency by the other end's name", () => {
    const rows = emptyGraphRows();
    rows.services = [
      { id: "a", name: "Zeta", lifecycleStatus: "live", businessOwnerId: null },
      { id: "b", name: "Alpha", lifecycleStatus: "live", businessOwnerId: null },
      { id: "c", name: "Mid", lifecycleStatus: "live", businessOwnerId: null },
    ];
    rows.serviceDependencies = [
      { serviceId: "c", dependsOnServiceId: "a" },
      { serviceId: "c", dependsOnServiceId: "b" },
      { serviceId: "c", dependsOnServiceId: "gone" },
    ];
    const index = indexGraph(rows);
    expect(index.dependenciesOf.get("c")).toEqual(["b", "a"]);
    expect(index.dependantsOf.get("a")).toEqual(["c"]);
    expect(index.dependantsOf.has("gone")).toBe(false);
  });

  it("walks goal ancestors nearest first and descendants breadth first, stopping at repeats and missing parents", () => {
    const rows = emptyGraphRows();
    rows.goals = [
      goal("s", "Strategy", null),
      goal("g", "Goal", "s"),
      goal("o2", "Objective B", "g"),
      goal("o1", "Objective A", "g"),
      goal("x", "Cycle X", "y"),
      goal("y", "Cycle Y", "x"),
      goal("orphan", "Orphan", "archived"),
    ];
    const index = indexGraph(rows);
    expect(goalAncestors(index, "o1")).toEqual(["g", "s"]);
    expect(goalAncestors(index, "x")).toEqual(["y"]);
    expect(goalAncestors(index, "orphan")).toEqual([]);
    expect(goalWithDescendants(index, "s")).toEqual(["s", "g", "o1", "o2"]);
    expect(goalWithDescendants(index, "x")).toEqual(["x", "y"]);
  });
});

describe("byName and round6", () => {
  it("orders by name, then id", () => {
    expect(
      [
        { id: "2", name: "b" },
        { id: "1", name: "b" },
        { id: "3", name: "a" },
      ].sort(byName),
    ).toEqual([
      { id: "3", name: "a" },
      { id: "1", name: "b" },
      { id: "2", name: "b" },
    ]);
  });

  it("rounds to six decimals so that 0.1 + 0.2 is 0.3", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(round6(0.1 + 0.2)).toBe(0.3);
    expect(round6(0.2 + 0.1)).toBe(round6(0.1 + 0.2));
  });
});
