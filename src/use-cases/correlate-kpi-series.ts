import { TandemError } from "../domain/errors.js";
import {
  correlationCaveat,
  type LagCorrelation,
  laggedCorrelations,
  type SeriesPoint,
} from "../domain/kpis/correlation.js";
import { addDays, weekLabelOf } from "../domain/kpis/period.js";
import type { Repositories } from "../store/repositories/index.js";
import { evaluateKpis } from "./evaluate-kpis.js";
import type { KpiSourceRegistry } from "./kpi-source-registry.js";

export interface CorrelateKpiSeriesOptions {
  repositories: Repositories;
  sources: KpiSourceRegistry;
  /** The IT-side KPI (e.g. web shop MTTR) and the business one (e.g. weekly online sales). */
  itKpiId: string;
  businessKpiId: string;
  /** First and last day of the range (at most two years of weeks). */
  from: string;
  to: string;
  today: string;
}

export interface KpiCorrelation {
  it: { kpiId: string; name: string; unit: string; points: SeriesPoint[] };
  business: { kpiId: string; name: string; unit: string; points: SeriesPoint[] };
  lags: LagCorrelation[];
  best: LagCorrelation | null;
  caveat: string;
}

/** Two KPIs week by week on one time axis, with their correlation at lags of 0-8 weeks. */
export const correlateKpiSeries = async (options: CorrelateKpiSeriesOptions): Promise<KpiCorrelation> => {
  const [it, business] = await Promise.all([
    options.repositories.kpiData.kpi(options.itKpiId),
    options.repositories.kpiData.kpi(options.businessKpiId),
  ]);
  if (options.from > options.to) {
    throw new TandemError("validation", "the range ends before it starts", {
      issues: [{ path: "to", message: "must not be before from" }],
    });
  }
  const weeks: string[] = [];
  for (let d = options.from; d <= options.to && weeks.length < 105; d = addDays(d, 7)) {
    const label = weekLabelOf(d);
    if (weeks.at(-1) !== label) weeks.push(label);
  }
  const lastWeek = weekLabelOf(options.to);
  if (weeks.at(-1) !== lastWeek && weeks.length < 105) weeks.push(lastWeek);
  const itPoints: SeriesPoint[] = [];
  const businessPoints: SeriesPoint[] = [];
  for (const week of weeks) {
    const { readings } = await evaluateKpis({
      repositories: options.repositories,
      sources: options.sources,
      period: week,
      today: options.today,
      kpiIds: [it.id, business.id],
    });
    for (const r of readings) {
      if (r.value === null) continue;
      if (r.kpiId === it.id) itPoints.push({ week, value: r.value });
      if (r.kpiId === business.id) businessPoints.push({ week, value: r.value });
    }
  }
  const lags = laggedCorrelations(itPoints, businessPoints, 8);
  const best =
    lags.filter((l) => l.r !== null).sort((a, b) => Math.abs(b.r as number) - Math.abs(a.r as number))[0] ??
    null;
  return {
    it: { kpiId: it.id, name: it.name, unit: it.unit, points: itPoints },
    business: { kpiId: business.id, name: business.name, unit: business.unit, points: businessPoints },
    lags,
    best,
    caveat: correlationCaveat(best ?? undefined),
  };
};
