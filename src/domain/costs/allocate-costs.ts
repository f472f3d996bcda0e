import { TandemError } from "../errors.js";
import type { CostFlow, UnallocatedCost } from "../schemas/cost-model.js";
import { scaledWeight, splitCents } from "./split-cents.js";

/** A rule with its driver values looked up: what the engine runs. */
export interface ResolvedRule {
  id: string;
  source: string;
  /** How the rule reads to a person: "direct", "fixed %", "driver: tickets", "consumption share". */
  basis: string;
  targets: { node: string; weight: number }[];
  /** Set for percentage rules: shares are weight / 100 and what they leave is unallocated. */
  percent: boolean;
}

export interface AllocationResult {
  flows: CostFlow[];
  unallocated: UnallocatedCost[];
  /** What reached each node (pools: their ledger amount). */
  nodeTotals: Map<string, number>;
  totalCents: number;
  allocatedToUnitsCents: number;
  unallocatedCents: number;
}

const isUnit = (node: string) => node.startsWith("unit:");

/** The rule graph's first cycle, as the path of nodes that closes it (depth-first, in key order). */
export const findCycle = (rules: readonly ResolvedRule[]): string[] | null => {
  const next = new Map<string, string[]>();
  for (const r of rules) next.set(r.source, [...new Set(r.targets.map((t) => t.node))].sort());
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      const s = state.get(to);
      if (s === "open") return [...stack.slice(stack.indexOf(to)), to];
      if (s === undefined) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const start of [...next.keys()].sort()) {
    if (state.has(start)) continue;
    const found = visit(start);
    if (found) return found;
  }
  return null;
};

/**
 * Allocates money from its sources (pools, with their ledger amounts) along the rules down to
 * business units. Every step splits by largest remainder, so the units' totals plus the
 * unallocated lines equal the sources' total exactly. Money reaching a node without a rule, or
 * left by a percentage rule under 100 % or a driver that sums to zero, stays visible as
 * unallocated with the reason. A cycle among rules is refused, naming it. The result does not
 * depend on the order of sources, rules or targets.
 */
export const allocateCosts = (
  sources: readonly { node: string; cents: number }[],
  rules: readonly ResolvedRule[],
  nameOf: (node: string) => string = (n) => n,
): AllocationResult => {
  const byRuleSource = new Map<string, ResolvedRule>();
  for (const r of rules) {
    if (byRuleSource.has(r.source)) {
      throw new TandemError(
        "validation",
        `two rules allocate ${nameOf(r.source)}: ${byRuleSource.get(r.source)?.id} and ${r.id}`,
      );
    }
    byRuleSource.set(r.source, r);
  }
  const cycle = findCycle(rules);
  if (cycle) {
    const named = cycle.map(nameOf).join(" → ");
    throw new TandemError("cycle", `allocation rules form a cycle: ${named}`, { items: cycle });
  }

  const amounts = new Map<string, number>();
  const add = (node: string, cents: number) => amounts.set(node, (amounts.get(node) ?? 0) + cents);
  let totalCents = 0;
  for (const s of sources) {
    add(s.node, s.cents);
    totalCents += s.cents;
  }

  // Kahn's order over the nodes that hold money or receive it; ties broken by key so that the
  // result (and its floating order of flows) never depends on input order.
  const indegree = new Map<string, number>();
  const touch = (n: string) => {
    if (!indegree.has(n)) indegree.set(n, 0);
  };
  for (const n of amounts.keys()) touch(n);
  for (const r of byRuleSource.values()) {
    touch(r.source);
    for (const t of new Set(r.targets.map((x) => x.node))) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  }
  const ready = [...indegree.entries()]
    .filter(([, d]) => d === 0)
    .map(([n]) => n)
    .sort();
  const flows: CostFlow[] = [];
  const unallocated: UnallocatedCost[] = [];
  const nodeTotals = new Map<string, number>();
  let allocatedToUnitsCents = 0;
  while (ready.length > 0) {
    const node = ready.shift() as string;
    const cents = amounts.get(node) ?? 0;
    nodeTotals.set(node, cents);
    const rule = byRuleSource.get(node);
    if (rule) {
      const merged = new Map<string, number>();
      for (const t of rule.targets) merged.set(t.node, (merged.get(t.node) ?? 0) + t.weight);
      const weights = [...merged.entries()].map(([key, w]) => ({ key, weight: scaledWeight(w) }));
      const split = splitCents(cents, weights, rule.percent ? scaledWeight(100) : undefined);
      for (const [to, part] of split.parts) {
        if (part !== 0) {
          add(to, part);
          const w = merged.get(to) ?? 0;
          flows.push({
            from: node,
            to,
            cents: part,
            ruleId: rule.id,
            basis: rule.basis,
            driverValue: w,
            driverTotal: rule.percent ? 100 : [...merged.values()].reduce((a, b) => a + b, 0),
          });
        }
        const d = (indegree.get(to) ?? 1) - 1;
        indegree.set(to, d);
        if (d === 0) insertSorted(ready, to);
      }
      const left = cents - split.passed;
      if (left !== 0) {
        const reason =
          split.passed === 0 && !rule.percent
            ? `rule ${rule.id}: the driver adds up to zero over its targets`
            : `rule ${rule.id} allocates less than 100 %`;
        unallocated.push({ node, cents: left, reason });
      }
    } else if (isUnit(node)) {
      allocatedToUnitsCents += cents;
    } else if (cents !== 0) {
      unallocated.push({ node, cents, reason: `no rule allocates ${nameOf(node)}` });
    }
  }
  const unallocatedCents = unallocated.reduce((sum, u) => sum + u.cents, 0);
  return { flows, unallocated, nodeTotals, totalCents, allocatedToUnitsCents, unallocatedCents };
};

const insertSorted = (list: string[], value: string) => {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
};
