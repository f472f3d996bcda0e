import { describe, expect, it } from "vitest";
import { perceptionGapOf, proportionGap, wilsonInterval } from "./perception-gap.js";

describe("perception gap statistics", () => {
  it("matches Newcombe's published example (56/70 vs 48/80: 0.0524 to 0.3339)", () => {
    const gap = proportionGap(56, 70, 48, 80);
    expect(gap.points).toBeCloseTo(20, 6);
    expect(gap.low).toBeCloseTo(5.24, 1);
    expect(gap.high).toBeCloseTo(33.39, 1);
    expect(gap.significant).toBe(true);
  });

  it("matches Newcombe's boundary example (10/10 vs 0/20: 0.6791 to 1.0000)", () => {
    // By hand: Wilson 10/10 = [0.7225, 1], 0/20 = [0, 0.1611]; 1 - sqrt(0.2775^2 + 0.1611^2) = 0.6791.
    const gap = proportionGap(10, 10, 0, 20);
    expect(gap.low).toBeCloseTo(67.91, 1);
    expect(gap.high).toBeCloseTo(100, 1);
  });

  it("gives Wilson's interval for 0 of 10 as 0 to 0.2775", () => {
    const w = wilsonInterval(0, 10);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.2775, 4);
  });

  it("marks an interval that spans zero as not significant", () => {
    expect(proportionGap(3, 6, 3, 5).significant).toBe(false);
  });

  it("withholds everything of a suppressed side and gives no gap", () => {
    const row = perceptionGapOf([{ value: 4, answers: 3 }], [{ value: 2, answers: 10 }], true, false);
    expect(row.business).toEqual({
      respondents: 3,
      suppressed: true,
      agreePct: null,
      mean: null,
      distribution: null,
    });
    expect(row.gapPoints).toBeNull();
    expect(row.it.agreePct).toBe(0);
  });
});
