import { type Clock, systemClock } from "../domain/clock.js";
import { availabilityFacts } from "../domain/metrics/availability.js";
import { checkPeriod } from "../domain/metrics/periods.js";
import { emptySumsByType } from "../domain/metrics/rollup-totals.js";
import { scorecardFrom } from "../domain/metrics/scorecard-figures.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ListServiceScorecardsOptions {
  repositories: Repositories;
  from: string;
  to: string;
  clock?: Clock;
}

export interface ServiceScorecard {
  serviceId: string;
  serviceName: string;
  scorecard: Scorecard;
}

/**
 * The scorecard of every live service the actor may see, in a handful of grouped queries instead
 * of one scorecard per service (for home pages and lists). The same figures as `computeScorecard`
 * for each service.
 */
export const listServiceScorecards = async ({
  repositories,
  from,
  to,
  clock = systemClock,
}: ListServiceScorecardsOptions): Promise<{ from: string; to: string; services: ServiceScorecard[] }> => {
  const period = checkPeriod({ from, to });
  const metrics = repositories.metrics;
  const services = await metrics.servicesInScope({});
  const ids = services.map((s) => s.id);
  const [byService, outages, names] = await Promise.all([
    metrics.totalsByService(ids, period),
    metrics.outageFacts(ids, period),
    metrics.namesOf("service", ids),
  ]);
  const start = new Date(`${period.from}T00:00:00Z`);
  const end = new Date(`${period.to}T00:00:00Z`);
  const now = clock.now();
  const list = services.map((service) => {
    const facts = byService.get(service.id);
    return {
      serviceId: service.id,
      serviceName: names.get(service.id) ?? service.id,
      scorecard: scorecardFrom({
        ...period,
        serviceId: service.id,
        businessUnitId: null,
        totals: facts?.totals ?? {
          byType: emptySumsByType(),
          histograms: { resolve: new Map(), resolve_service: new Map(), fulfil: new Map() },
        },
        // Services are kept per month: the backlog's ages need day rows (as in computeScorecard).
        backlog: { atEnd: facts?.backlogAtEnd ?? 0, ages: null },
        availability: availabilityFacts(
          [service],
          outages.filter((o) => o.serviceId === service.id),
          start,
          end,
          now,
        ),
      }),
    };
  });
  list.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  return { from: period.from, to: period.to, services: list };
};
