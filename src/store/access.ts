import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../domain/errors.js";
import type { VisibleGraph } from "../domain/graph/restrict-to-visible.js";
import { can, isScopedRole, type Permission } from "../domain/permissions.js";
import type { Actor } from "./actor.js";
import type { Db } from "./database.js";

/**
 * Refuses a write the actor may not make: by role, or because the request came with a
 * read-only API token. Checked before looking anything up, so a refusal reveals nothing.
 */
export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (actor.kind === "system") return;
  if (!can(actor.role, permission)) {
    throw new TandemError("forbidden", `your role (${actor.role}) may not do this (${permission})`);
  }
  if (actor.tokenScope === "read" && !permission.endsWith(":read")) {
    throw new TandemError("forbidden", "this API token is read-only");
  }
};

/** The business units an actor's reads are limited to, or null when they see everything. */
export const scopeUnits = (actor: Actor): string[] | null =>
  actor.kind === "user" && isScopedRole(actor.role) ? actor.businessUnitIds : null;

/**
 * `column = ANY(units)` as SQL, false for an empty list (a stakeholder with no units sees nothing).
 * One array parameter rather than one per unit: a large reach costs nothing extra to parse and plan.
 */
export const inUnits = (column: string, units: string[]): RawBuilder<boolean> =>
  units.length === 0 ? sql<boolean>`false` : sql<boolean>`${sql.raw(column)} = ANY(${units}::uuid[])`;

/** Services a set of units consumes, as a sub-select. */
export const consumedServices = (units: string[]): RawBuilder<unknown> =>
  sql`(SELECT service_id FROM unit_service WHERE ${inUnits("business_unit_id", units)})`;

/** Everything a scoped reader may see of the graph, for restricting graph answers. */
export const visibleGraphOf = async (db: Db, units: string[]): Promise<VisibleGraph> => {
  const ids = async (query: RawBuilder<{ id: string }>) =>
    new Set((await query.execute(db)).rows.map((r) => r.id));
  const [goals, capabilities, services] = await Promise.all([
    ids(sql<{ id: string }>`SELECT id FROM business_goal WHERE ${inUnits("owner_business_unit_id", units)}`),
    ids(sql<{ id: string }>`SELECT id FROM capability WHERE ${inUnits("owner_business_unit_id", units)}`),
    ids(sql<{ id: string }>`SELECT id FROM it_service WHERE id IN ${consumedServices(units)}`),
  ]);
  return { units: new Set(units), goals, capabilities, services };
};

/**
 * Refuses a scoped reader (business stakeholder) something that spans every unit and cannot be
 * cut down to theirs, such as the import log. Checked before looking anything up.
 */
export const requireUnscoped = (actor: Actor, what: string): void => {
  requirePermission(actor, "graph:read");
  if (scopeUnits(actor) !== null) {
    throw new TandemError("forbidden", `${what} covers every business unit; ask IT or an administrator`);
  }
};
