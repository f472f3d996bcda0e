import { type Clock, systemClock } from "../domain/clock.js";
import { availabilityFacts, outagesOverlapping } from "../domain/metrics/availability.js";
import { checkPeriod, isWholeMonths, type Period } from "../domain/metrics/periods.js";
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
  if (options.serviceId) await repositories.services.requireVisible(options.serviceId);
  let businessUnitIds: string[] | null = null;
  if (options.businessUnitId) {
    await repositories.businessUnits.requireVisible(options.businessUnitId);
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
  from,
  to,
  ...options
}: ComputeScorecardOptions): Promise<Scorecard> =>
  (await computeScorecards({ from, to, ...options }, [{ from, to }]))[0] as Scorecard;

/**
 * Scorecards of one slice over several periods (a scorecard and the one before it), sharing what
 * does not depend on the period: the slice, its services, their outages and, for periods of whole
 * months, one read of the rollups for all periods.
 */
export const computeScorecards = async (
  { repositories, clock = systemClock, ...options }: ComputeScorecardOptions,
  periods: readonly Period[],
): Promise<Scorecard[]> => {
  const checked = periods.map((p) => checkPeriod(p));
  const slice = await resolveSlice(repositories, options);
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const metrics = repositories.metrics;
  const services = await metrics.servicesInScope(slice);
  // ISO days sort as text: the span runs from the earliest start to the latest end.
  const span = {
    from: checked.map((p) => p.from).sort()[0] ?? today,
    to:
      checked
        .map((p) => p.to)
        .sort()
        .at(-1) ?? today,
  };
  const [facts, outages, current] = await Promise.all([
    checked.every(isWholeMonths)
      ? metrics.totalsOverMonths(slice, checked)
      : Promise.all(
          checked.map(async (p) => {
            const [totals, backlogAtEnd] = await Promise.all([
              metrics.totals(slice, p),
              metrics.backlogAtEnd(slice, p.to),
            ]);
            return { totals, backlogAtEnd };
          }),
        ),
    metrics.outageFacts(
      services.map((s) => s.id),
      span,
    ),
    checked.some((p) => p.to > today) ? metrics.currentBacklog(slice, today) : null,
  ]);
  return checked.map((period, i) => {
    const from = new Date(`${period.from}T00:00:00Z`);
    const to = new Date(`${period.to}T00:00:00Z`);
    const { totals, backlogAtEnd } = facts[i] as (typeof facts)[number];
    return scorecardFrom({
      from: period.from,
      to: period.to,
      serviceId: slice.serviceId ?? null,
      businessUnitId: options.businessUnitId ?? null,
      totals,
      // A period running into today has the backlog's ages of today.
      backlog: { atEnd: backlogAtEnd, ages: current && period.to > today ? ageBuckets(current) : null },
      availability: availabilityFacts(services, outagesOverlapping(outages, from, to), from, to, now),
    });
  });
};
