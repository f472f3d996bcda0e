import { forecastToYearEnd } from "../domain/costs/budget-forecast.js";
import { costNodeName } from "../domain/costs/tbm-taxonomy.js";
import type { BudgetVersusActual } from "../domain/schemas/cost-model.js";
import type { Repositories } from "../store/repositories/index.js";

export interface GetCostBudgetOptions {
  repositories: Repositories;
  year: number;
}

/**
 * Budget versus actual for a year, per pool, tower and service: the budgets of the year's newest
 * model, the actuals of the allocated months, and a run-rate forecast to year end.
 */
export const getCostBudget = async (o: GetCostBudgetOptions): Promise<BudgetVersusActual> => {
  const costs = o.repositories.costs;
  const [totals, latest, names] = await Promise.all([
    costs.nodeTotalsOfYear(o.year),
    costs.latestModelPeriod(`${o.year}-12`),
    costs.graphNames(),
  ]);
  const record = latest?.startsWith(`${o.year}-`) ? await costs.model(latest) : null;
  const months = new Set(totals.map((t) => t.period));
  const actual = new Map<string, number>();
  for (const t of totals) {
    if (t.node.startsWith("unit:")) continue;
    actual.set(t.node, (actual.get(t.node) ?? 0) + t.cents);
  }
  const budgets = new Map((record?.model.budgets ?? []).map((b) => [b.node, b.annualCents]));
  const nodes = [...new Set([...actual.keys(), ...budgets.keys()])];
  const order = (n: string) => ["pool", "tower", "service"].indexOf(n.slice(0, n.indexOf(":")));
  const lines = nodes
    .map((node) => {
      const a = actual.get(node) ?? 0;
      const budget = budgets.get(node) ?? null;
      const forecast = forecastToYearEnd(a, months.size);
      return {
        node,
        name: names.get(node) ?? costNodeName(node),
        budgetCents: budget,
        actualCents: a,
        forecastCents: forecast,
        varianceCents: budget === null ? null : forecast - budget,
      };
    })
    .sort((x, y) => order(x.node) - order(y.node) || y.actualCents - x.actualCents);
  return { year: o.year, monthsWithActuals: months.size, lines };
};
