import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Page } from "../../domain/schemas/common.js";
import type { TicketRecord, TicketState, TicketType } from "../../domain/schemas/ticket.js";
import type { TicketMatch } from "../../domain/ticket-matching.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db, NewRow } from "../database.js";
import { decodeCursor, encodeCursor } from "../pagination.js";
import { monthOf, TicketPartitions } from "../ticket-partitions.js";
import { type StoredTicket, storedTicket, ticketRow } from "./ticket-rows.js";

/** Rows per INSERT: ~45 columns × 1000 stays well under PostgreSQL's 65 535 bind parameters. */
const INSERT_ROWS = 1000;

export interface TicketToWrite {
  record: TicketRecord;
  match: TicketMatch;
  contentHash: string;
}

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface TicketListOptions {
  limit: number;
  cursor?: string;
  serviceId?: string;
  state?: TicketState;
  type?: TicketType;
  /** Opened at or after this instant. */
  openedFrom?: string;
  /** Opened before this instant. */
  openedTo?: string;
}

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/**
 * Tickets: written in batches by the import (inside the import's transaction), read scoped like
 * the rest of the store. A business stakeholder sees the tickets of their units and the tickets of
 * the services their units consume.
 */
export class TicketRepository {
  private readonly partitions: TicketPartitions;

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {
    this.partitions = new TicketPartitions(db);
  }

  private visible() {
    const query = this.db.selectFrom("ticket").selectAll();
    const units = scopeUnits(this.actor);
    return units === null
      ? query
      : query.where(
          sql<boolean>`(${inUnits("business_unit_id", units)} OR service_id IN ${consumedServices(units)})`,
        );
  }

  /** Newest first; the cursor is the last ticket's (opened_at, id), so pages hold under inserts. */
  async list(options: TicketListOptions): Promise<Page<StoredTicket>> {
    let query = this.visible();
    if (options.serviceId) query = query.where("serviceId", "=", options.serviceId);
    if (options.state) query = query.where("state", "=", options.state);
    if (options.type) query = query.where("type", "=", options.type);
    if (options.openedFrom) query = query.where("openedAt", ">=", options.openedFrom);
    if (options.openedTo) query = query.where("openedAt", "<", options.openedTo);
    if (options.cursor) {
      const { value, id } = decodeCursor(options.cursor);
      query = query.where(sql<boolean>`(opened_at, id) < (${value}::timestamptz, ${id}::uuid)`);
    }
    const rows = await query
      .orderBy("openedAt", "desc")
      .orderBy("id", "desc")
      .limit(options.limit + 1)
      .execute();
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map(storedTicket),
      nextCursor: more && last ? encodeCursor(last.openedAt, last.id) : null,
    };
  }

  /**
   * Writes one batch: new tickets are inserted, changed ones (content or match differs) rewritten,
   * the rest left alone. A changed ticket is deleted and re-inserted under the same id rather than
   * updated in place: one statement each for the whole batch, and a ticket whose opened_at moved to
   * another month lands in the right partition without special cases. Keys must be distinct.
   */
  async writeBatch(tickets: TicketToWrite[], importRunId: string | null): Promise<BatchCounts> {
    requirePermission(this.actor, "graph:write");
    if (tickets.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    await this.partitions.ensure(tickets.map((t) => monthOf(t.record.openedAt)));
    const existing = await this.db
      .selectFrom("ticketKey as k")
      .innerJoin("ticket as t", (join) =>
        join.onRef("t.id", "=", "k.ticketId").onRef("t.openedAt", "=", "k.openedAt"),
      )
      .select([
        "k.sourceSystem",
        "k.externalId",
        "k.ticketId",
        "k.openedAt",
        "k.contentHash",
        "t.serviceId",
        "t.businessUnitId",
        "t.createdAt",
      ])
      .where(
        sql<boolean>`(k.source_system, k.external_id) IN (SELECT * FROM unnest(${tickets.map((t) => t.record.sourceSystem)}::text[], ${tickets.map((t) => t.record.externalId)}::text[]))`,
      )
      .execute();
    const byKey = new Map(existing.map((e) => [`${e.sourceSystem}\u0000${e.externalId}`, e]));
    const inserts: NewRow<"ticket">[] = [];
    const removed: { id: string; openedAt: string }[] = [];
    const keys: NewRow<"ticketKey">[] = [];
    let unchanged = 0;
    for (const t of tickets) {
      const { record, match, contentHash } = t;
      const found = byKey.get(`${record.sourceSystem}\u0000${record.externalId}`);
      if (
        found &&
        found.contentHash === contentHash &&
        sameInstant(found.openedAt, record.openedAt) &&
        found.serviceId === match.serviceId &&
        found.businessUnitId === match.businessUnitId
      ) {
        unchanged += 1;
        continue;
      }
      const id = found?.ticketId ?? randomUUID();
      if (found) removed.push({ id, openedAt: found.openedAt });
      inserts.push(
        ticketRow(
          record,
          { id, importRunId, ...(found ? { createdAt: found.createdAt } : {}) },
          match,
          contentHash,
        ),
      );
      keys.push({
        sourceSystem: record.sourceSystem,
        externalId: record.externalId,
        ticketId: id,
        openedAt: record.openedAt,
        contentHash,
      });
    }
    if (removed.length > 0) {
      await sql`DELETE FROM ticket WHERE (id, opened_at) IN (SELECT * FROM unnest(${removed.map((r) => r.id)}::uuid[], ${removed.map((r) => r.openedAt)}::timestamptz[]))`.execute(
        this.db,
      );
    }
    for (const rows of chunks(inserts, INSERT_ROWS)) {
      await this.db.insertInto("ticket").values(rows).execute();
    }
    for (const rows of chunks(keys, INSERT_ROWS)) {
      await this.db
        .insertInto("ticketKey")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["sourceSystem", "externalId"]).doUpdateSet((eb) => ({
            ticketId: eb.ref("excluded.ticketId"),
            openedAt: eb.ref("excluded.openedAt"),
            contentHash: eb.ref("excluded.contentHash"),
          })),
        )
        .execute();
    }
    return { inserted: inserts.length - removed.length, updated: removed.length, unchanged };
  }
}
