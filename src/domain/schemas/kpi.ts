import { z } from "zod";
import { description, entityMeta, id, isoDate, name, patchOf } from "./common.js";

export const kpiLayer = z.enum(["strategic", "operational", "experience"]);
export type KpiLayer = z.infer<typeof kpiLayer>;
export const kpiDirection = z.enum(["higher", "lower"]);
export type KpiDirection = z.infer<typeof kpiDirection>;
export const kpiFrequency = z.enum(["weekly", "monthly", "quarterly", "yearly"]);
export type KpiFrequency = z.infer<typeof kpiFrequency>;
export const kpiUnit = z.enum(["percent", "hours", "minutes", "days", "count", "cents", "score", "number"]);
export type KpiUnit = z.infer<typeof kpiUnit>;
export const kpiStatus = z.enum(["green", "amber", "red", "no_data", "stale"]);
export type KpiStatus = z.infer<typeof kpiStatus>;

/** How business measurements inside a period make the period's value. */
export const measurementAggregation = z.enum(["sum", "mean", "last"]);

/**
 * Where a KPI's value comes from. Every kind is a port (KpiSource, src/domain/kpis/kpi-source.ts);
 * the measurement source is Tandem's own, the others read the metrics, surveys, feedback and costs.
 */
export const kpiFormula = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("measurement"), aggregation: measurementAggregation.default("sum") }),
  z.object({
    kind: z.literal("metric"),
    /** A scorecard field, e.g. `availabilityPct` or `mttrHours.p90`. */
    metric: z.string().trim().min(1).max(80),
    serviceId: id.nullable().default(null),
    businessUnitId: id.nullable().default(null),
  }),
  z.object({
    kind: z.literal("survey"),
    measure: z.string().trim().min(1).max(80),
    surveyId: id.nullable().default(null),
    serviceId: id.nullable().default(null),
  }),
  z.object({
    kind: z.literal("feedback"),
    measure: z.string().trim().min(1).max(80),
    serviceId: id.nullable().default(null),
  }),
  z.object({
    kind: z.literal("cost"),
    measure: z.string().trim().min(1).max(80),
    serviceId: id.nullable().default(null),
    businessUnitId: id.nullable().default(null),
  }),
]);
export type KpiFormula = z.infer<typeof kpiFormula>;
export type KpiSourceKind = KpiFormula["kind"];

const kpiFields = z.object({
  name,
  layer: kpiLayer,
  goalId: id.nullable().default(null),
  serviceId: id.nullable().default(null),
  businessUnitId: id.nullable().default(null),
  source: kpiFormula,
  unit: kpiUnit,
  direction: kpiDirection,
  frequency: kpiFrequency,
  ownerPersonId: id.nullable().default(null),
  /** One line, shown wherever the KPI appears. */
  definition: z.string().trim().max(300, "one line: at most 300 characters").default(""),
  /** Weight among the other KPIs and child goals of its goal (same scale as goal priority weights). */
  weight: z.number().min(0).max(1000).default(1),
  /** Achievement % from which the KPI is green, and from which amber (below: red). */
  greenFrom: z.number().min(0).max(1000).default(90),
  amberFrom: z.number().min(0).max(1000).default(75),
  templateKey: z.string().max(80).nullable().default(null),
});

const oneAnchor = (v: {
  goalId?: string | null;
  serviceId?: string | null;
  businessUnitId?: string | null;
}) => [v.goalId, v.serviceId, v.businessUnitId].filter((x) => x).length === 1;
const thresholdsInOrder = (v: { greenFrom?: number; amberFrom?: number }) =>
  v.greenFrom === undefined || v.amberFrom === undefined || v.amberFrom <= v.greenFrom;

export const kpiInput = kpiFields
  .refine(oneAnchor, {
    message: "attach the KPI to exactly one of goalId, serviceId, businessUnitId",
    path: ["goalId"],
  })
  .refine(thresholdsInOrder, { message: "must not be above greenFrom", path: ["amberFrom"] });
export type KpiInput = z.input<typeof kpiInput>;
/**
 * Without the defaults of the create schema: a field left out of a patch keeps its stored value
 * (a plain `.partial()` would reset weight, thresholds, owner and template to their defaults).
 */
export const kpiPatch = patchOf(kpiFields).omit({ goalId: true, serviceId: true, businessUnitId: true });
export type KpiPatch = z.infer<typeof kpiPatch>;
export const kpi = kpiFields.extend(entityMeta);
export type Kpi = z.infer<typeof kpi>;

export const targetStep = z.object({ on: isoDate, value: z.number().min(-1e15).max(1e15) });
export const kpiTargetInput = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    baseline: z.number({ error: "expected a number" }).min(-1e15).max(1e15),
    target: z.number({ error: "expected a number" }).min(-1e15).max(1e15),
    steps: z.array(targetStep).max(60).default([]),
  })
  .refine((t) => t.periodStart <= t.periodEnd, {
    message: "must not be before periodStart",
    path: ["periodEnd"],
  });
export type KpiTargetInput = z.input<typeof kpiTargetInput>;
export const kpiTarget = z.object({
  id,
  kpiId: id,
  periodStart: isoDate,
  periodEnd: isoDate,
  baseline: z.number(),
  target: z.number(),
  steps: z.array(targetStep),
});
export type KpiTarget = z.infer<typeof kpiTarget>;

/** A period label: `2026`, `2026-Q4`, `2026-11` or `2026-W48` (ISO week). */
export const periodLabel = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$/, {
  error: "expected a period such as 2026, 2026-Q4, 2026-11 or 2026-W48",
});

/** One KPI's value for one period, with its target and status. */
export const kpiReading = z.object({
  kpiId: id,
  name: z.string(),
  definition: z.string(),
  layer: kpiLayer,
  unit: kpiUnit,
  direction: kpiDirection,
  goalId: id.nullable(),
  serviceId: id.nullable(),
  businessUnitId: id.nullable(),
  period: z.string(),
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  /** Capped to 0-100 and direction-aware; null without a value or a target. */
  achievementPct: z.number().nullable(),
  status: kpiStatus,
  /** Date of the newest data behind the value. */
  asOf: z.string().nullable(),
  /** Why there is no value, when there is none. */
  note: z.string().nullable(),
});
export type KpiReading = z.infer<typeof kpiReading>;

export const kpiSnapshot = z.object({
  kpiId: id,
  period: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  achievementPct: z.number().nullable(),
  status: kpiStatus,
  computedAt: z.string(),
  /** A later computation that differs from what was known at the time. */
  recomputedValue: z.number().nullable(),
  recomputedAchievementPct: z.number().nullable(),
  recomputedStatus: kpiStatus.nullable(),
  recomputedAt: z.string().nullable(),
});
export type KpiSnapshot = z.infer<typeof kpiSnapshot>;

export const kpiDescriptionText = description;
