import type { DurationSummary, Scorecard } from "../schemas/scorecard.js";

const durations = (d: DurationSummary) => ({ mean: d.mean, median: d.median, p90: d.p90, count: d.count });

/** The scorecard for scripts (`tandem metrics --json`): snake_case keys named after the metrics. */
export const scorecardJson = (s: Scorecard) => ({
  from: s.from,
  to: s.to,
  incidents: s.volumes.incident,
  requests: s.volumes.request,
  changes: s.volumes.change,
  problems: s.volumes.problem,
  mtta_hours: s.mttaHours,
  mttr_hours: durations(s.mttrHours),
  mttr_service_hours: durations(s.mttrServiceHours),
  percentiles_over: s.percentilesOver,
  mttr_restore_hours: s.mttrRestoreHours,
  mtbf_hours: s.mtbfHours,
  availability_pct: s.availabilityPct,
  availability_target_pct: s.availabilityTargetPct,
  sla_attainment_pct: s.slaAttainmentPct,
  sla_tickets: s.slaCount,
  first_contact_resolution_pct: s.firstContactResolutionPct,
  reopen_rate_pct: s.reopenRatePct,
  backlog: {
    at_end: s.backlog.atEnd,
    ages: s.backlog.ages
      ? {
          up_to_1_day: s.backlog.ages.upToOneDay,
          "1_to_7_days": s.backlog.ages.oneToSevenDays,
          "7_to_30_days": s.backlog.ages.sevenToThirtyDays,
          over_30_days: s.backlog.ages.overThirtyDays,
        }
      : null,
  },
  change_success_pct: s.changeSuccessPct,
  changes_closed: s.changesClosed,
  change_caused_incidents: s.changeCausedIncidents,
  request_fulfilment_hours: durations(s.requestFulfilmentHours),
  outages: s.outages,
  outage_hours: s.outageHours,
  downtime_cost_cents: s.downtimeCostCents,
  users_affected: s.usersAffected,
  lost_hours: s.lostHours,
});
