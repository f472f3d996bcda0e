import type { Clock } from "../domain/clock.js";
import { changeBetween, metricsOf } from "../domain/metrics/metric-values.js";
import { previousPeriod } from "../domain/metrics/periods.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import type { Repositories } from "../store/repositories/index.js";
import { computeScorecard, computeScorecards, type ScorecardSliceOptions } from "./compute-scorecard.js";

/** B minus A, per metric (null when either side has no data). */
export const differenceOf = (a: Scorecard, b: Scorecard): Record<string, number | null> => {
  const before = metricsOf(a);
  const after = metricsOf(b);
  return Object.fromEntries(
    Object.keys(after).map((k) => [
      k,
      changeBetween(before[k as keyof typeof before], after[k as keyof typeof after]),
    ]),
  );
};

export interface CompareScorecardsOptions extends ScorecardSliceOptions {
  repositories: Repositories;
  clock?: Clock;
  /** The other side: another period and/or another service or unit; unset parts are the same as A's. */
  compareFrom?: string;
  compareTo?: string;
  compareServiceId?: string;
  compareBusinessUnitId?: string;
}

/** Two periods, or two services or units, side by side in one call, with B − A per metric. */
export const compareScorecards = async ({
  compareFrom,
  compareTo,
  compareServiceId,
  compareBusinessUnitId,
  ...a
}: CompareScorecardsOptions): Promise<{
  a: Scorecard;
  b: Scorecard;
  difference: Record<string, number | null>;
}> => {
  const b = {
    ...a,
    from: compareFrom ?? a.from,
    to: compareTo ?? a.to,
    serviceId: compareServiceId ?? a.serviceId,
    businessUnitId: compareBusinessUnitId ?? a.businessUnitId,
  };
  const [left, right] = await Promise.all([computeScorecard(a), computeScorecard(b)]);
  return { a: left, b: right, difference: differenceOf(left, right) };
};

/** A scorecard with the one of the period just before, and the change between them. */
export const scorecardWithChange = async (
  options: ScorecardSliceOptions & { repositories: Repositories; clock?: Clock },
): Promise<{ scorecard: Scorecard; previous: Scorecard; change: Record<string, number | null> }> => {
  const before = previousPeriod({ from: options.from, to: options.to });
  const [scorecard, previous] = (await computeScorecards(options, [
    { from: options.from, to: options.to },
    before,
  ])) as [Scorecard, Scorecard];
  return { scorecard, previous, change: differenceOf(previous, scorecard) };
};
