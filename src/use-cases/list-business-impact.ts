import { type Clock, systemClock } from "../domain/clock.js";
import { checkPeriod } from "../domain/metrics/periods.js";
import type { Repositories } from "../store/repositories/index.js";
import { resolveSlice, type ScorecardSliceOptions } from "./compute-scorecard.js";

export interface ListBusinessImpactOptions extends ScorecardSliceOptions {
  repositories: Repositories;
  limit?: number;
  clock?: Clock;
}

export interface ImpactItem {
  outageId: string;
  ticketId: string | null;
  number: string | null;
  title: string;
  serviceId: string;
  serviceName: string;
  priority: number | null;
  startedAt: string;
  endedAt: string | null;
  /** Hours of the outage inside the period. */
  hours: number;
  costPerHourCents: number;
  costCents: number;
  usersAffected: number;
  lostHours: number;
  /** Rank by cost (1 = most costly) and by priority (1 = most urgent, then longest). */
  costRank: number;
  priorityRank: number;
  /** The ticket's priority understates (or overstates) what the outage cost the business. */
  disagreement: "priority_too_low" | "priority_too_high" | null;
}

/**
 * The most business-impacting incidents and outages of a period, ranked by what they cost (hours ×
 * cost of downtime per hour through the graph), not by priority, with where the two disagree: a
 * P3-P5 among the five most costly ("priority too low"), or a P1-P2 in the cheaper half ("too high").
 */
export const listBusinessImpact = async ({
  repositories,
  limit = 50,
  clock = systemClock,
  ...options
}: ListBusinessImpactOptions): Promise<{
  from: string;
  to: string;
  items: ImpactItem[];
  totalCostCents: number;
}> => {
  const period = checkPeriod({ from: options.from, to: options.to });
  const slice = await resolveSlice(repositories, options);
  const metrics = repositories.metrics;
  const services = await metrics.servicesInScope(slice);
  const outages = await metrics.outages(
    services.map((s) => s.id),
    period,
  );
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const until = Math.min(Date.parse(`${period.to}T00:00:00Z`), clock.now().getTime());
  const shareOf = new Map(services.map((s) => [s.id, s.sharePct == null ? 1 : s.sharePct / 100]));
  const items = outages.map((o) => {
    const start = Math.max(o.startedAt.getTime(), from);
    const end = Math.min(o.endedAt?.getTime() ?? until, until);
    const hours = Math.max(0, end - start) / 3_600_000;
    const share = shareOf.get(o.serviceId) ?? 1;
    return {
      outageId: o.id,
      ticketId: o.ticketId,
      number: o.number,
      title: o.title,
      serviceId: o.serviceId,
      serviceName: o.serviceName,
      priority: o.priority,
      startedAt: o.startedAt.toISOString(),
      endedAt: o.endedAt?.toISOString() ?? null,
      hours,
      costPerHourCents: o.costPerHourCents,
      // Downtime cost (reference §1): outage hours × cost of downtime per hour × support strength.
      costCents: Math.round(hours * o.costPerHourCents * share),
      usersAffected: Math.round(o.users * share),
      lostHours: hours * o.users * share,
    };
  });
  const byCost = [...items].sort(
    (a, b) => b.costCents - a.costCents || a.startedAt.localeCompare(b.startedAt),
  );
  const byPriority = [...items].sort((a, b) => (a.priority ?? 9) - (b.priority ?? 9) || b.hours - a.hours);
  const costRank = new Map(byCost.map((i, n) => [i.outageId, n + 1]));
  const priorityRank = new Map(byPriority.map((i, n) => [i.outageId, n + 1]));
  const half = Math.ceil(items.length / 2);
  const ranked: ImpactItem[] = byCost.map((i) => {
    const rank = costRank.get(i.outageId) ?? 0;
    const disagreement =
      i.priority !== null && i.priority >= 3 && rank <= 5 && i.costCents > 0
        ? "priority_too_low"
        : i.priority !== null && i.priority <= 2 && rank > half && items.length >= 4
          ? "priority_too_high"
          : null;
    return { ...i, costRank: rank, priorityRank: priorityRank.get(i.outageId) ?? 0, disagreement };
  });
  return {
    from: period.from,
    to: period.to,
    items: ranked.slice(0, limit),
    totalCostCents: items.reduce((n, i) => n + i.costCents, 0),
  };
};
