import { z } from "zod";
import { isoDate } from "./common.js";
import { ticketType } from "./ticket.js";

/**
 * Service performance in business terms (issue 6; definitions in the reference document §1).
 * Every figure is `null` when no record qualifies: "no data" is never 0.
 */
const figure = z.number().nullable();

export const durationSummary = z.object({
  /** Hours. */
  mean: figure,
  median: figure,
  p90: figure,
  /** How many records the figures are over. */
  count: z.number().int(),
});
export type DurationSummary = z.infer<typeof durationSummary>;

export const backlogAges = z.object({
  upToOneDay: z.number().int(),
  oneToSevenDays: z.number().int(),
  sevenToThirtyDays: z.number().int(),
  overThirtyDays: z.number().int(),
});

export const scorecard = z.object({
  from: isoDate,
  /** Exclusive. */
  to: isoDate,
  serviceId: z.uuid().nullable(),
  businessUnitId: z.uuid().nullable(),
  /** Tickets opened in the period, by type. */
  volumes: z.object({
    incident: z.number().int(),
    request: z.number().int(),
    change: z.number().int(),
    problem: z.number().int(),
  }),
  incidents: z.number().int(),
  mttaHours: figure,
  mttrHours: durationSummary,
  /**
   * Medians and p90s of a business unit are kept per month: for a period that is not whole months
   * they are over the whole months it touches, given here (null: over the period itself).
   */
  percentilesOver: z.object({ from: isoDate, to: isoDate }).nullable(),
  /** Resolution time counted within the service's agreed hours only. */
  mttrServiceHours: durationSummary,
  mttrRestoreHours: figure,
  mtbfHours: figure,
  availabilityPct: figure,
  availabilityTargetPct: figure,
  slaAttainmentPct: figure,
  slaCount: z.number().int(),
  firstContactResolutionPct: figure,
  reopenRatePct: figure,
  backlog: z.object({ atEnd: z.number().int(), ages: backlogAges.nullable() }),
  changeSuccessPct: figure,
  changesClosed: z.number().int(),
  changeCausedIncidents: z.number().int(),
  requestFulfilmentHours: durationSummary,
  outages: z.number().int(),
  outageHours: z.number(),
  downtimeCostCents: z.number().int(),
  /** Users of the impacted capabilities, summed over outages (at least, at most). */
  usersAffected: z.number().int(),
  lostHours: z.number(),
});
export type Scorecard = z.infer<typeof scorecard>;

export const metricName = z.enum([
  "incidents",
  "requests",
  "changes",
  "problems",
  "mtta_hours",
  "mttr_hours",
  "mttr_median_hours",
  "mttr_p90_hours",
  "mttr_service_hours",
  "availability_pct",
  "sla_attainment_pct",
  "first_contact_resolution_pct",
  "reopen_rate_pct",
  "backlog",
  "change_success_pct",
  "change_caused_incidents",
  "request_fulfilment_hours",
  "outage_hours",
  "downtime_cost_cents",
]);
export type MetricName = z.infer<typeof metricName>;

export const periodUnit = z.enum(["day", "week", "month", "quarter", "year"]);
export type PeriodUnit = z.infer<typeof periodUnit>;

export const breakdownDimension = z.enum([
  "service",
  "business_unit",
  "priority",
  "type",
  "assignment_group",
  "channel",
]);
export type BreakdownDimension = z.infer<typeof breakdownDimension>;

export { ticketType };

const optionalId = z.uuid({ error: "expected a UUID" }).optional();
const date = z.iso.date({ error: "expected a date as YYYY-MM-DD" });

/** The slice and period of a metrics question, as query parameters (API) and options (CLI). */
export const metricsQuery = z.object({
  from: date,
  /** Exclusive. */
  to: date,
  serviceId: optionalId,
  businessUnitId: optionalId,
  priority: z.coerce
    .number()
    .int()
    .min(1, "expected a priority from 1 to 5")
    .max(5, "expected a priority from 1 to 5")
    .optional(),
  type: ticketType.optional(),
  assignmentGroup: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(100).optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const seriesQuery = metricsQuery.extend({
  metric: metricName,
  by: periodUnit.default("month"),
  breakdown: breakdownDimension.optional(),
});

export const compareQuery = metricsQuery.extend({
  compareFrom: date.optional(),
  compareTo: date.optional(),
  compareServiceId: optionalId,
  compareBusinessUnitId: optionalId,
});

export const metricValues = z.record(z.string(), z.number().nullable());

export const scorecardAnswer = z.object({
  scorecard,
  /** The same slice over the period of the same length just before. */
  previous: scorecard,
  /** This period minus the previous one, per metric (null when either has no data). */
  change: metricValues,
});

export const comparison = z.object({ a: scorecard, b: scorecard, difference: metricValues });

export const metricSeries = z.object({
  metric: metricName,
  label: z.string(),
  higherIsBetter: z.boolean(),
  from: isoDate,
  to: isoDate,
  by: periodUnit,
  breakdown: breakdownDimension.nullable(),
  series: z.array(
    z.object({
      key: z.string().nullable(),
      name: z.string(),
      points: z.array(z.object({ from: isoDate, to: isoDate, value: z.number().nullable() })),
      change: z.number().nullable(),
      trend: z.enum(["improving", "worsening", "steady", "no_data"]),
    }),
  ),
});

export const impactItem = z.object({
  outageId: z.uuid(),
  ticketId: z.uuid().nullable(),
  number: z.string().nullable(),
  title: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  priority: z.number().int().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  hours: z.number(),
  costPerHourCents: z.number().int(),
  costCents: z.number().int(),
  usersAffected: z.number().int(),
  lostHours: z.number(),
  costRank: z.number().int(),
  priorityRank: z.number().int(),
  disagreement: z.enum(["priority_too_low", "priority_too_high"]).nullable(),
});
export const impactList = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(impactItem),
  totalCostCents: z.number().int(),
});

export const unitServiceRow = z.object({
  serviceId: z.uuid(),
  serviceName: z.string(),
  /** The unit's consumption share of the service (%). */
  sharePct: z.number().nullable(),
  scorecard,
});
export const unitServices = z.object({
  businessUnitId: z.uuid(),
  from: isoDate,
  to: isoDate,
  services: z.array(unitServiceRow),
});

export const rebuildResult = z.object({
  rollupRows: z.number().int(),
  histogramEntries: z.number().int(),
  outages: z.number().int(),
});

export const serviceScorecards = z.object({
  from: isoDate,
  to: isoDate,
  services: z.array(z.object({ serviceId: z.uuid(), serviceName: z.string(), scorecard })),
});
