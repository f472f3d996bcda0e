import type { Clock } from "../domain/clock.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import type { Repositories } from "../store/repositories/index.js";
import { computeScorecard } from "./compute-scorecard.js";

export interface ListUnitServicesOptions {
  repositories: Repositories;
  businessUnitId: string;
  from: string;
  to: string;
  clock?: Clock;
}

export interface UnitServiceScore {
  serviceId: string;
  serviceName: string;
  sharePct: number | null;
  scorecard: Scorecard;
}

/** "The services you use and how they did": each service the unit (or a unit below it) consumes, with its scorecard. */
export const listUnitServices = async ({
  repositories,
  businessUnitId,
  from,
  to,
  clock,
}: ListUnitServicesOptions): Promise<{
  businessUnitId: string;
  from: string;
  to: string;
  services: UnitServiceScore[];
}> => {
  await repositories.businessUnits.get(businessUnitId);
  const units = await repositories.metrics.unitsBelow(businessUnitId);
  const consumed = await repositories.metrics.servicesInScope({ businessUnitIds: units });
  const names = await repositories.metrics.namesOf(
    "service",
    consumed.map((s) => s.id),
  );
  const services = await Promise.all(
    consumed.map(async (s) => ({
      serviceId: s.id,
      serviceName: names.get(s.id) ?? s.id,
      sharePct: s.sharePct ?? null,
      scorecard: await computeScorecard({
        repositories,
        from,
        to,
        serviceId: s.id,
        ...(clock ? { clock } : {}),
      }),
    })),
  );
  services.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  return { businessUnitId, from, to, services };
};
