import type { z } from "zod";
import type {
  impactList,
  metricSeries,
  scorecardAnswer,
  unitServices,
} from "../../../src/domain/schemas/scorecard.js";
import { apiGet } from "../api/api-client.js";

export type ScorecardAnswer = z.infer<typeof scorecardAnswer>;
export type MetricSeries = z.infer<typeof metricSeries>;
export type ImpactList = z.infer<typeof impactList>;
export type UnitServices = z.infer<typeof unitServices>;

export interface MetricsSlice {
  from: string;
  to: string;
  serviceId?: string;
  businessUnitId?: string;
}

export const sliceQuery = (slice: MetricsSlice, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams({ from: slice.from, to: slice.to, ...extra });
  if (slice.serviceId) params.set("serviceId", slice.serviceId);
  if (slice.businessUnitId) params.set("businessUnitId", slice.businessUnitId);
  return params.toString();
};

export const getScorecard = (slice: MetricsSlice, signal?: AbortSignal) =>
  apiGet<ScorecardAnswer>(`/api/v1/metrics/scorecard?${sliceQuery(slice)}`, signal);

export const getSeries = (
  slice: MetricsSlice,
  metric: string,
  by: string,
  breakdown?: string,
  signal?: AbortSignal,
) =>
  apiGet<MetricSeries>(
    `/api/v1/metrics/series?${sliceQuery(slice, { metric, by, ...(breakdown ? { breakdown } : {}) })}`,
    signal,
  );

export const getImpact = (slice: MetricsSlice, signal?: AbortSignal) =>
  apiGet<ImpactList>(`/api/v1/metrics/impact?${sliceQuery(slice, { limit: "100" })}`, signal);

export const getUnitServices = (unitId: string, slice: MetricsSlice, signal?: AbortSignal) =>
  apiGet<UnitServices>(
    `/api/v1/metrics/business-units/${unitId}/services?${sliceQuery({ from: slice.from, to: slice.to })}`,
    signal,
  );
