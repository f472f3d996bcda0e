import { describe, expect, it } from "vitest";
import { computeGoalHealth, type HealthKpi, weightWarning } from "./goal-health.js";

const kpi = (id: string, goalId: string, achievementPct: number | null, weight = 1): HealthKpi => ({
  id,
  name: id,
  goalId,
  weight,
  unit: "percent",
  direction: "higher",
  value: achievementPct,
  target: 100,
  achievementPct,
  status: achievementPct === null ? "no_data" : "green",
});

const goals = [
  { id: "root", name: "Root", parentId: null, priorityWeight: 1 },
  { id: "a", name: "A", parentId: "root", priorityWeight: 3 },
  { id: "b", name: "B", parentId: "root", priorityWeight: 1 },
];

describe("goal health", () => {
  it("weights KPIs by KPI weight and child goals by priority weight", () => {
    const h = computeGoalHealth(goals, [kpi("k1", "a", 80), kpi("k2", "a", 40, 3), kpi("k3", "b", 100)]);
    // A = (80 × 1 + 40 × 3) / 4 = 50; B = 100; Root = (50 × 3 + 100 × 1) / 4 = 62.5.
    expect(h.get("a")?.health).toBeCloseTo(50, 9);
    expect(h.get("b")?.health).toBe(100);
    expect(h.get("root")?.health).toBeCloseTo(62.5, 9);
    expect(h.get("root")?.status).toBe("red");
  });
  it("offers the worst-child rule", () => {
    const h = computeGoalHealth(
      goals,
      [kpi("k1", "a", 80), kpi("k2", "a", 40, 3), kpi("k3", "b", 100)],
      "worst_child",
    );
    expect(h.get("a")?.health).toBe(40);
    expect(h.get("root")?.health).toBe(40);
  });
  it("leaves out items without data and says so, never counting them as 0", () => {
    const h = computeGoalHealth(goals, [kpi("k1", "a", 80), kpi("k2", "a", null)]);
    expect(h.get("a")?.health).toBe(80);
    expect(h.get("a")?.warnings[0]).toMatch(/1 of 2 items under "A" have no data/);
    expect(h.get("b")?.health).toBeNull();
    expect(h.get("root")?.health).toBe(80);
  });
  it("warns when weights look like fractions or percentages that do not add up", () => {
    expect(
      weightWarning("G", [
        { name: "x", weight: 0.3 },
        { name: "y", weight: 0.3 },
        { name: "z", weight: 0.3 },
      ]),
    ).toMatch(/add up to 0.9, not 1/);
    expect(
      weightWarning("G", [
        { name: "x", weight: 60 },
        { name: "y", weight: 35 },
      ]),
    ).toMatch(/add up to 95, not 100/);
    expect(
      weightWarning("G", [
        { name: "x", weight: 3 },
        { name: "y", weight: 2 },
      ]),
    ).toBeNull();
    expect(
      weightWarning("G", [
        { name: "x", weight: 0.7 },
        { name: "y", weight: 0.3 },
      ]),
    ).toBeNull();
    const h = computeGoalHealth(
      [
        goals[0] as (typeof goals)[number],
        { ...(goals[1] as (typeof goals)[number]), priorityWeight: 0.5 },
        { ...(goals[2] as (typeof goals)[number]), priorityWeight: 0.3 },
      ],
      [],
    );
    expect(h.get("root")?.warnings[0]).toMatch(/under "Root" add up to 0.8, not 1/);
  });
});
