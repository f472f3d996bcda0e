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
