import type { KpiInput } from "../../src/domain/schemas/kpi.js";
import type { Repositories } from "../../src/store/repositories/index.js";

let sequence = 0;

/** A weekly, hand-measured KPI on a goal (higher is better) unless told otherwise. */
export const makeKpi = (r: Repositories, o: Partial<KpiInput> & { goalId?: string | null } = {}) => {
  sequence += 1;
  return r.kpis.create({
    name: `KPI ${sequence}`,
    layer: "strategic",
    source: { kind: "measurement", aggregation: "sum" },
    unit: "cents",
    direction: "higher",
    frequency: "weekly",
    definition: "Net online sales per week.",
    ...o,
  } as KpiInput);
};
