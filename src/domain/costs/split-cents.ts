/**
 * Splits whole cents over weights by largest remainder (Hamilton's method): every part is the
 * floor of its exact share, and the cents left over go one each to the parts with the largest
 * fractional remainders, ties to the earlier key. The parts add up to exactly the amount that
 * `denominator` lets through: all of it when the denominator is the sum of the weights, and
 * floor(amount × sum / denominator) when the weights leave part of it (a percentage rule under
 * 100 %), so the caller can show the rest as unallocated. Integer arithmetic throughout (BigInt),
 * so no floating-point error ever loses or creates a cent.
 */
export interface WeightedKey {
  key: string;
  /** A non-negative integer weight (scale fractional drivers with `scaledWeight` first). */
  weight: bigint;
}

export interface CentsSplit {
  parts: Map<string, number>;
  /** What the split let through; `amount - passed` stays where it was. */
  passed: number;
}

/** Fractional driver values and percentages become integer weights with six decimals. */
export const WEIGHT_SCALE = 1_000_000;
export const scaledWeight = (value: number): bigint => BigInt(Math.round(value * WEIGHT_SCALE));

export const splitCents = (
  amount: number,
  weights: readonly WeightedKey[],
  denominator?: bigint,
): CentsSplit => {
  if (amount < 0) {
    const positive = splitCents(-amount, weights, denominator);
    const parts = new Map<string, number>();
    for (const [key, cents] of positive.parts) parts.set(key, cents === 0 ? 0 : -cents);
    return { parts, passed: positive.passed === 0 ? 0 : -positive.passed };
  }
  const sorted = [...weights].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = sorted.reduce((sum, w) => sum + w.weight, 0n);
  const over = denominator ?? total;
  const parts = new Map<string, number>();
  if (over === 0n || total === 0n) {
    for (const w of sorted) parts.set(w.key, 0);
    return { parts, passed: 0 };
  }
  const big = BigInt(amount);
  const passed = (big * total) / over;
  const remainders: { key: string; remainder: bigint; index: number }[] = [];
  let floors = 0n;
  sorted.forEach((w, index) => {
    const exact = big * w.weight;
    const floor = exact / over;
    floors += floor;
    parts.set(w.key, Number(floor));
    remainders.push({ key: w.key, remainder: exact % over, index });
  });
  let left = Number(passed - floors);
  if (left > 0) {
    remainders.sort((a, b) =>
      b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index,
    );
    for (const r of remainders) {
      if (left === 0) break;
      parts.set(r.key, (parts.get(r.key) ?? 0) + 1);
      left -= 1;
    }
  }
  return { parts, passed: Number(passed) };
};
