import { sql } from "kysely";
import { TandemError } from "../domain/errors.js";
import type { MatchField } from "../domain/ticket-matching.js";
import { requirePermission } from "../store/access.js";
import { type Actor, systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { recordAudit } from "../store/repositories/audit-repository.js";
import { TicketMatchRepository } from "../store/repositories/ticket-match-repository.js";

export interface MapTicketValueOptions {
  db: Db;
  actor?: Actor;
  field: MatchField;
  value: string;
  /** The service to map to, by name (case-insensitive); give this or `unit`. */
  service?: string;
  /** The business unit to map to, by name or code (case-insensitive). */
  unit?: string;
  /** The service to map to, by id (the web picks from a list); give one target only. */
  serviceId?: string;
  /** The business unit to map to, by id. */
  businessUnitId?: string;
}

export interface MapTicketValueResult {
  kind: "service" | "business_unit";
  targetId: string;
  targetName: string;
  /** Tickets whose service or unit changed. */
  ticketsChanged: number;
}

/** The service or unit to map to, by id or by name (names case-insensitive, a unit also by code). */
const findTarget = (o: MapTicketValueOptions) => {
  if (o.serviceId !== undefined)
    return o.db
      .selectFrom("itService")
      .select(["id", "name"])
      .where("id", "=", o.serviceId)
      .executeTakeFirst();
  if (o.businessUnitId !== undefined)
    return o.db
      .selectFrom("businessUnit")
      .select(["id", "name"])
      .where("id", "=", o.businessUnitId)
      .executeTakeFirst();
  if (o.service !== undefined)
    return o.db
      .selectFrom("itService")
      .select(["id", "name"])
      .where(sql<boolean>`lower(name) = ${o.service.trim().toLowerCase()}`)
      .executeTakeFirst();
  const unit = o.unit?.trim().toLowerCase();
  return o.db
    .selectFrom("businessUnit")
    .select(["id", "name"])
    .where(sql<boolean>`lower(name) = ${unit} OR lower(code) = ${unit}`)
    .orderBy(sql`lower(name) = ${unit}`, "desc")
    .executeTakeFirst();
};

/** Maps a ticket value to a service or unit by hand, and re-matches the stored tickets that carry it. */
export const mapTicketValue = async (o: MapTicketValueOptions): Promise<MapTicketValueResult> => {
  const actor = o.actor ?? systemActor("map-value");
  // Before any look-up, so that a refusal reveals nothing about names.
  requirePermission(actor, "graph:write");
  const targets = [o.service, o.unit, o.serviceId, o.businessUnitId].filter((t) => t !== undefined);
  if (targets.length !== 1) {
    throw new TandemError("bad_request", "give either a service or a business unit to map the value to");
  }
  const value = o.value.trim();
  if (!value) throw new TandemError("validation", "the value to map must not be empty");
  const toService = o.service !== undefined || o.serviceId !== undefined;
  const target = await findTarget(o);
  if (!target) {
    throw new TandemError(
      "not_found",
      o.service !== undefined
        ? `no service is named "${o.service}"`
        : o.unit !== undefined
          ? `no business unit is named or coded "${o.unit}"`
          : toService
            ? "no such service"
            : "no such business unit",
    );
  }
  const kind = toService ? "service" : "business_unit";
  const mapped = await new TicketMatchRepository(o.db, actor).mapValue(kind, o.field, value, target.id);
  await recordAudit(o.db, actor, {
    action: "tickets.map-value",
    entityType: kind === "service" ? "itService" : "businessUnit",
    entityId: target.id,
    before: mapped.previousTargetId ? { targetId: mapped.previousTargetId } : null,
    after: { field: o.field, value, targetId: target.id, ticketsChanged: mapped.ticketsChanged },
  });
  return { kind, targetId: target.id, targetName: target.name, ticketsChanged: mapped.ticketsChanged };
};
