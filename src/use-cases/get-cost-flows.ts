import { costNodeName } from "../domain/costs/tbm-taxonomy.js";
import type { CostFlowDiagram } from "../domain/schemas/cost-model.js";
import type { Repositories } from "../store/repositories/index.js";

export interface GetCostFlowsOptions {
  repositories: Repositories;
  period: string;
}

const kindOf = (node: string) => node.slice(0, node.indexOf(":")) as "pool" | "tower" | "service" | "unit";

/**
 * The month's money as a flow diagram (pools → towers → services → units) with what stayed
 * unallocated as a node of its own, so the diagram's sources add up to the ledger total.
 */
export const getCostFlows = async (o: GetCostFlowsOptions): Promise<CostFlowDiagram> => {
  const costs = o.repositories.costs;
  const [flows, summary, names] = await Promise.all([
    costs.flows(o.period),
    costs.allocation(o.period),
    costs.graphNames(),
  ]);
  const diagram = flows.map((f) => ({ from: f.from, to: f.to, cents: f.cents }));
  for (const u of summary?.unallocated ?? [])
    diagram.push({ from: u.node, to: "unallocated", cents: u.cents });
  const nodes = new Set(diagram.flatMap((f) => [f.from, f.to]));
  return {
    period: o.period,
    nodes: [...nodes]
      .sort()
      .map((node) =>
        node === "unallocated"
          ? { node, name: "Unallocated", kind: "unallocated" as const }
          : { node, name: names.get(node) ?? costNodeName(node), kind: kindOf(node) },
      ),
    flows: diagram,
    ledgerTotalCents: summary?.ledgerTotalCents ?? 0,
    unallocatedCents: summary?.unallocatedCents ?? 0,
  };
};
