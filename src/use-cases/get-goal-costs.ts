import { spendByGoal } from "../domain/costs/spend-by-goal.js";
import type { InvestmentCategory, SpendByGoal } from "../domain/schemas/cost-model.js";
import type { Repositories } from "../store/repositories/index.js";

export interface GetGoalCostsOptions {
  repositories: Repositories;
  period: string;
}

/**
 * Spend by goal for a month: what reached each service, spread over the goals it serves through
 * the graph, with the share on top-priority goals and the run / grow / transform split.
 */
export const getGoalCosts = async (o: GetGoalCostsOptions): Promise<SpendByGoal> => {
  const costs = o.repositories.costs;
  const [flows, facts, record] = await Promise.all([
    costs.flows(o.period),
    costs.goalFacts(),
    costs.model(o.period),
  ]);
  const serviceCents = new Map<string, number>();
  for (const f of flows) {
    if (f.to.startsWith("service:")) {
      const id = f.to.slice("service:".length);
      serviceCents.set(id, (serviceCents.get(id) ?? 0) + f.cents);
    }
  }
  const categories = new Map<string, InvestmentCategory>(
    (record?.model.serviceCategories ?? []).map((c) => [c.serviceId, c.category]),
  );
  return spendByGoal(o.period, serviceCents, categories, facts);
};
