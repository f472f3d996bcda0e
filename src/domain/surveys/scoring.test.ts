import { describe, expect, it } from "vitest";
import { csatPct, meanOf, netPromoterScore } from "./scoring.js";

const dist = (values: number[]) =>
  [...new Set(values)].map((value) => ({ value, answers: values.filter((v) => v === value).length }));

describe("survey scoring (reference §5)", () => {
  it("CSAT is the share of 4-5 answers", () => {
    expect(csatPct(dist([5, 4, 3, 2, 1]))).toBe(40);
    expect(meanOf(dist([5, 4, 3, 2, 1]))).toBe(3);
  });
  it("NPS is % 9-10 minus % 0-6, from -100 to 100", () => {
    expect(netPromoterScore(dist([10, 9, 8, 7, 6, 0]))).toBeCloseTo(0, 6);
    expect(netPromoterScore(dist([10, 10]))).toBe(100);
    expect(netPromoterScore(dist([0, 6]))).toBe(-100);
    expect(netPromoterScore([])).toBeNull();
  });
});
