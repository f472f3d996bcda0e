import { parsePeriod } from "./period.js";

/**
 * Pearson correlation of two weekly series at lags of 0-8 weeks: at lag k, IT's value in week w is
 * paired with the business value in week w + k (IT first, business after). Only weeks where both
 * have a value count; fewer than 3 pairs gives no coefficient.
 */
export interface SeriesPoint {
  /** ISO week label, e.g. 2026-W07. */
  week: string;
  value: number;
}

export interface LagCorrelation {
  lagWeeks: number;
  /** Pearson r, -1..1; null when fewer than 3 pairs or a series is flat. */
  r: number | null;
  pairs: number;
}

export const pearson = (xs: readonly number[], ys: readonly number[]): number | null => {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
};

/** Weeks as consecutive indices (Mondays / 7 days), so a lag shifts by whole weeks across year ends. */
const weekIndex = (label: string): number =>
  Math.round(Date.parse(`${parsePeriod(label).start}T00:00:00Z`) / (7 * 86_400_000));

export const laggedCorrelations = (
  it: readonly SeriesPoint[],
  business: readonly SeriesPoint[],
  maxLag = 8,
): LagCorrelation[] => {
  const businessByWeek = new Map(business.map((p) => [weekIndex(p.week), p.value]));
  const result: LagCorrelation[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const p of it) {
      const other = businessByWeek.get(weekIndex(p.week) + lag);
      if (other !== undefined) {
        xs.push(p.value);
        ys.push(other);
      }
    }
    result.push({ lagWeeks: lag, r: pearson(xs, ys), pairs: xs.length });
  }
  return result;
};

/** The honest caption: sample size and "correlation, not cause". */
export const correlationCaveat = (best: LagCorrelation | undefined): string => {
  if (!best || best.r === null)
    return "Too few weeks with both values to say anything (at least 3 are needed). Correlation is not cause.";
  const strength = Math.abs(best.r) >= 0.7 ? "strong" : Math.abs(best.r) >= 0.4 ? "moderate" : "weak";
  return `Strongest at a lag of ${best.lagWeeks} week${best.lagWeeks === 1 ? "" : "s"}: r = ${best.r.toFixed(2)} (${strength}) over ${best.pairs} weeks. Correlation, not cause: both series may follow something else, such as the season.${best.pairs < 20 ? " With fewer than 20 weeks this may well be chance." : ""}`;
};
