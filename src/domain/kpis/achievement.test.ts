import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { achievementPct, directionProblem, evaluate, isStale, statusOf, targetFor } from "./achievement.js";
import { parsePeriod } from "./period.js";

describe("achievement %", () => {
  it("is (actual − baseline) / (target − baseline) × 100", () => {
    // Baseline 2.1, target 3.0, actual 2.7: 0.6 / 0.9 = 66.67 %.
    expect(achievementPct(2.7, 2.1, 3.0)).toBeCloseTo(66.667, 2);
  });
  it("is direction-aware: for lower-is-better the target is below the baseline", () => {
    // MTTR from 10 h to 4 h; 7 h is half way.
    expect(achievementPct(7, 10, 4)).toBeCloseTo(50, 6);
    expect(achievementPct(12, 10, 4)).toBe(0);
  });
  it("is capped to 0-100", () => {
    expect(achievementPct(5, 2, 3)).toBe(100);
    expect(achievementPct(1, 2, 3)).toBe(0);
  });
  it("is undefined when the target equals the baseline", () => {
    expect(achievementPct(5, 3, 3)).toBeNull();
    expect(directionProblem("higher", 3, 3)).toMatch(/must differ from baseline/);
  });
  it("refuses a target against the KPI's direction", () => {
    expect(directionProblem("higher", 10, 5)).toMatch(/below baseline/);
    expect(directionProblem("lower", 5, 10)).toMatch(/above baseline/);
    expect(directionProblem("lower", 10, 5)).toBeNull();
  });
  it("always lies within 0-100 when defined", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        (a, b, t) => {
          const v = achievementPct(a, b, t);
          return v === null ? b === t : v >= 0 && v <= 100;
        },
      ),
    );
  });
});

describe("status", () => {
  it("uses ≥ 90 green, 75-89 amber, < 75 red by default", () => {
    expect(statusOf(90)).toBe("green");
    expect(statusOf(89.9)).toBe("amber");
    expect(statusOf(75)).toBe("amber");
    expect(statusOf(74.9)).toBe("red");
  });
  it("takes configured thresholds", () => {
    expect(statusOf(85, { greenFrom: 80, amberFrom: 50 })).toBe("green");
    expect(statusOf(49, { greenFrom: 80, amberFrom: 50 })).toBe("red");
  });
  it("says no data and stale as their own states", () => {
    const q = parsePeriod("2026-Q3");
    const target = { baseline: 0, target: 100 };
    expect(evaluate(null, null, target, q, "weekly", "2026-11-25").status).toBe("no_data");
    // Weekly KPI whose newest value is from July: stale at the end of September.
    expect(evaluate(95, "2026-07-10", target, q, "weekly", "2026-11-25").status).toBe("stale");
    expect(evaluate(95, "2026-09-28", target, q, "weekly", "2026-11-25").status).toBe("green");
    expect(isStale("2026-09-20", q, "weekly", "2026-11-25")).toBe(true);
    expect(isStale("2026-09-25", q, "weekly", "2026-11-25")).toBe(false);
  });
});

describe("target for a period", () => {
  const t = {
    id: "t",
    kpiId: "k",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    baseline: 100,
    target: 200,
    steps: [
      { on: "2026-03-31", value: 120 },
      { on: "2026-06-30", value: 150 },
    ],
  };
  it("uses the latest step reached by the period's end, the final target at the end", () => {
    expect(targetFor([t], parsePeriod("2026-Q1"))).toEqual({ baseline: 100, target: 120 });
    expect(targetFor([t], parsePeriod("2026-Q3"))).toEqual({ baseline: 100, target: 150 });
    expect(targetFor([t], parsePeriod("2026-Q4"))).toEqual({ baseline: 100, target: 200 });
    expect(targetFor([{ ...t, steps: [] }], parsePeriod("2026-Q1"))).toEqual({ baseline: 100, target: 200 });
  });
  it("falls back to the newest earlier target, none before any", () => {
    expect(targetFor([t], parsePeriod("2027-Q1"))).toEqual({ baseline: 100, target: 200 });
    expect(targetFor([t], parsePeriod("2025-Q4"))).toBeNull();
  });
});
