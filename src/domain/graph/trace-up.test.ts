import { describe, expect, it } from "vitest";
import { sampleGraph } from "../../../test/support/sample-graph.js";
import { traceServiceUp } from "./trace-up.js";

describe("traceServiceUp", () => {
  it("sums strength × weight / 100 per goal and carries it up the cascade", () => {
    const trace = traceServiceUp(sampleGraph(), "shop");
    expect(trace.service).toEqual({ id: "shop", name: "Web Shop" });
    expect(trace.capabilities).toEqual([
      { id: "c1", name: "Order capture", strength: 0.8, downtimeCostPerHourCents: 100_000 },
      { id: "c2", name: "Payments", strength: 0.5, downtimeCostPerHourCents: 50_000 },
    ]);
    // Faster checkout: 0.8 × 60 / 100 + 0.5 × 50 / 100 = 0.48 + 0.25 = 0.73
    // Fewer abandoned carts: 0.5 × 30 / 100 = 0.15
    // Win online customers: direct 0.8 × 40 / 100 = 0.32, plus its objectives 0.73 + 0.15 = 1.2
    // Grow revenue: only through Win online customers = 1.2
    expect(trace.goals).toEqual([
      {
        id: "o1",
        name: "Faster checkout",
        level: "objective",
        parentId: "g1",
        pathWeight: 0.73,
        via: ["Order capture", "Payments"],
      },
      {
        id: "o2",
        name: "Fewer abandoned carts",
        level: "objective",
        parentId: "g1",
        pathWeight: 0.15,
        via: ["Payments"],
      },
      {
        id: "s1",
        name: "Grow revenue",
        level: "strategic",
        parentId: null,
        pathWeight: 1.2,
        via: ["Order capture", "Payments"],
      },
      {
        id: "g1",
        name: "Win online customers",
        level: "goal",
        parentId: "s1",
        pathWeight: 1.2,
        via: ["Order capture", "Payments"],
      },
    ]);
    expect(trace.businessUnits).toEqual([
      {
        id: "online",
        name: "Online Sales",
        consumesShare: 70,
        ownsGoals: ["o1", "g1"],
        ownsCapabilities: ["c1"],
      },
      { id: "sales", name: "Sales", consumesShare: 30, ownsGoals: ["o2", "s1"], ownsCapabilities: ["c2"] },
    ]);
  });

  it("lists an owner that does not consume the service with a null share", () => {
    const trace = traceServiceUp(sampleGraph(), "gw");
    // Payment Gateway reaches Faster checkout 1 × 50 / 100 = 0.5 and Fewer abandoned carts 1 × 30 / 100 = 0.3.
    expect(trace.goals.map((g) => [g.name, g.pathWeight])).toEqual([
      ["Faster checkout", 0.5],
      ["Fewer abandoned carts", 0.3],
      ["Grow revenue", 0.8],
      ["Win online customers", 0.8],
    ]);
    expect(trace.businessUnits).toEqual([
      {
        id: "online",
        name: "Online Sales",
        consumesShare: null,
        ownsGoals: ["o1", "g1"],
        ownsCapabilities: [],
      },
      { id: "sales", name: "Sales", consumesShare: 100, ownsGoals: ["o2", "s1"], ownsCapabilities: ["c2"] },
    ]);
  });

  it("ignores links to nodes that are not among the rows (archived) and stops the cascade there", () => {
    const rows = sampleGraph();
    rows.goals = rows.goals.filter((g) => g.id !== "g1");
    rows.serviceCapabilities.push({ serviceId: "shop", capabilityId: "archived-capability", strength: 1 });
    const trace = traceServiceUp(rows, "shop");
    expect(trace.capabilities.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(trace.goals.map((g) => [g.name, g.parentId, g.pathWeight])).toEqual([
      ["Faster checkout", null, 0.73],
      ["Fewer abandoned carts", null, 0.15],
    ]);
  });

  it("answers a service with no capabilities with empty lists, and refuses an unknown one", () => {
    const rows = sampleGraph();
    rows.services.push({ id: "lonely", name: "Lonely", lifecycleStatus: "live", businessOwnerId: null });
    expect(traceServiceUp(rows, "lonely")).toEqual({
      service: { id: "lonely", name: "Lonely" },
      capabilities: [],
      goals: [],
      businessUnits: [],
    });
    expect(() => traceServiceUp(rows, "nope")).toThrow(/does not exist/);
  });
});
