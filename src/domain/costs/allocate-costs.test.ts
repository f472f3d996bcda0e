import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTandemError } from "../errors.js";
import { allocateCosts, type ResolvedRule } from "./allocate-costs.js";

const rule = (id: string, source: string, targets: [string, number][], percent = false): ResolvedRule => ({
  id,
  source,
  basis: percent ? "fixed %" : "driver: tickets",
  targets: targets.map(([node, weight]) => ({ node, weight })),
  percent,
});

describe("allocateCosts", () => {
  it("moves a pool through a tower and a service to units, exactly", () => {
    const result = allocateCosts(
      [{ node: "pool:hardware", cents: 100_00 }],
      [
        rule("hw", "pool:hardware", [["tower:compute", 100]], true),
        rule("compute", "tower:compute", [
          ["service:a", 1],
          ["service:b", 2],
        ]),
        rule("a", "service:a", [
          ["unit:x", 1],
          ["unit:y", 1],
          ["unit:z", 1],
        ]),
        rule("b", "service:b", [["unit:x", 1]]),
      ],
    );
    // 10000 → compute 10000 → a 3333, b 6667 (b has the larger remainder) → a: 1111 each; b: all to x.
    const to = (n: string) => result.flows.filter((f) => f.to === n).reduce((s, f) => s + f.cents, 0);
    expect(to("service:a")).toBe(3333);
    expect(to("service:b")).toBe(6667);
    expect(to("unit:x")).toBe(1111 + 6667);
    expect(to("unit:y")).toBe(1111);
    expect(to("unit:z")).toBe(1111);
    expect(result.allocatedToUnitsCents).toBe(100_00);
    expect(result.unallocated).toEqual([]);
  });

  it("shows what a rule under 100 % and a node without a rule leave as unallocated", () => {
    const result = allocateCosts(
      [
        { node: "pool:software", cents: 1000 },
        { node: "pool:telecom", cents: 250 },
      ],
      [rule("sw", "pool:software", [["unit:x", 70]], true)],
    );
    expect(result.allocatedToUnitsCents).toBe(700);
    expect(result.unallocated).toEqual([
      { node: "pool:software", cents: 300, reason: "rule sw allocates less than 100 %" },
      { node: "pool:telecom", cents: 250, reason: "no rule allocates pool:telecom" },
    ]);
    expect(result.allocatedToUnitsCents + result.unallocatedCents).toBe(1250);
  });

  it("refuses a cycle and names it", () => {
    let error: unknown;
    try {
      allocateCosts(
        [{ node: "pool:other", cents: 1 }],
        [
          rule("p", "pool:other", [["tower:a", 1]]),
          rule("a", "tower:a", [["service:s", 1]]),
          rule("s", "service:s", [["tower:a", 1]]),
        ],
        (n) => n.toUpperCase(),
      );
    } catch (e) {
      error = e;
    }
    expect(isTandemError(error) && error.code).toBe("cycle");
    expect((error as Error).message).toBe("allocation rules form a cycle: TOWER:A → SERVICE:S → TOWER:A");
  });

  it("refuses two rules for one source", () => {
    expect(() =>
      allocateCosts([], [rule("a", "tower:t", [["unit:x", 1]]), rule("b", "tower:t", [["unit:y", 1]])]),
    ).toThrow(/two rules allocate tower:t: a and b/);
  });
});

/** Random layered models: pools → towers → services → units, acyclic by construction. */
const layeredModel = fc
  .record({
    pools: fc.array(fc.integer({ min: -1_000_000, max: 100_000_000 }), { minLength: 1, maxLength: 5 }),
    towers: fc.integer({ min: 1, max: 4 }),
    services: fc.integer({ min: 1, max: 6 }),
    units: fc.integer({ min: 1, max: 5 }),
    seedWeights: fc.array(
      fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
      ),
      {
        minLength: 200,
        maxLength: 200,
      },
    ),
    percentPools: fc.boolean(),
    skipRule: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ pools, towers, services, units, seedWeights, percentPools, skipRule }) => {
    let k = 0;
    const next = () => seedWeights[k++ % seedWeights.length] as number;
    const sources = pools.map((cents, i) => ({ node: `pool:p${i}`, cents }));
    const rules: ResolvedRule[] = [];
    sources.forEach((s, i) => {
      const targets: [string, number][] = Array.from({ length: towers }, (_, t) => [
        `tower:t${t}`,
        percentPools ? 100 / towers / 1.5 : next(),
      ]);
      if (i !== skipRule) rules.push(rule(`pool${i}`, s.node, targets, percentPools));
    });
    for (let t = 0; t < towers; t += 1) {
      rules.push(
        rule(
          `tower${t}`,
          `tower:t${t}`,
          Array.from({ length: services }, (_, s) => [`service:s${s}`, next()]),
        ),
      );
    }
    for (let s = 0; s < services; s += 1) {
      if (s === skipRule) continue;
      rules.push(
        rule(
          `service${s}`,
          `service:s${s}`,
          Array.from({ length: units }, (_, u) => [`unit:u${u}`, next()]),
        ),
      );
    }
    return { sources, rules };
  });

const unitTotals = (flows: { to: string; cents: number }[]) => {
  const totals: Record<string, number> = {};
  for (const f of flows) if (f.to.startsWith("unit:")) totals[f.to] = (totals[f.to] ?? 0) + f.cents;
  return totals;
};

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let s = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

describe("allocateCosts properties", () => {
  it("conserves money: units plus unallocated equal the sources, to the cent", () => {
    fc.assert(
      fc.property(layeredModel, ({ sources, rules }) => {
        const result = allocateCosts(sources, rules);
        const ledger = sources.reduce((s, x) => s + x.cents, 0);
        const units = Object.values(unitTotals(result.flows)).reduce((a, b) => a + b, 0);
        const unallocated = result.unallocated.reduce((a, u) => a + u.cents, 0);
        expect(units).toBe(result.allocatedToUnitsCents);
        expect(units + unallocated).toBe(ledger);
        for (const f of result.flows) expect(Number.isInteger(f.cents)).toBe(true);
      }),
    );
  });

  it("is deterministic and independent of the order of sources, rules and targets", () => {
    fc.assert(
      fc.property(layeredModel, fc.integer({ min: 1, max: 1_000_000 }), ({ sources, rules }, seed) => {
        const first = allocateCosts(sources, rules);
        const again = allocateCosts(sources, rules);
        expect(again).toEqual(first);
        const reordered = allocateCosts(
          shuffled(sources, seed),
          shuffled(rules, seed + 1).map((r) => ({ ...r, targets: shuffled(r.targets, seed + 2) })),
        );
        expect(unitTotals(reordered.flows)).toEqual(unitTotals(first.flows));
        const key = (u: { node: string; cents: number }) => `${u.node}=${u.cents}`;
        expect(reordered.unallocated.map(key).sort()).toEqual(first.unallocated.map(key).sort());
      }),
    );
  });
});
