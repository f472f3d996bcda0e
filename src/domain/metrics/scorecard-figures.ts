import type { DurationSummary, Scorecard } from "../schemas/scorecard.js";
import { type DurationHistogram, histogramPercentile } from "./duration-histogram.js";
import type { SliceTotals } from "./rollup-totals.js";

const HOUR = 3600;

/** A share in percent, or no data when nothing qualifies (reference §1: "no data" is never 0). */
export const percentOf = (part: number, whole: number): number | null =>
  whole > 0 ? (part / whole) * 100 : null;

const hours = (seconds: number | null): number | null => (seconds === null ? null : seconds / HOUR);

export const durationSummaryOf = (
  count: number,
  sumSeconds: number,
  histogram: DurationHistogram,
): DurationSummary => ({
  mean: count > 0 ? sumSeconds / count / HOUR : null,
  median: hours(histogramPercentile(histogram, 50)),
  p90: hours(histogramPercentile(histogram, 90)),
  count,
});

export interface AvailabilityFacts {
  /** Agreed service seconds in the period, summed over the services in scope. */
  agreedSeconds: number;
  /** Downtime within the agreed hours (overlapping outages counted once per service). */
  downtimeSeconds: number;
  /** Target of the scope (the service's, or the strictest of the services in scope). */
  targetPct: number | null;
  /** Outages that started in the period, and of those that ended in it, their total wall-clock seconds. */
  outagesStarted: number;
  outagesEnded: number;
  endedOutageSeconds: number;
  /** Outage seconds within the period, and their cost, users affected and lost hours. */
  outageSecondsInPeriod: number;
  downtimeCostCents: number;
  usersAffected: number;
  lostHours: number;
}

export interface BacklogFacts {
  atEnd: number;
  ages: Scorecard["backlog"]["ages"];
}

export interface ScorecardInput {
  from: string;
  to: string;
  serviceId: string | null;
  businessUnitId: string | null;
  totals: SliceTotals;
  backlog: BacklogFacts;
  availability: AvailabilityFacts;
}

/** The scorecard from a slice's rollup totals and its outages; every formula cites reference §1. */
export const scorecardFrom = ({
  from,
  to,
  serviceId,
  businessUnitId,
  totals,
  backlog,
  availability,
}: ScorecardInput): Scorecard => {
  const { incident, request, change, problem } = totals.byType;
  const all = [incident, request, change, problem];
  const slaTotal = all.reduce((n, s) => n + s.slaTotal, 0);
  const slaMet = all.reduce((n, s) => n + s.slaMet, 0);
  const a = availability;
  return {
    from,
    to,
    serviceId,
    businessUnitId,
    volumes: {
      incident: incident.opened,
      request: request.opened,
      change: change.opened,
      problem: problem.opened,
    },
    incidents: incident.opened,
    // MTTA: mean of (first acknowledged − opened) over incidents acknowledged in the period.
    mttaHours: incident.acknowledged > 0 ? incident.ackSeconds / incident.acknowledged / HOUR : null,
    // MTTR (resolve): mean, median and p90 of (resolved − opened) over incidents resolved in the period.
    mttrHours: durationSummaryOf(incident.resolved, incident.resolveSeconds, totals.histograms.resolve),
    percentilesOver: totals.percentilesOver ?? null,
    mttrServiceHours: durationSummaryOf(
      incident.resolved,
      incident.resolveServiceSeconds,
      totals.histograms.resolve_service,
    ),
    // MTTR (restore): mean duration of outages that ended in the period.
    mttrRestoreHours: a.outagesEnded > 0 ? a.endedOutageSeconds / a.outagesEnded / HOUR : null,
    // MTBF: (service hours in period − outage time) / number of outages; undefined without outages.
    mtbfHours: a.outagesStarted > 0 ? (a.agreedSeconds - a.downtimeSeconds) / a.outagesStarted / HOUR : null,
    // Availability: (agreed service time − downtime within it) / agreed service time × 100.
    availabilityPct:
      a.agreedSeconds > 0 ? ((a.agreedSeconds - a.downtimeSeconds) / a.agreedSeconds) * 100 : null,
    availabilityTargetPct: a.targetPct,
    // SLA attainment: tickets whose SLA was met / tickets with an SLA that ended in the period × 100.
    slaAttainmentPct: percentOf(slaMet, slaTotal),
    slaCount: slaTotal,
    // First-contact resolution: resolved without reassignment / resolved × 100.
    firstContactResolutionPct: percentOf(incident.firstContact, incident.resolved),
    // Reopen rate: incidents reopened at least once / resolved × 100.
    reopenRatePct: percentOf(incident.reopened, incident.resolved),
    backlog: backlog,
    // Change success: changes closed successful / changes closed × 100.
    changeSuccessPct: percentOf(change.changesSuccessful, change.changesClosed),
    changesClosed: change.changesClosed,
    // Change-caused incidents: incidents whose "caused by change" is set.
    changeCausedIncidents: incident.causedByChange,
    // Request fulfilment time: mean / median of (closed − opened) for requests.
    requestFulfilmentHours: durationSummaryOf(
      request.fulfilled,
      request.fulfilSeconds,
      totals.histograms.fulfil,
    ),
    outages: a.outagesStarted,
    outageHours: a.outageSecondsInPeriod / HOUR,
    // Downtime cost: outage hours × capability cost of downtime per hour × support strength.
    downtimeCostCents: a.downtimeCostCents,
    usersAffected: a.usersAffected,
    lostHours: a.lostHours,
  };
};
