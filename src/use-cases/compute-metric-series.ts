import { type Clock, systemClock } from "../domain/clock.js";
import { availabilityFacts, type OutageFact, type ServiceTerms } from "../domain/metrics/availability.js";
import { metricDefinitions } from "../domain/metrics/metric-values.js";
import { checkPeriod, type Period, periodBuckets } from "../domain/metrics/periods.js";
import { addSums, emptySumsByType, type SliceTotals } from "../domain/metrics/rollup-totals.js";
import { scorecardFrom } from "../domain/metrics/scorecard-figures.js";
import { type TrendDirection, trendDirection } from "../domain/metrics/trend.js";
import type { BreakdownDimension, MetricName, PeriodUnit } from "../domain/schemas/scorecard.js";
import type { Repositories } from "../store/repositories/index.js";
import { resolveSlice, type ScorecardSliceOptions } from "./compute-scorecard.js";

export interface ComputeMetricSeriesOptions extends ScorecardSliceOptions {
  repositories: Repositories;
  metric: MetricName;
  by: PeriodUnit;
  breakdown?: BreakdownDimension | null;
  clock?: Clock;
}

export interface SeriesPoint extends Period {
  value: number | null;
}

export interface MetricSeries {
  /** The breakdown value (a service or unit id, a priority, a group...), null for the whole slice. */
  key: string | null;
  name: string;
  points: SeriesPoint[];
  /** Last bucket against the one before it. */
  change: number | null;
  trend: TrendDirection;
}

export interface MetricSeriesResult {
  metric: MetricName;
  label: string;
  higherIsBetter: boolean;
  from: string;
  to: string;
  by: PeriodUnit;
  breakdown: BreakdownDimension | null;
  series: MetricSeries[];
}

/** Metrics that come from outages rather than tickets: per service, or for the whole slice. */
const outageMetrics = new Set<MetricName>(["availability_pct", "outage_hours", "downtime_cost_cents"]);

/**
 * One metric over time, per period bucket, optionally broken down by a dimension, each series with
 * its period-over-period change and trend direction.
 */
export const computeMetricSeries = async ({
  repositories,
  metric,
  by,
  breakdown = null,
  clock = systemClock,
  ...options
}: ComputeMetricSeriesOptions): Promise<MetricSeriesResult> => {
  const period = checkPeriod({ from: options.from, to: options.to });
  const buckets = periodBuckets(period, by);
  const slice = await resolveSlice(repositories, options);
  const metrics = repositories.metrics;
  const now = clock.now();
  const definition = metricDefinitions[metric];
  const { sums, histogram } = await metrics.series(slice, period, by, breakdown);

  // Availability and outage figures need the services behind each series.
  const wantsOutages = outageMetrics.has(metric) && (breakdown === null || breakdown === "service");
  const services = wantsOutages ? await metrics.servicesInScope(slice) : [];
  const outages: OutageFact[] = wantsOutages
    ? await metrics.outageFacts(
        services.map((s) => s.id),
        period,
      )
    : [];
  // Backlog at each bucket's end: the backlog at the start plus what came in minus what left.
  let backlogAt =
    breakdown === null && metric === "backlog" ? await metrics.backlogAtEnd(slice, period.from) : 0;

  const keys = new Set<string | null>(breakdown ? sums.map((s) => s.key) : [null]);
  if (breakdown === "service" && wantsOutages) for (const s of services) keys.add(s.id);
  const names = await metrics.namesOf(
    breakdown,
    [...keys].filter((k): k is string => k !== null),
  );

  const series: MetricSeries[] = [...keys].map((key) => {
    const points = buckets.map((bucket): SeriesPoint => {
      const bucketKey = bucketStartOf(bucket, by);
      const totals: SliceTotals = {
        byType: emptySumsByType(),
        histograms: { resolve: new Map(), resolve_service: new Map(), fulfil: new Map() },
      };
      for (const row of sums) {
        if (row.bucket !== bucketKey || row.key !== key) continue;
        totals.byType[row.type] = addSums(totals.byType[row.type], row.sums);
      }
      for (const row of histogram) {
        if (row.bucket !== bucketKey || row.key !== key) continue;
        const h = totals.histograms[row.measure] as Map<number, number>;
        h.set(row.durationBucket, (h.get(row.durationBucket) ?? 0) + row.tickets);
      }
      const all = Object.values(totals.byType);
      backlogAt += all.reduce((n, s) => n + s.opened - s.leftBacklog, 0);
      const servicesHere: ServiceTerms[] = key === null ? services : services.filter((s) => s.id === key);
      const card = scorecardFrom({
        ...bucket,
        serviceId: null,
        businessUnitId: null,
        totals,
        backlog: { atEnd: backlogAt, ages: null },
        availability: availabilityFacts(
          servicesHere,
          outages.filter((o) => servicesHere.some((s) => s.id === o.serviceId)),
          new Date(`${bucket.from}T00:00:00Z`),
          new Date(`${bucket.to}T00:00:00Z`),
          now,
        ),
      });
      const value = metric === "backlog" && breakdown !== null ? null : definition.value(card);
      return { ...bucket, value: outageMetrics.has(metric) && !wantsOutages ? null : value };
    });
    const values = points.map((p) => p.value);
    const last = values.at(-1) ?? null;
    const beforeLast = values.at(-2) ?? null;
    return {
      key,
      name: key === null ? "All" : (names.get(key) ?? key),
      points,
      change: last === null || beforeLast === null ? null : last - beforeLast,
      trend: trendDirection(values, definition.higherIsBetter),
    };
  });
  series.sort((a, b) => a.name.localeCompare(b.name));
  return {
    metric,
    label: definition.label,
    higherIsBetter: definition.higherIsBetter,
    from: period.from,
    to: period.to,
    by,
    breakdown,
    series,
  };
};

/** The first day of the bucket as SQL's date_trunc gives it (a first, clipped bucket starts earlier). */
const bucketStartOf = (bucket: Period, by: PeriodUnit): string => {
  const d = new Date(`${bucket.from}T00:00:00Z`);
  if (by === "day") return bucket.from;
  if (by === "week") {
    const weekday = (d.getUTCDay() + 6) % 7;
    return new Date(d.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
  }
  const month =
    by === "month" ? d.getUTCMonth() : by === "quarter" ? d.getUTCMonth() - (d.getUTCMonth() % 3) : 0;
  return new Date(Date.UTC(d.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
};
