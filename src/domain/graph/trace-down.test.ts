import { describe, expect, it } from "vitest";
import { sampleGraph } from "../../../test/support/sample-graph.js";
import { traceGoalDown } from "./trace-down.js";

describe("traceGoalDown", () => {
  it("finds the capabilities and services beneath a goal and its objectives", () => {
    const trace = traceGoalDown(sampleGraph(), "g1");
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
    const rows = sampleGraph();
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
    expect(traceGoalDown(sampleGraph(), "s1").goals.map((g) => g.name)).toEqual([
      "Grow revenue",
      "Win online customers",
      "Faster checkout",
      "Fewer abandoned carts",
    ]);
    expect(traceGoalDown(sampleGraph(), "s2")).toEqual({
      goal: { id: "s2", name: "Retain talent", level: "strategic" },
      goals: [{ id: "s2", name: "Retain talent", level: "strategic", parentId: null }],
      capabilities: [],
      services: [],
    });
    expect(() => traceGoalDown(sampleGraph(), "nope")).toThrow(/does not exist/);
  });
});
