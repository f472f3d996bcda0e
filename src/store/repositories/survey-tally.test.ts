import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countValues } from "./survey-tally.js";

describe("counting stored scale values by place (the fold)", () => {
  it("counts each answered place's value, skipping unanswered places, as splitting the text would", () => {
    const responses = fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), { maxLength: 14 }),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(responses, (stored) => {
        const byValue: number[][] = [];
        // The text form the fold reads: array_to_string(scale_values, ',', '').
        for (const values of stored)
          countValues(values.map((v) => (v === null ? "" : String(v))).join(","), byValue);
        // By hand: place by place, value by value.
        const expected: Record<string, number> = {};
        for (const values of stored)
          for (const [place, v] of values.entries())
            if (v !== null) expected[`${place}:${v}`] = (expected[`${place}:${v}`] ?? 0) + 1;
        const counted: Record<string, number> = {};
        for (const [place, counts] of byValue.entries())
          for (const [value, n] of (counts ?? []).entries()) if (n > 0) counted[`${place}:${value}`] = n;
        expect(counted).toEqual(expected);
      }),
    );
  });

  it("reads two-digit values and an empty array", () => {
    const byValue: number[][] = [];
    countValues("10,,0", byValue);
    countValues("", byValue);
    countValues("10", byValue);
    expect(byValue[0]?.[10]).toBe(2);
    expect(byValue[1]).toBeUndefined();
    expect(byValue[2]?.[0]).toBe(1);
    expect(byValue.length).toBe(3);
  });
});
