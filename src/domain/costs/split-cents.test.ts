import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scaledWeight, splitCents } from "./split-cents.js";

const w = (key: string, weight: number) => ({ key, weight: BigInt(weight) });

describe("splitCents", () => {
  it("gives the leftover cents to the largest remainders (100 over three equal parts)", () => {
    // 100/3 = 33.33 each: one cent left, ties go to the first key.
    const { parts, passed } = splitCents(100, [w("b", 1), w("a", 1), w("c", 1)]);
    expect(Object.fromEntries(parts)).toEqual({ a: 34, b: 33, c: 33 });
    expect(passed).toBe(100);
  });

  it("gives the cent to the larger fraction, not the earlier key", () => {
    // 10 over 1:2 → 3.33 and 6.67: floors 3 and 6, the left cent goes to b (0.67 > 0.33).
    expect(Object.fromEntries(splitCents(10, [w("a", 1), w("b", 2)]).parts)).toEqual({ a: 3, b: 7 });
  });

  it("lets through only the share a denominator allows (60 % of 1001 cents)", () => {
    const { parts, passed } = splitCents(1001, [w("a", 30), w("b", 30)], 100n);
    expect(passed).toBe(600); // floor(1001 × 60 / 100)
    expect(Object.fromEntries(parts)).toEqual({ a: 300, b: 300 });
  });

  it("splits credits (negative amounts) symmetrically", () => {
    expect(Object.fromEntries(splitCents(-100, [w("a", 1), w("b", 1), w("c", 1)]).parts)).toEqual({
      a: -34,
      b: -33,
      c: -33,
    });
  });

  it("passes nothing when every weight is zero", () => {
    expect(splitCents(500, [w("a", 0)]).passed).toBe(0);
  });

  it("conserves every cent for any amount and weights", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.double({ min: 0.000001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (amount, weights) => {
          const { parts, passed } = splitCents(
            amount,
            weights.map((x, i) => ({ key: `k${i}`, weight: scaledWeight(x) })),
          );
          const sum = [...parts.values()].reduce((a, b) => a + b, 0);
          const anyWeight = weights.some((x) => scaledWeight(x) > 0n);
          expect(sum).toBe(passed);
          expect(passed).toBe(anyWeight ? amount : 0);
          // No part strays more than a cent from its exact share.
          const total = weights.reduce((a, x) => a + Number(scaledWeight(x)), 0);
          weights.forEach((x, i) => {
            const exact = (amount * Number(scaledWeight(x))) / total;
            expect(Math.abs((parts.get(`k${i}`) ?? 0) - exact)).toBeLessThanOrEqual(
              1.0001 + Math.abs(exact) * 1e-12,
            );
          });
        },
      ),
    );
  });
});
