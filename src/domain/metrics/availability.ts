import type { ServiceHours } from "../schemas/it-service.js";
import type { AvailabilityFacts } from "./scorecard-figures.js";
import { type Interval, mergeIntervals, serviceSeconds } from "./service-time.js";

export interface ServiceTerms {
  id: string;
  hours: ServiceHours | null;
  availabilityTarget: number | null;
  /** For a business unit's view: its consumption share (%) of the service, which its cost carries. */
  sharePct?: number | null;
}

export interface OutageFact {
  serviceId: string;
  startedAt: Date;
  /** Null while it lasts. */
  endedAt: Date | null;
  /** Cost of an hour of this outage: the service's and its dependants' capabilities (graph outage impact). */
  costPerHourCents: number;
  /** Users of the impacted capabilities. */
  users: number;
}

/**
 * The outages that overlap [from, to): started before its end and not ended by its start, the
 * rule by which the store selects a period's outages (metrics repository).
 */
export const outagesOverlapping = <O extends OutageFact>(outages: readonly O[], from: Date, to: Date): O[] =>
  outages.filter((o) => o.startedAt < to && (o.endedAt === null || o.endedAt > from));

const clip = (i: Interval, from: Date, until: Date): Interval | null => {
  const start = i.start > from ? i.start : from;
  const end = i.end < until ? i.end : until;
  return end > start ? { start, end } : null;
};

/**
 * Availability, MTBF and downtime cost facts for services over [from, to), counting time only up
 * to `now` (a period still running has not yet been agreed beyond today).
 */
export const availabilityFacts = (
  services: readonly ServiceTerms[],
  outages: readonly OutageFact[],
  from: Date,
  to: Date,
  now: Date,
): AvailabilityFacts => {
  const until = to < now ? to : now;
  // Services share a handful of hour patterns; agreed time is worked out once per pattern.
  const agreedByPattern = new Map<string, number>();
  const agreedOf = (hours: ServiceHours | null) => {
    const key = JSON.stringify(hours);
    let seconds = agreedByPattern.get(key);
    if (seconds === undefined) {
      seconds = until > from ? serviceSeconds(hours, from, until) : 0;
      agreedByPattern.set(key, seconds);
    }
    return seconds;
  };
  const byService = new Map<string, OutageFact[]>();
  for (const o of outages) byService.set(o.serviceId, [...(byService.get(o.serviceId) ?? []), o]);

  const facts: AvailabilityFacts = {
    agreedSeconds: 0,
    downtimeSeconds: 0,
    targetPct: services.length === 1 ? (services[0]?.availabilityTarget ?? null) : null,
    outagesStarted: 0,
    outagesEnded: 0,
    endedOutageSeconds: 0,
    outageSecondsInPeriod: 0,
    downtimeCostCents: 0,
    usersAffected: 0,
    lostHours: 0,
  };
  for (const service of services) {
    facts.agreedSeconds += agreedOf(service.hours);
    const own = byService.get(service.id) ?? [];
    const clipped = own.flatMap((o) => {
      const c = clip({ start: o.startedAt, end: o.endedAt ?? until }, from, until);
      return c ? [c] : [];
    });
    // Downtime outside service hours does not count (reference §1, availability).
    for (const i of mergeIntervals(clipped))
      facts.downtimeSeconds += serviceSeconds(service.hours, i.start, i.end);
    for (const o of own) {
      if (o.startedAt >= from && o.startedAt < to) facts.outagesStarted += 1;
      if (o.endedAt && o.endedAt >= from && o.endedAt < to) {
        facts.outagesEnded += 1;
        facts.endedOutageSeconds += (o.endedAt.getTime() - o.startedAt.getTime()) / 1000;
      }
      const c = clip({ start: o.startedAt, end: o.endedAt ?? until }, from, until);
      if (!c) continue;
      const seconds = (c.end.getTime() - c.start.getTime()) / 1000;
      facts.outageSecondsInPeriod += seconds;
      // Downtime cost (reference §1): outage hours × cost of downtime per hour of the supported capabilities.
      // A unit bears its consumption share of the cost and of the lost hours (reference §1, rolled up by share).
      const share = service.sharePct == null ? 1 : service.sharePct / 100;
      facts.downtimeCostCents += Math.round((seconds / 3600) * o.costPerHourCents * share);
      facts.usersAffected += Math.round(o.users * share);
      facts.lostHours += (seconds / 3600) * o.users * share;
    }
  }
  return facts;
};
