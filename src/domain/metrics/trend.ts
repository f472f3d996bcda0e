export type TrendDirection = "improving" | "worsening" | "steady" | "no_data";

/**
 * The direction of a series: the sign of its least-squares slope, judged by whether higher is
 * better. "Steady" when the fitted change over the whole series is under 2 % of its mean.
 */
export const trendDirection = (
  values: readonly (number | null)[],
  higherIsBetter: boolean,
): TrendDirection => {
  const points = values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
  if (points.length < 3) return "no_data";
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const span = (points[n - 1]?.[0] ?? 0) - (points[0]?.[0] ?? 0);
  const change = slope * span;
  if (Math.abs(change) < Math.abs(my) * 0.02 || change === 0) return "steady";
  return change > 0 === higherIsBetter ? "improving" : "worsening";
};
