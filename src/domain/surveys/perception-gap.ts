import { agreePct, type Distribution, meanOf, oneDecimal, respondentsOf } from "./scoring.js";

const Z95 = 1.959963984540054;

/** Wilson score interval for a proportion (successes of n), at 95 %. */
export const wilsonInterval = (successes: number, n: number): { low: number; high: number } => {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};

export interface AgreementGap {
  /** p1 - p2 in percentage points. */
  points: number;
  low: number;
  high: number;
  significant: boolean;
}

/**
 * Difference of two independent proportions with Newcombe's hybrid score interval (method 10,
 * Newcombe 1998), which unlike the Wald interval keeps a sensible width at 0 % or 100 % and with
 * small groups.
 */
export const proportionGap = (s1: number, n1: number, s2: number, n2: number): AgreementGap => {
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const w1 = wilsonInterval(s1, n1);
  const w2 = wilsonInterval(s2, n2);
  const d = p1 - p2;
  const low = d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const high = d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  return { points: 100 * d, low: 100 * low, high: 100 * high, significant: low > 0 || high < 0 };
};

export interface GapSide {
  respondents: number;
  suppressed: boolean;
  agreePct: number | null;
  mean: number | null;
  distribution: Distribution[] | null;
}

/** One side of a statement as shown: all figures withheld when suppressed. */
export const gapSide = (distribution: Distribution[], suppressed: boolean): GapSide => {
  const respondents = respondentsOf(distribution);
  if (suppressed || respondents === 0)
    return { respondents, suppressed, agreePct: null, mean: null, distribution: null };
  const full = [1, 2, 3, 4, 5].map((value) => ({
    value,
    answers: distribution.find((d) => d.value === value)?.answers ?? 0,
  }));
  return {
    respondents,
    suppressed,
    agreePct: oneDecimal(agreePct(distribution)),
    mean: oneDecimal(meanOf(distribution)),
    distribution: full,
  };
};

/**
 * Perception gap for one statement: IT's share agreeing (as IT thinks the business would answer)
 * minus the business's own share agreeing, in percentage points. Positive: IT thinks better of
 * itself than the business does. Null when either side is withheld or empty.
 */
export const perceptionGapOf = (
  business: Distribution[],
  it: Distribution[],
  businessSuppressed: boolean,
  itSuppressed: boolean,
) => {
  const b = gapSide(business, businessSuppressed);
  const i = gapSide(it, itSuppressed);
  if (b.distribution === null || i.distribution === null)
    return { business: b, it: i, gapPoints: null, ciLow: null, ciHigh: null, significant: false };
  const agreeing = (d: Distribution[]) => d.filter((x) => x.value >= 4).reduce((s, x) => s + x.answers, 0);
  const gap = proportionGap(agreeing(it), i.respondents, agreeing(business), b.respondents);
  return {
    business: b,
    it: i,
    gapPoints: oneDecimal(gap.points),
    ciLow: oneDecimal(gap.low),
    ciHigh: oneDecimal(gap.high),
    significant: gap.significant,
  };
};
