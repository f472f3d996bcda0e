import { z } from "zod";
import { id } from "./common.js";

/** A month, the period of every ledger line, model and allocation. */
export const costPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month as YYYY-MM");
export type CostPeriod = z.infer<typeof costPeriod>;

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "expected a key of lower-case letters, digits and dashes (at most 60)");

/**
 * A node of the cost flow: `pool:<key>`, `tower:<key>`, `service:<id>` or `unit:<id>` (a business
 * unit, the consumer). Money flows pools → towers → services → units, each step by a rule.
 */
export const costNode = z
  .string()
  .regex(
    /^(pool:[a-z0-9][a-z0-9-]{0,59}|tower:[a-z0-9][a-z0-9-]{0,59}|service:[0-9a-f-]{36}|unit:[0-9a-f-]{36})$/,
    "expected pool:<key>, tower:<key>, service:<id> or unit:<id>",
  );
export type CostNode = z.infer<typeof costNode>;

/**
 * How a rule splits what reaches its source: `direct` (all to its one target), `percent` (fixed
 * percentages; under 100 leaves the rest unallocated), `driver` (in proportion to a driver value
 * per target) or `consumption` (a service's consumption shares from the alignment graph).
 */
export const allocationMethod = z.enum(["direct", "percent", "driver", "consumption"]);
export type AllocationMethod = z.infer<typeof allocationMethod>;

/**
 * Drivers: `headcount` (of a unit), `tickets` (in the month, of the target service or unit, and of
 * the source service when it is one), `users` (of the capabilities a service supports; a unit's
 * headcount) or `quantity:<name>` (an imported quantity such as CPU hours, per node).
 */
export const costDriver = z
  .string()
  .regex(
    /^(headcount|tickets|users|quantity:[a-z0-9][a-z0-9-]{0,59})$/,
    "expected headcount, tickets, users or quantity:<name>",
  );
export type CostDriver = z.infer<typeof costDriver>;

export const allocationRule = z.object({
  id: key,
  source: costNode,
  method: allocationMethod,
  driver: costDriver.optional(),
  targets: z
    .array(
      z.object({
        node: costNode,
        percent: z
          .number({ error: "expected a percentage" })
          .min(0, "at least 0")
          .max(100, "at most 100")
          .optional(),
      }),
    )
    .max(10_000)
    .default([]),
});
export type AllocationRule = z.infer<typeof allocationRule>;

export const investmentCategory = z.enum(["run", "grow", "transform"]);
export type InvestmentCategory = z.infer<typeof investmentCategory>;

/** The cost model of one month. Copied forward month by month, edited as the organisation changes. */
export const costModelInput = z.object({
  taxonomy: z.enum(["tbm-v4", "tbm-v5"]).default("tbm-v4"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as EUR")
    .default("EUR"),
  customPools: z
    .array(z.object({ key, name: z.string().min(1).max(200) }))
    .max(100)
    .default([]),
  /** Towers in use; empty means the TBM towers. */
  towers: z
    .array(z.object({ key, name: z.string().min(1).max(200) }))
    .max(500)
    .default([]),
  /** Ledger line → pool: the first entry whose account prefix and cost centre both match. */
  accounts: z
    .array(
      z.object({
        account: z.string().max(100).optional(),
        costCentre: z.string().max(100).optional(),
        pool: key,
      }),
    )
    .max(5000)
    .default([]),
  rules: z.array(allocationRule).max(5000).default([]),
  /** Imported quantities (CPU hours, licences, ...) per node, for `quantity:<name>` drivers. */
  quantities: z
    .array(z.object({ name: key, node: costNode, value: z.number({ error: "expected a number" }) }))
    .max(100_000)
    .default([]),
  /** Run / grow / transform per service; a service not named here is "run". */
  serviceCategories: z
    .array(z.object({ serviceId: id, category: investmentCategory }))
    .max(10_000)
    .default([]),
  /** Annual budgets per pool, tower or service, for budget versus actual. */
  budgets: z
    .array(
      z.object({
        node: costNode,
        annualCents: z.number().int("expected whole cents").min(0).max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .max(10_000)
    .default([]),
});
export type CostModelInput = z.input<typeof costModelInput>;
export type CostModel = z.infer<typeof costModelInput>;

export const costModelRecord = z.object({
  period: costPeriod,
  model: costModelInput,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CostModelRecord = z.infer<typeof costModelRecord>;

export const costFlow = z.object({
  from: z.string(),
  to: z.string(),
  cents: z.number().int(),
  ruleId: z.string(),
  basis: z.string(),
  driverValue: z.number().nullable(),
  driverTotal: z.number().nullable(),
});
export type CostFlow = z.infer<typeof costFlow>;

export const unallocatedCost = z.object({ node: z.string(), cents: z.number().int(), reason: z.string() });
export type UnallocatedCost = z.infer<typeof unallocatedCost>;

export const allocationSummary = z.object({
  period: costPeriod,
  ledgerLines: z.number().int(),
  ledgerTotalCents: z.number().int(),
  allocatedToUnitsCents: z.number().int(),
  unallocatedCents: z.number().int(),
  unallocated: z.array(unallocatedCost),
  warnings: z.array(z.string()),
  allocatedAt: z.string(),
});
export type AllocationSummary = z.infer<typeof allocationSummary>;

export const costNodeLabel = z.object({
  node: z.string(),
  name: z.string(),
  kind: z.enum(["pool", "tower", "service", "unit", "unallocated"]),
});

export const costFlowDiagram = z.object({
  period: costPeriod,
  nodes: z.array(costNodeLabel),
  flows: z.array(z.object({ from: z.string(), to: z.string(), cents: z.number().int() })),
  ledgerTotalCents: z.number().int(),
  unallocatedCents: z.number().int(),
});
export type CostFlowDiagram = z.infer<typeof costFlowDiagram>;

export const billLine = z.object({
  node: z.string(),
  name: z.string(),
  kind: z.enum(["pool", "tower", "service"]),
  cents: z.number().int(),
  previousCents: z.number().int().nullable(),
  changePct: z.number().nullable(),
  basis: z.string(),
  driverValue: z.number().nullable(),
  driverTotal: z.number().nullable(),
  tickets: z.number().int(),
  /** From the service performance scorecard; null while no scorecard is available for the month. */
  availabilityPct: z.number().nullable(),
  slaAttainmentPct: z.number().nullable(),
});
export type BillLine = z.infer<typeof billLine>;

export const billOfIt = z.object({
  businessUnitId: id,
  businessUnitName: z.string(),
  period: costPeriod,
  /** False when the month has not been allocated yet: the bill is then empty. */
  allocated: z.boolean(),
  currency: z.string(),
  totalCents: z.number().int(),
  previousTotalCents: z.number().int().nullable(),
  changePct: z.number().nullable(),
  tickets: z.number().int(),
  lines: z.array(billLine),
});
export type BillOfIt = z.infer<typeof billOfIt>;

export interface CostExplanationStep {
  node: string;
  name: string;
  cents: number;
  /** The rule that moved this money on to the step below, with the driver value that sized it. */
  ruleId: string | null;
  basis: string | null;
  driverValue: number | null;
  driverTotal: number | null;
  from: CostExplanationStep[];
}
export const costExplanationStep: z.ZodType<CostExplanationStep> = z.lazy(() =>
  z.object({
    node: z.string(),
    name: z.string(),
    cents: z.number().int(),
    ruleId: z.string().nullable(),
    basis: z.string().nullable(),
    driverValue: z.number().nullable(),
    driverTotal: z.number().nullable(),
    from: z.array(costExplanationStep),
  }),
);

export const costExplanation = z.object({
  businessUnitId: id,
  period: costPeriod,
  totalCents: z.number().int(),
  paths: z.array(costExplanationStep),
});
export type CostExplanation = z.infer<typeof costExplanation>;

export const spendByGoal = z.object({
  period: costPeriod,
  totalCents: z.number().int(),
  goals: z.array(
    z.object({
      goalId: id,
      name: z.string(),
      level: z.string(),
      priorityWeight: z.number(),
      topPriority: z.boolean(),
      cents: z.number().int(),
    }),
  ),
  noGoalCents: z.number().int(),
  topPriorityCents: z.number().int(),
  topPriorityPct: z.number().nullable(),
  byCategory: z.object({ run: z.number().int(), grow: z.number().int(), transform: z.number().int() }),
});
export type SpendByGoal = z.infer<typeof spendByGoal>;

export const budgetVersusActual = z.object({
  year: z.number().int(),
  monthsWithActuals: z.number().int(),
  lines: z.array(
    z.object({
      node: z.string(),
      name: z.string(),
      budgetCents: z.number().int().nullable(),
      actualCents: z.number().int(),
      forecastCents: z.number().int(),
      varianceCents: z.number().int().nullable(),
    }),
  ),
});
export type BudgetVersusActual = z.infer<typeof budgetVersusActual>;

export const ledgerImportReport = z.object({
  status: z.enum(["imported", "rejected", "dry-run"]),
  lines: z.number().int(),
  totalCents: z.number().int(),
  periods: z.array(costPeriod),
  errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});
export type LedgerImportReport = z.infer<typeof ledgerImportReport>;
