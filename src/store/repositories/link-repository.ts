import { type Kysely, type RawBuilder, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { Permission } from "../../domain/permissions.js";
import type { LinkKind } from "../../domain/schemas/links.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";

interface LinkEnd {
  field: string;
  table: string;
  label: string;
}

export interface LinkSpec {
  table: string;
  label: string;
  ends: [LinkEnd, LinkEnd];
  /** The number the link carries (strength, weight, share); dependencies carry none. */
  value: string | null;
  writePermission: Permission;
  /** For scoped readers: the links they may see (both ends within their reach), as raw SQL. */
  visibleTo: (units: string[]) => RawBuilder<boolean>;
}

const ownedGoals = (units: string[]) =>
  sql`(SELECT id FROM business_goal WHERE ${inUnits("owner_business_unit_id", units)})`;
const ownedCapabilities = (units: string[]) =>
  sql`(SELECT id FROM capability WHERE ${inUnits("owner_business_unit_id", units)})`;

export const linkSpecs: Record<LinkKind, LinkSpec> = {
  "service-capability": {
    table: "serviceCapability",
    label: "service supports capability",
    ends: [
      { field: "serviceId", table: "itService", label: "IT service" },
      { field: "capabilityId", table: "capability", label: "capability" },
    ],
    value: "strength",
    writePermission: "graph:write",
    visibleTo: (u) =>
      sql<boolean>`service_id IN ${consumedServices(u)} AND capability_id IN ${ownedCapabilities(u)}`,
  },
  "capability-goal": {
    table: "capabilityGoal",
    label: "capability serves goal",
    ends: [
      { field: "capabilityId", table: "capability", label: "capability" },
      { field: "goalId", table: "businessGoal", label: "business goal" },
    ],
    value: "weight",
    writePermission: "business-graph:write",
    visibleTo: (u) => sql<boolean>`capability_id IN ${ownedCapabilities(u)} AND goal_id IN ${ownedGoals(u)}`,
  },
  "unit-service": {
    table: "unitService",
    label: "business unit consumes service",
    ends: [
      { field: "businessUnitId", table: "businessUnit", label: "business unit" },
      { field: "serviceId", table: "itService", label: "IT service" },
    ],
    value: "share",
    writePermission: "business-graph:write",
    visibleTo: (u) => inUnits("business_unit_id", u),
  },
  "initiative-goal": {
    table: "initiativeGoal",
    label: "initiative contributes to goal",
    ends: [
      { field: "initiativeId", table: "initiative", label: "initiative" },
      { field: "goalId", table: "businessGoal", label: "business goal" },
    ],
    value: "weight",
    writePermission: "business-graph:write",
    visibleTo: (u) =>
      sql<boolean>`initiative_id IN (SELECT id FROM initiative WHERE ${inUnits("sponsor_business_unit_id", u)}) AND goal_id IN ${ownedGoals(u)}`,
  },
  "service-dependency": {
    table: "serviceDependency",
    label: "service depends on service",
    ends: [
      { field: "serviceId", table: "itService", label: "IT service" },
      { field: "dependsOnServiceId", table: "itService", label: "IT service" },
    ],
    value: null,
    writePermission: "graph:write",
    visibleTo: (u) =>
      sql<boolean>`service_id IN ${consumedServices(u)} AND depends_on_service_id IN ${consumedServices(u)}`,
  },
};

type LinkRow = Record<string, string | number>;
type LooseDb = Kysely<Record<string, Record<string, unknown>>>;
const loose = (db: Db) => db as unknown as LooseDb;

export interface LinkFilter {
  [field: string]: string | undefined;
}

export class LinkRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async list(kind: LinkKind, filter: LinkFilter = {}): Promise<LinkRow[]> {
    const spec = linkSpecs[kind];
    let query = loose(this.db).selectFrom(spec.table).selectAll();
    const units = scopeUnits(this.actor);
    if (units !== null) query = query.where(spec.visibleTo(units));
    for (const end of spec.ends) {
      const value = filter[end.field];
      if (value) query = query.where(end.field, "=", value);
    }
    const rows = await query.orderBy(spec.ends[0].field).orderBy(spec.ends[1].field).limit(10_000).execute();
    return rows as LinkRow[];
  }

  /** Creates the link or updates its number; both ends must exist, and dependencies must stay acyclic. */
  async put(kind: LinkKind, link: LinkRow): Promise<LinkRow> {
    const spec = linkSpecs[kind];
    requirePermission(this.actor, spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      const missing: { path: string; message: string }[] = [];
      for (const end of spec.ends) {
        const found = await loose(tx)
          .selectFrom(end.table)
          .select("id")
          .where("id", "=", link[end.field])
          .executeTakeFirst();
        if (!found)
          missing.push({ path: end.field, message: `no ${end.label} with id ${String(link[end.field])}` });
      }
      if (missing.length > 0) {
        throw new TandemError("unknown_reference", `${spec.label}: an end does not exist`, {
          issues: missing,
        });
      }
      if (kind === "service-dependency")
        await checkDependencyCycle(tx, String(link.serviceId), String(link.dependsOnServiceId));
      const keys = Object.fromEntries(spec.ends.map((e) => [e.field, link[e.field]]));
      const values = spec.value ? { ...keys, [spec.value]: link[spec.value] } : keys;
      const insert = loose(tx).insertInto(spec.table).values(values);
      let before = loose(tx).selectFrom(spec.table).selectAll();
      for (const end of spec.ends) before = before.where(end.field, "=", link[end.field]);
      const existing = await before.executeTakeFirst();
      await (spec.value
        ? insert.onConflict((oc) =>
            oc
              .columns(spec.ends.map((e) => e.field))
              .doUpdateSet({ [spec.value as string]: link[spec.value as string] }),
          )
        : insert.onConflict((oc) => oc.columns(spec.ends.map((e) => e.field)).doNothing())
      ).execute();
      await recordAudit(tx, this.actor, {
        action: existing ? "update" : "create",
        entityType: `link:${kind}`,
        entityId: linkId(spec, link),
        before: existing ?? null,
        after: values,
      });
    });
    return link;
  }

  async remove(kind: LinkKind, ends: LinkRow): Promise<void> {
    const spec = linkSpecs[kind];
    requirePermission(this.actor, spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      let query = loose(tx).deleteFrom(spec.table);
      for (const end of spec.ends) query = query.where(end.field, "=", ends[end.field]);
      const removed = await query.returningAll().executeTakeFirst();
      if (!removed) {
        throw new TandemError(
          "not_found",
          `no ${spec.label} link between ${spec.ends.map((e) => String(ends[e.field])).join(" and ")}`,
        );
      }
      await recordAudit(tx, this.actor, {
        action: "delete",
        entityType: `link:${kind}`,
        entityId: linkId(spec, ends),
        before: removed,
        after: null,
      });
    });
  }
}

const linkId = (spec: LinkSpec, link: LinkRow) => spec.ends.map((e) => String(link[e.field])).join("/");

/** Adding "service depends on target" closes a cycle when target already (transitively) depends on service. */
const checkDependencyCycle = async (db: Db, serviceId: string, targetId: string) => {
  if (serviceId === targetId) {
    throw new TandemError("cycle", "a service cannot depend on itself", {
      issues: [{ path: "dependsOnServiceId", message: "must differ from serviceId" }],
    });
  }
  const path = await sql<{ path: string[] }>`
    WITH RECURSIVE down(id, path) AS (
      SELECT ${targetId}::uuid, ARRAY[${targetId}::uuid]
      UNION ALL
      SELECT d.depends_on_service_id, down.path || d.depends_on_service_id
      FROM service_dependency d JOIN down ON d.service_id = down.id
      WHERE NOT d.depends_on_service_id = ANY(down.path) AND cardinality(down.path) < 1000
    )
    SELECT path::text[] AS path FROM down WHERE id = ${serviceId}::uuid LIMIT 1`.execute(db);
  const found = path.rows[0];
  if (found) {
    const ids = [serviceId, ...found.path];
    const names = await db.selectFrom("itService").select(["id", "name"]).where("id", "in", ids).execute();
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const chain = ids.map((id) => nameOf.get(id) ?? id);
    throw new TandemError("cycle", `dependency would create a cycle: ${chain.join(" → ")}`, {
      issues: [{ path: "dependsOnServiceId", message: `would create the cycle ${chain.join(" → ")}` }],
      items: chain,
    });
  }
};
