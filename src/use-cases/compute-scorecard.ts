import { type Clock, systemClock } from "../domain/clock.js";
import { availabilityFacts } from "../domain/metrics/availability.js";
import { checkPeriod } from "../domain/metrics/periods.js";
import { type BacklogFacts, scorecardFrom } from "../domain/metrics/scorecard-figures.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import type { TicketType } from "../domain/schemas/ticket.js";
import type { Repositories } from "../store/repositories/index.js";
import type { TicketSlice } from "../store/repositories/metrics-repository.js";

export interface ScorecardSliceOptions {
  from: string;
  /** Exclusive. */
  to: string;
  serviceId?: string | null;
  businessUnitId?: string | null;
  priority?: number | null;
  type?: TicketType | null;
  assignmentGroup?: string | null;
  channel?: string | null;
}

export interface ComputeScorecardOptions extends ScorecardSliceOptions {
  repositories: Repositories;
  clock?: Clock;
}

/**
 * Resolves a question's service and business unit for the actor (404 for what they may not see),
 * and the unit into itself plus every unit below it.
 */
export const resolveSlice = async (
  repositories: Repositories,
  options: ScorecardSliceOptions,
): Promise<TicketSlice> => {
  if (options.serviceId) await repositories.services.get(options.serviceId);
  let businessUnitIds: string[] | null = null;
  if (options.businessUnitId) {
    await repositories.businessUnits.get(options.businessUnitId);
    businessUnitIds = await repositories.metrics.unitsBelow(options.businessUnitId);
  }
  return {
    serviceId: options.serviceId ?? null,
    businessUnitIds,
    priority: options.priority ?? null,
    type: options.type ?? null,
    assignmentGroup: options.assignmentGroup ?? null,
    channel: options.channel ?? null,
  };
};

const ageBuckets = (current: {
  openNow: number;
  byAgeDays: { age: number; open: number }[];
}): BacklogFacts["ages"] => {
  const within = (lo: number, hi: number) =>
    current.byAgeDays.filter((r) => r.age >= lo && r.age <= hi).reduce((n, r) => n + r.open, 0);
  const upToOneDay = within(0, 1);
  const oneToSevenDays = within(2, 7);
  const sevenToThirtyDays = within(8, 30);
  return {
    upToOneDay,
    oneToSevenDays,
    sevenToThirtyDays,
    overThirtyDays: current.openNow - upToOneDay - oneToSevenDays - sevenToThirtyDays,
  };
};

/** The scorecard of a slice of tickets over a period, from the rollups and the outages. */
export const computeScorecard = async ({
  repositories,
  clock = systemClock,
  ...options
}: ComputeScorecardOptions): Promise<Scorecard> => {
  const period = checkPeriod({ from: options.from, to: options.to });
  const slice = await resolveSlice(repositories, options);
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const metrics = repositories.metrics;
  const services = await metrics.servicesInScope(slice);
  const [totals, backlog, outages] = await Promise.all([
    metrics.totals(slice, period),
    metrics.backlog(slice, period.to, today),
    metrics.outageFacts(
      services.map((s) => s.id),
      period,
    ),
  ]);
  return scorecardFrom({
    from: period.from,
    to: period.to,
    serviceId: slice.serviceId ?? null,
    businessUnitId: options.businessUnitId ?? null,
    totals,
    backlog: { atEnd: backlog.atEnd, ages: backlog.current ? ageBuckets(backlog.current) : null },
    availability: availabilityFacts(
      services,
      outages,
      new Date(`${period.from}T00:00:00Z`),
      new Date(`${period.to}T00:00:00Z`),
      now,
    ),
  });
};
