import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnswerTally,
  addAnswer,
  anonymisedGroups,
  anonymisedTotal,
  emptyTally,
  happinessScore,
  meanLostMinutes,
} from "./happiness.js";

const tallyOf = (answers: [number, number | null][]): AnswerTally =>
  answers.reduce((tally, [score, lost]) => addAnswer(tally, score, lost), emptyTally());

describe("happiness", () => {
  it("is % of 9-10 minus % of 0-6", () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 1 detractor (6) of 6: (3 - 1) / 6 = 33.3
    const tally = tallyOf([
      [9, 0],
      [10, 30],
      [10, null],
      [7, 60],
      [8, null],
      [6, 120],
    ]);
    expect(happinessScore(tally)).toBe(33.3);
    // (0 + 30 + 60 + 120) / 4 answers that gave a lost time
    expect(meanLostMinutes(tally)).toBe(53);
    expect(happinessScore(emptyTally())).toBeNull();
    expect(meanLostMinutes(tallyOf([[5, null]]))).toBeNull();
    expect(happinessScore(tallyOf([[0, 0]]))).toBe(-100);
  });

  it("hides groups of fewer than 5 and the total under 5", () => {
    const big = tallyOf(Array.from({ length: 6 }, () => [10, 0] as [number, number]));
    const small = tallyOf(Array.from({ length: 2 }, () => [0, 480] as [number, number]));
    expect(anonymisedTotal(small).suppressed).toBe(true);
    expect(anonymisedTotal(small).happiness).toBeNull();
    expect(anonymisedTotal(big).happiness).toBe(100);
    const five = tallyOf(Array.from({ length: 5 }, () => [0, 0] as [number, number]));
    expect(anonymisedTotal(five).suppressed).toBe(false);
  });

  it("hides one more group so that the hidden ones cannot be found by subtraction", () => {
    const of = (n: number, score: number) =>
      tallyOf(Array.from({ length: n }, () => [score, 60] as [number, number]));
    const groups = anonymisedGroups([
      { key: "a", label: "A", tally: of(20, 10) },
      { key: "b", label: "B", tally: of(6, 9) },
      { key: "c", label: "C", tally: of(2, 0) },
    ]);
    // C alone (2) could be computed as total - A - B; B (the smallest shown) is hidden too.
    expect(groups.map((g) => [g.key, g.suppressed])).toEqual([
      ["a", false],
      ["b", true],
      ["c", true],
    ]);
    expect(groups[1]?.happiness).toBeNull();
    const enough = anonymisedGroups([
      { key: "a", label: "A", tally: of(20, 10) },
      { key: "b", label: "B", tally: of(3, 9) },
      { key: "c", label: "C", tally: of(2, 0) },
    ]);
    // B and C hidden together hold 5: nothing more needs hiding.
    expect(enough.map((g) => g.suppressed)).toEqual([false, true, true]);
    const none = anonymisedGroups([{ key: "a", label: "A", tally: of(7, 10) }]);
    expect(none[0]?.respondents).toBe(7);
  });

  it("hides a filtered group that differs from the unfiltered one by 1 to 4 respondents", () => {
    const of = (n: number) => tallyOf(Array.from({ length: n }, () => [10, 0] as [number, number]));
    const groups = [
      { key: "a", label: "A", tally: of(6) },
      { key: "b", label: "B", tally: of(7) },
    ];
    const result = anonymisedGroups(
      groups,
      new Map([
        ["a", 8],
        ["b", 7],
      ]),
    );
    // a: 8 - 6 = 2 left out → hidden; b left nothing out, and the hidden a holds 6 (5 or more): b stays.
    expect(result.map((g) => g.suppressed)).toEqual([true, false]);
    expect(
      anonymisedGroups(
        groups,
        new Map([
          ["a", 11],
          ["b", 7],
        ]),
      ).map((g) => g.suppressed),
    ).toEqual([false, false]);
  });

  it("never leaves 1 to 4 hidden respondents that the total would give away (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        const groups = sizes.map((n, i) => ({
          key: `g${i}`,
          label: `G${i}`,
          tally: tallyOf(Array.from({ length: n }, () => [10, 0] as [number, number])),
        }));
        const result = anonymisedGroups(groups);
        const hidden = result
          .filter((g) => g.suppressed)
          .reduce((sum, g) => sum + (groups.find((x) => x.key === g.key)?.tally.respondents ?? 0), 0);
        const total = sizes.reduce((a, b) => a + b, 0);
        // Everything hidden is safe too: a total under 5 is itself hidden (anonymisedTotal).
        expect(hidden === 0 || hidden >= 5 || hidden === total).toBe(true);
        if (total < 5)
          expect(anonymisedTotal(tallyOf(Array.from({ length: total }, () => [10, 0]))).suppressed).toBe(
            true,
          );
        for (const g of result) if (!g.suppressed) expect(g.respondents).toBeGreaterThanOrEqual(5);
      }),
    );
  });
});
