import type { MetricName, Scorecard } from "../schemas/scorecard.js";

/** Each metric as read off a scorecard, and whether a higher value is better (for trends). */
export const metricDefinitions: Record<
  MetricName,
  { value: (s: Scorecard) => number | null; higherIsBetter: boolean; label: string }
> = {
  incidents: { value: (s) => s.volumes.incident, higherIsBetter: false, label: "Incidents opened" },
  requests: { value: (s) => s.volumes.request, higherIsBetter: true, label: "Requests opened" },
  changes: { value: (s) => s.volumes.change, higherIsBetter: true, label: "Changes opened" },
  problems: { value: (s) => s.volumes.problem, higherIsBetter: false, label: "Problems opened" },
  mtta_hours: { value: (s) => s.mttaHours, higherIsBetter: false, label: "Mean time to acknowledge (h)" },
  mttr_hours: { value: (s) => s.mttrHours.mean, higherIsBetter: false, label: "Mean time to resolve (h)" },
  mttr_median_hours: {
    value: (s) => s.mttrHours.median,
    higherIsBetter: false,
    label: "Median time to resolve (h)",
  },
  mttr_p90_hours: {
    value: (s) => s.mttrHours.p90,
    higherIsBetter: false,
    label: "90th percentile time to resolve (h)",
  },
  mttr_service_hours: {
    value: (s) => s.mttrServiceHours.mean,
    higherIsBetter: false,
    label: "Mean time to resolve in service hours (h)",
  },
  availability_pct: { value: (s) => s.availabilityPct, higherIsBetter: true, label: "Availability (%)" },
  sla_attainment_pct: {
    value: (s) => s.slaAttainmentPct,
    higherIsBetter: true,
    label: "Resolved within the promised time (%)",
  },
  first_contact_resolution_pct: {
    value: (s) => s.firstContactResolutionPct,
    higherIsBetter: true,
    label: "First-contact resolution (%)",
  },
  reopen_rate_pct: { value: (s) => s.reopenRatePct, higherIsBetter: false, label: "Reopened (%)" },
  backlog: { value: (s) => s.backlog.atEnd, higherIsBetter: false, label: "Open tickets at period end" },
  change_success_pct: {
    value: (s) => s.changeSuccessPct,
    higherIsBetter: true,
    label: "Successful changes (%)",
  },
  change_caused_incidents: {
    value: (s) => s.changeCausedIncidents,
    higherIsBetter: false,
    label: "Incidents caused by changes",
  },
  request_fulfilment_hours: {
    value: (s) => s.requestFulfilmentHours.mean,
    higherIsBetter: false,
    label: "Mean request fulfilment time (h)",
  },
  outage_hours: { value: (s) => s.outageHours, higherIsBetter: false, label: "Outage hours" },
  downtime_cost_cents: {
    value: (s) => s.downtimeCostCents,
    higherIsBetter: false,
    label: "Downtime cost (cents)",
  },
};

/** Change from one value to the next, or null when either is missing. */
export const changeBetween = (before: number | null, after: number | null): number | null =>
  before === null || after === null ? null : after - before;

/** The scorecard's figures keyed by metric name (snake_case, for the CLI and CSV). */
export const metricsOf = (s: Scorecard): Record<MetricName, number | null> =>
  Object.fromEntries(Object.entries(metricDefinitions).map(([name, d]) => [name, d.value(s)])) as Record<
    MetricName,
    number | null
  >;
