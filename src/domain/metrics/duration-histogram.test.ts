import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDurationEntries,
  bucketValue,
  durationBucket,
  histogramPercentile,
  MAX_PERCENTILE_RELATIVE_ERROR,
  nearestRankPercentile,
} from "./duration-histogram.js";

const histogramOf = (values: number[]) => {
  const h = new Map<number, number>();
  for (const v of values) h.set(durationBucket(v), (h.get(durationBucket(v)) ?? 0) + 1);
  return h;
};

describe("duration histogram", () => {
  it("states an error bound at or under 2 %", () => {
    expect(MAX_PERCENTILE_RELATIVE_ERROR).toBeLessThanOrEqual(0.02);
    expect(MAX_PERCENTILE_RELATIVE_ERROR).toBeCloseTo(0.0198, 4);
  });

  it("puts 1 s in bucket 1 and an hour in bucket 209 (1.04^208 ≤ 3600 < 1.04^209)", () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(1)).toBe(1);
    expect(1.04 ** 208).toBeLessThanOrEqual(3600);
    expect(1.04 ** 209).toBeGreaterThan(3600);
    expect(durationBucket(3600)).toBe(209);
    expect(bucketValue(209)).toBeCloseTo(1.04 ** 208.5, 6);
  });

  it("reads the median of 1 h, 2 h, 10 h as about 2 h (nearest rank 2 of 3)", () => {
    const median = histogramPercentile(histogramOf([3600, 7200, 36000]), 50);
    expect(Math.abs((median as number) - 7200) / 7200).toBeLessThanOrEqual(0.0198);
  });

  it("has no percentile for no data", () => {
    expect(histogramPercentile(new Map(), 50)).toBeNull();
    expect(nearestRankPercentile([], 90)).toBeNull();
  });

  it("keeps p50 and p90 within the stated bound of the exact nearest-rank value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(50, 90),
        (values, p) => {
          const exact = nearestRankPercentile(values, p) as number;
          const estimate = histogramPercentile(histogramOf(values), p) as number;
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(
            MAX_PERCENTILE_RELATIVE_ERROR + 1e-12,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("rollup duration entries", () => {
  it("reads count × 1024 + bucket, negative counts and counts past 2^21 included", () => {
    const h = new Map<number, number>();
    // 3 in bucket 209; −1 in bucket 209 (−1 × 1024 + 209 = −815); 3,000,000 in bucket 5.
    addDurationEntries(h, [3 * 1024 + 209, -815, 3_000_000 * 1024 + 5]);
    expect([...h].sort((a, b) => a[0] - b[0])).toEqual([
      [5, 3_000_000],
      [209, 2],
    ]);
  });

  it("drops a bucket whose entries cancel out", () => {
    const h = new Map<number, number>([[7, 1]]);
    addDurationEntries(h, [-1024 + 7, 2 * 1024 + 8]);
    expect([...h]).toEqual([[8, 2]]);
  });

  it("agrees with decoding by hand for random entries", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bucket: fc.integer({ min: 0, max: 1023 }),
            count: fc.integer({ min: -5000, max: 5000 }),
          }),
        ),
        (pairs) => {
          const h = new Map<number, number>();
          addDurationEntries(
            h,
            pairs.map((p) => p.count * 1024 + p.bucket),
          );
          const byHand = new Map<number, number>();
          for (const p of pairs) byHand.set(p.bucket, (byHand.get(p.bucket) ?? 0) + p.count);
          for (const [bucket, count] of byHand) if (count === 0) byHand.delete(bucket);
          expect(new Map([...h].sort((a, b) => a[0] - b[0]))).toEqual(
            new Map([...byHand].sort((a, b) => a[0] - b[0])),
          );
        },
      ),
    );
  });
});
