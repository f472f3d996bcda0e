/** A distribution of scale answers: how many gave each value. */
export interface Distribution {
  value: number;
  answers: number;
}

export const respondentsOf = (d: readonly Distribution[]): number => d.reduce((s, x) => s + x.answers, 0);

/** Mean of the answers, or null with none. */
export const meanOf = (d: readonly Distribution[]): number | null => {
  const n = respondentsOf(d);
  return n === 0 ? null : d.reduce((s, x) => s + x.value * x.answers, 0) / n;
};

/** Percent of answers at or above a value, or null with none. */
export const shareAtLeast = (d: readonly Distribution[], min: number): number | null => {
  const n = respondentsOf(d);
  return n === 0 ? null : (100 * d.filter((x) => x.value >= min).reduce((s, x) => s + x.answers, 0)) / n;
};

// CSAT (reference §5): 1-5, reported as % of 4-5 answers, and mean.
export const csatPct = (d: readonly Distribution[]): number | null => shareAtLeast(d, 4);

// Likert agreement: % answering 4 (agree) or 5 (strongly agree).
export const agreePct = (d: readonly Distribution[]): number | null => shareAtLeast(d, 4);

// NPS and eNPS (reference §5): 0-10; % of 9-10 minus % of 0-6, from -100 to 100.
export const netPromoterScore = (d: readonly Distribution[]): number | null => {
  const n = respondentsOf(d);
  if (n === 0) return null;
  const promoters = d.filter((x) => x.value >= 9).reduce((s, x) => s + x.answers, 0);
  const detractors = d.filter((x) => x.value <= 6).reduce((s, x) => s + x.answers, 0);
  return (100 * (promoters - detractors)) / n;
};

/** Rounds a figure for display and JSON: one decimal is all a survey can honestly claim. */
export const oneDecimal = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
