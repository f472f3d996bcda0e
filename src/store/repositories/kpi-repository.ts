import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import { sourceMeasures, unitMatches } from "../../domain/kpis/source-catalogue.js";
import {
  type Kpi,
  type KpiFormula,
  type KpiInput,
  type KpiPatch,
  kpiFormula,
  kpiInput,
} from "../../domain/schemas/kpi.js";
import { consumedServices, inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

/** The KPIs a scoped reader sees: those of their units' goals, the services they consume, their units. */
export const kpiVisibleTo = (units: string[], alias = "") => {
  const c = (column: string) => `${alias}${column}`;
  return sql<boolean>`(${sql.raw(c("goal_id"))} IN (SELECT id FROM business_goal WHERE ${inUnits("owner_business_unit_id", units)})
    OR ${sql.raw(c("service_id"))} IN ${consumedServices(units)}
    OR ${inUnits(c("business_unit_id"), units)})`;
};

/**
 * A formula must name a measure its source offers, in the KPI's unit, over things that exist.
 * Errors name the KPI and the field.
 */
const checkFormula = async (db: Db, kpi: Record<string, unknown>) => {
  const name = String(kpi.name ?? "");
  const parsed = kpiFormula.safeParse(typeof kpi.source === "string" ? JSON.parse(kpi.source) : kpi.source);
  if (!parsed.success) {
    throw new TandemError("validation", `KPI "${name}": the formula source is not valid`, {
      issues: parsed.error.issues.map((i) => ({ path: ["source", ...i.path].join("."), message: i.message })),
    });
  }
  const source: KpiFormula = parsed.data;
  const unit = kpi.unit as Kpi["unit"];
  if (source.kind !== "measurement") {
    const measures = sourceMeasures[source.kind];
    const key = source.kind === "metric" ? source.metric : source.measure;
    const field = source.kind === "metric" ? "source.metric" : "source.measure";
    const measure = measures[key];
    if (!measure) {
      throw new TandemError(
        "validation",
        `KPI "${name}": the ${source.kind} source has no measure "${key}"`,
        {
          issues: [{ path: field, message: `expected one of ${Object.keys(measures).join(", ")}` }],
        },
      );
    }
    if (!unitMatches(measure.unit, unit)) {
      throw new TandemError(
        "validation",
        `KPI "${name}": unit "${unit}" does not match ${source.kind} "${key}", which is in ${measure.unit}`,
        { issues: [{ path: "unit", message: `expected ${measure.unit} for ${key}` }] },
      );
    }
  }
  const refs: [string, string | null | undefined, "itService" | "businessUnit" | "kpi", string][] = [];
  if ("serviceId" in source) refs.push(["source.serviceId", source.serviceId, "itService", "service"]);
  if ("businessUnitId" in source)
    refs.push(["source.businessUnitId", source.businessUnitId, "businessUnit", "business unit"]);
  for (const [path, id, table, label] of refs) {
    if (!id) continue;
    const found = await sql<{
      n: number;
    }>`SELECT 1 AS n FROM ${sql.table(table === "itService" ? "it_service" : "business_unit")} WHERE id = ${id}`.execute(
      db,
    );
    if (found.rows.length === 0) {
      throw new TandemError(
        "unknown_reference",
        `KPI "${name}": the formula refers to a ${label} that does not exist`,
        {
          issues: [{ path, message: `no ${label} ${id}` }],
        },
      );
    }
  }
};

export const kpiSpec: EntitySpec<Kpi> = {
  table: "kpi",
  label: "KPI",
  writePermission: "business-graph:write",
  visibleTo: (units) => kpiVisibleTo(units),
  input: kpiInput,
  uniqueField: "name",
  references: [
    { field: "goalId", table: "businessGoal", label: "business goal" },
    { field: "serviceId", table: "itService", label: "IT service" },
    { field: "businessUnitId", table: "businessUnit", label: "business unit" },
    { field: "ownerPersonId", table: "person", label: "owner" },
  ],
  referrers: [],
  sortable: ["name", "layer", "createdAt", "updatedAt"],
  filters: ["goalId", "serviceId", "businessUnitId", "layer"],
  toRow: ({ source, ...rest }) => ({
    ...rest,
    ...(source !== undefined ? { source: JSON.stringify(source) } : {}),
  }),
  validate: checkFormula,
};

export const kpiRepository = (db: Db, actor: Actor) =>
  new EntityRepository<Kpi, KpiInput, KpiPatch>(db, kpiSpec, actor);
