import { describe, expect, it } from "vitest";
import { correlationCaveat, laggedCorrelations, pearson } from "./correlation.js";

describe("correlation", () => {
  it("computes Pearson r", () => {
    // Hand-computed: x = 1..5, y = 2,4,5,4,5 → r = 6 / sqrt(10 × 6) = 0.7746.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7746, 4);
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it("finds a series that follows the other two weeks later, across a year end", () => {
    const weeks = [
      "2025-W48",
      "2025-W49",
      "2025-W50",
      "2025-W51",
      "2025-W52",
      "2026-W01",
      "2026-W02",
      "2026-W03",
      "2026-W04",
      "2026-W05",
      "2026-W06",
      "2026-W07",
    ];
    const it_ = [5, 1, 4, 2, 8, 3, 7, 1, 6, 2, 5, 4];
    const itSeries = weeks.map((week, i) => ({ week, value: it_[i] as number }));
    // Business value in week w+2 = 10 × IT value in week w.
    const business = weeks.slice(2).map((week, i) => ({ week, value: 10 * (it_[i] as number) }));
    const lags = laggedCorrelations(itSeries, business, 8);
    expect(lags).toHaveLength(9);
    expect(lags[2]?.r).toBeCloseTo(1, 9);
    expect(lags[2]?.pairs).toBe(10);
    expect(Math.abs(lags[0]?.r ?? 0)).toBeLessThan(0.9);
    expect(lags[8]?.pairs).toBe(4);
  });
  it("states sample size and that correlation is not cause", () => {
    expect(correlationCaveat({ lagWeeks: 2, r: 0.81, pairs: 12 })).toMatch(
      /lag of 2 weeks: r = 0.81 \(strong\) over 12 weeks. Correlation, not cause.*may well be chance/,
    );
    expect(correlationCaveat(undefined)).toMatch(/Too few weeks/);
  });
});
