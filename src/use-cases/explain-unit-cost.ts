import { explainCost } from "../domain/costs/explain-cost.js";
import { costNodeName } from "../domain/costs/tbm-taxonomy.js";
import type { CostExplanation } from "../domain/schemas/cost-model.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ExplainUnitCostOptions {
  repositories: Repositories;
  businessUnitId: string;
  period: string;
  /** Only the money that reached the unit through this service. */
  serviceId?: string;
}

/**
 * The path of every cent a unit was charged in a month (or through one service): from the
 * service, back through towers and pools to the ledger lines, each step with the rule and the
 * driver value that moved it. Upstream amounts are the unit's share only, never other units'.
 */
export const explainUnitCost = async (o: ExplainUnitCostOptions): Promise<CostExplanation> => {
  const costs = o.repositories.costs;
  const { unit, flows, ledger } = await costs.explanationInputs(o.businessUnitId, o.period);
  const names = await costs.graphNames();
  const nameOf = (node: string) => names.get(node) ?? costNodeName(node);
  const unitNode = `unit:${unit.id}`;
  const into = flows.filter(
    (f) => f.to === unitNode && (o.serviceId === undefined || f.from === `service:${o.serviceId}`),
  );
  // Asked for one service: the unit's money from the other services is left out of the walk.
  const walked = flows.filter((f) => f.to !== unitNode || into.includes(f));
  const paths = explainCost(
    unitNode,
    into.reduce((s, f) => s + f.cents, 0),
    walked,
    ledger,
    nameOf,
  );
  return {
    businessUnitId: unit.id,
    period: o.period,
    totalCents: paths.reduce((s, p) => s + p.cents, 0),
    paths,
  };
};
