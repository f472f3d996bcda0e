/**
 * Fixed-bucket histogram of durations, kept in the rollups so that medians and p90s never need the
 * raw tickets. Bucket 0 holds durations under one second; bucket b ≥ 1 holds [1.04^(b−1), 1.04^b)
 * seconds (the same rule as SQL `duration_bucket` in the service-metrics migration).
 *
 * A percentile is read as the geometric middle 1.04^(b−0.5) of the bucket that holds the
 * nearest-rank value, so its worst-case relative error is √1.04 − 1 = 1.98 % for p50 and p90 alike
 * (any percentile of durations of one second or more); durations under a second read as 0.
 */
export const BUCKET_RATIO = 1.04;
export const MAX_PERCENTILE_RELATIVE_ERROR = Math.sqrt(BUCKET_RATIO) - 1;

export const durationBucket = (seconds: number): number =>
  seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) / Math.log(BUCKET_RATIO));

/** The value a bucket stands for: the geometric middle of its bounds. */
export const bucketValue = (bucket: number): number => (bucket === 0 ? 0 : BUCKET_RATIO ** (bucket - 0.5));

export type DurationHistogram = ReadonlyMap<number, number>;

/**
 * The p-th percentile (0 < p ≤ 100) by nearest rank (the ⌈p/100 × n⌉-th smallest value) in
 * seconds, or null when the histogram is empty.
 */
export const histogramPercentile = (histogram: DurationHistogram, p: number): number | null => {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
};

/** The exact nearest-rank percentile of raw values (for comparisons), or null when there are none. */
export const nearestRankPercentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? null;
};

/**
 * Adds rollup entries to a histogram. An entry packs a bucket and its signed count as
 * count × 1024 + bucket (migration 20261203180000), read here with arithmetic rather than 32-bit
 * bit operations, so that counts past two million stay exact. Buckets whose counts cancel out
 * are removed, as the SQL reads leave them out.
 */
export const addDurationEntries = (histogram: Map<number, number>, entries: readonly number[]): void => {
  for (const entry of entries) {
    const count = Math.floor(entry / 1024);
    const bucket = entry - count * 1024;
    const sum = (histogram.get(bucket) ?? 0) + count;
    if (sum === 0) histogram.delete(bucket);
    else histogram.set(bucket, sum);
  }
};
