import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressedGroups } from "./anonymity.js";

describe("suppressedGroups", () => {
  it("withholds groups under five", () => {
    expect(
      suppressedGroups([
        { key: "a", respondents: 4 },
        { key: "b", respondents: 5 },
        { key: "c", respondents: 9 },
      ]),
    ).toEqual(new Set(["a", "b"]));
  });

  it("withholds nothing when every group has five or more", () => {
    expect(
      suppressedGroups([
        { key: "a", respondents: 5 },
        { key: "b", respondents: 12 },
      ]),
    ).toEqual(new Set());
  });

  it("needs no second group when the withheld ones already hold five", () => {
    expect(
      suppressedGroups([
        { key: "a", respondents: 2 },
        { key: "b", respondents: 3 },
        { key: "c", respondents: 8 },
      ]),
    ).toEqual(new Set(["a", "b"]));
  });

  it("counts a hidden group as withheld", () => {
    expect(
      suppressedGroups([
        { key: "none", respondents: 1, hidden: true },
        { key: "a", respondents: 7 },
        { key: "b", respondents: 6 },
      ]),
    ).toEqual(new Set(["none", "b"]));
  });

  it("never lets total minus the shown groups reveal fewer than five respondents", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 12 }), (sizes) => {
        const groups = sizes.map((respondents, key) => ({ key, respondents }));
        const withheld = suppressedGroups(groups);
        const shown = groups.filter((g) => !withheld.has(g.key));
        expect(shown.every((g) => g.respondents === 0 || g.respondents >= 5)).toBe(true);
        const total = sizes.reduce((a, b) => a + b, 0);
        const remainder = total - shown.reduce((s, g) => s + g.respondents, 0);
        // Either nothing is withheld, or what is withheld is a crowd (or the whole total is, when it is small).
        expect(remainder === 0 || remainder >= 5 || shown.every((g) => g.respondents === 0)).toBe(true);
      }),
    );
  });
});
