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
}

export interface MapTicketValueResult {
  kind: "service" | "business_unit";
  targetId: string;
  targetName: string;
  /** Tickets whose service or unit changed. */
  ticketsChanged: number;
}

/** Maps a ticket value to a service or unit by hand, and re-matches the stored tickets that carry it. */
export const mapTicketValue = async (o: MapTicketValueOptions): Promise<MapTicketValueResult> => {
  const actor = o.actor ?? systemActor("map-value");
  // Before any look-up, so that a refusal reveals nothing about names.
  requirePermission(actor, "graph:write");
  if (!o.service === !o.unit) {
    throw new TandemError("bad_request", "give either a service or a business unit to map the value to");
  }
  const value = o.value.trim();
  if (!value) throw new TandemError("validation", "the value to map must not be empty");
  const target = o.service
    ? await o.db
        .selectFrom("itService")
        .select(["id", "name"])
        .where(sql<boolean>`lower(name) = ${o.service.trim().toLowerCase()}`)
        .executeTakeFirst()
    : await o.db
        .selectFrom("businessUnit")
        .select(["id", "name"])
        .where(
          sql<boolean>`lower(name) = ${o.unit?.trim().toLowerCase()} OR lower(code) = ${o.unit?.trim().toLowerCase()}`,
        )
        .orderBy(sql`lower(name) = ${o.unit?.trim().toLowerCase()}`, "desc")
        .executeTakeFirst();
  if (!target) {
    throw new TandemError(
      "not_found",
      o.service ? `no service is named "${o.service}"` : `no business unit is named or coded "${o.unit}"`,
    );
  }
  const kind = o.service ? "service" : "business_unit";
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
