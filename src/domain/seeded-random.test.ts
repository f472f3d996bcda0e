import { describe, expect, it } from "vitest";
import { id } from "./schemas/common.js";
import { seededRandom } from "./seeded-random.js";

describe("seededRandom", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const take = (r: ReturnType<typeof seededRandom>) => Array.from({ length: 5 }, () => r.next());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("makes UUIDs that pass the API's own UUID check, all different", () => {
    const r = seededRandom(1);
    const ids = Array.from({ length: 1000 }, () => r.uuid());
    for (const u of ids) expect(id.safeParse(u).success).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it("keeps int within its bounds, reaching both ends", () => {
    const r = seededRandom(9);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});
