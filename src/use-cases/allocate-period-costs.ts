import { allocateCosts } from "../domain/costs/allocate-costs.js";
import { resolveRules } from "../domain/costs/resolve-rules.js";
import { TandemError } from "../domain/errors.js";
import type { AllocationSummary } from "../domain/schemas/cost-model.js";
import type { Repositories } from "../store/repositories/index.js";

export interface AllocatePeriodCostsOptions {
  repositories: Repositories;
  period: string;
}

/**
 * Runs a month's allocation and stores it: the ledger's pool totals through the month's model,
 * drivers sized from the graph and the month's tickets. A model with errors (unknown or archived
 * targets, negative drivers, over 100 %) is refused with every error named; a cycle is refused
 * with the cycle named; warnings (money left unallocated) come back with the result.
 */
export const allocatePeriodCosts = async (o: AllocatePeriodCostsOptions): Promise<AllocationSummary> => {
  const costs = o.repositories.costs;
  const record = await costs.model(o.period);
  if (!record)
    throw new TandemError("not_found", `there is no cost model for ${o.period}; create or copy one first`);
  const [facts, pools] = await Promise.all([costs.costFacts(o.period), costs.ledgerPoolTotals(o.period)]);
  const resolved = resolveRules(record.model, facts);
  if (resolved.issues.length > 0) {
    throw new TandemError(
      "validation",
      `the cost model of ${o.period} has ${resolved.issues.length} error(s): ${resolved.issues[0]?.message}`,
      {
        issues: resolved.issues,
      },
    );
  }
  const warnings = [...resolved.warnings];
  for (const p of pools) {
    if (!resolved.poolKeys.has(p.pool))
      warnings.push(`ledger lines in pool "${p.pool}", which the model no longer has, stay unallocated`);
  }
  const nameOf = (node: string) => resolved.names.get(node) ?? node;
  const result = allocateCosts(
    pools.map((p) => ({ node: `pool:${p.pool}`, cents: p.cents })),
    resolved.rules,
    nameOf,
  );
  const lines = pools.reduce((s, p) => s + p.lines, 0);
  return costs.saveAllocation(o.period, lines, result, warnings);
};
