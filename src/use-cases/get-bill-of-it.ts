import { billOfIt } from "../domain/costs/bill-of-it.js";
import { costNodeName } from "../domain/costs/tbm-taxonomy.js";
import { isTandemError } from "../domain/errors.js";
import type { BillOfIt } from "../domain/schemas/cost-model.js";
import { monthBounds, previousPeriod } from "../store/repositories/cost-repository.js";
import type { Repositories } from "../store/repositories/index.js";
import { listUnitServices } from "./list-unit-services.js";

export interface GetBillOfItOptions {
  repositories: Repositories;
  businessUnitId: string;
  period: string;
}

/**
 * A unit's bill of IT for a month, read from the stored allocation; a unit outside the caller's
 * reach is not found; a month not allocated yet gives an empty bill. Availability and SLA
 * attainment of each service the unit consumes come from the service scorecard of the month.
 */
export const getBillOfIt = async (o: GetBillOfItOptions): Promise<BillOfIt> => {
  const costs = o.repositories.costs;
  const unit = await costs.unitInReach(o.businessUnitId);
  const before = previousPeriod(o.period);
  const [flows, periods, tickets, names, currency] = await Promise.all([
    costs.unitFlows(unit.id, [o.period, before]),
    costs.allocatedPeriods(),
    costs.unitTickets(unit.id, o.period),
    costs.graphNames(),
    costs.currency(o.period),
  ]);
  const [from, to] = monthBounds(o.period).map((instant) => instant.slice(0, 10)) as [string, string];
  const performance = await unitPerformance(o.repositories, unit.id, from, to);
  return billOfIt({
    performance,
    unit,
    period: o.period,
    allocated: periods.includes(o.period),
    currency,
    flows: flows.filter((f) => f.period === o.period),
    previousFlows: periods.includes(before) ? flows.filter((f) => f.period === before) : null,
    tickets,
    nameOf: (node) => names.get(node) ?? costNodeName(node),
  });
};

/** Availability and SLA attainment per consumed service, or none when the scorecard cannot answer. */
const unitPerformance = async (
  repositories: Repositories,
  businessUnitId: string,
  from: string,
  to: string,
) => {
  try {
    const { services } = await listUnitServices({ repositories, businessUnitId, from, to });
    return new Map(
      services.map((s) => [
        `service:${s.serviceId}`,
        { availabilityPct: s.scorecard.availabilityPct, slaAttainmentPct: s.scorecard.slaAttainmentPct },
      ]),
    );
  } catch (error) {
    // A bill is still a bill without performance figures (e.g. a period the metrics refuse).
    if (isTandemError(error)) return new Map();
    throw error;
  }
};
