import type { CostExplanationStep, CostFlow } from "../schemas/cost-model.js";
import { splitCents } from "./split-cents.js";

/** Ledger lines feeding a pool, grouped as the ledger names them. */
export interface LedgerGroup {
  pool: string;
  account: string;
  costCentre: string;
  vendor: string;
  cents: number;
}

/**
 * The path of every cent a node received, back to the ledger: the amount is split over the flows
 * that brought money into the node in proportion to them (largest remainder, so each level adds up
 * to its parent exactly), recursively up to the pools, whose share is split over their ledger
 * groups (account, cost centre, vendor). Each step carries the rule and driver value that moved it.
 */
export const explainCost = (
  node: string,
  cents: number,
  flows: readonly CostFlow[],
  ledger: readonly LedgerGroup[],
  nameOf: (node: string) => string,
): CostExplanationStep[] => {
  const into = new Map<string, CostFlow[]>();
  for (const f of flows) {
    const list = into.get(f.to);
    if (list) list.push(f);
    else into.set(f.to, [f]);
  }
  const ledgerOf = new Map<string, LedgerGroup[]>();
  for (const g of ledger) {
    const list = ledgerOf.get(g.pool);
    if (list) list.push(g);
    else ledgerOf.set(g.pool, [g]);
  }
  const upstream = (at: string, amount: number, depth: number): CostExplanationStep[] => {
    const incoming = into.get(at) ?? [];
    if (incoming.length === 0 || depth > 50) {
      const groups = ledgerOf.get(at.slice("pool:".length)) ?? [];
      if (!at.startsWith("pool:") || groups.length === 0) return [];
      const keyOf = (g: LedgerGroup) => `ledger:${g.account}|${g.costCentre}|${g.vendor}`;
      const split = splitCents(
        amount,
        groups.map((g) => ({ key: keyOf(g), weight: BigInt(Math.abs(g.cents)) })),
      );
      return groups
        .map((g) => ({
          node: keyOf(g),
          name: `account ${g.account}, cost centre ${g.costCentre}${g.vendor ? `, ${g.vendor}` : ""}`,
          cents: split.parts.get(keyOf(g)) ?? 0,
          ruleId: null,
          basis: "ledger",
          driverValue: null,
          driverTotal: null,
          from: [],
        }))
        .filter((s) => s.cents !== 0)
        .sort((a, b) => b.cents - a.cents);
    }
    const split = splitCents(
      amount,
      incoming.map((f) => ({ key: f.from, weight: BigInt(Math.abs(f.cents)) })),
    );
    return incoming
      .map((f) => {
        const share = split.parts.get(f.from) ?? 0;
        return {
          node: f.from,
          name: nameOf(f.from),
          cents: share,
          ruleId: f.ruleId,
          basis: f.basis,
          driverValue: f.driverValue,
          driverTotal: f.driverTotal,
          from: upstream(f.from, share, depth + 1),
        };
      })
      .filter((s) => s.cents !== 0)
      .sort((a, b) => b.cents - a.cents);
  };
  return upstream(node, cents, 0);
};
