import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { Page } from "../../domain/schemas/common.js";
import type { TicketRecord, TicketState, TicketType } from "../../domain/schemas/ticket.js";
import type { TicketMatch } from "../../domain/ticket-matching.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { beforeInstantCursor, pageOfRows } from "../pagination.js";
import { monthOf, TicketPartitions } from "../ticket-partitions.js";
import {
  type StoredTicket,
  storedTicket,
  type TicketJsonRow,
  ticketRow,
  ticketRowColumns,
} from "./ticket-rows.js";

/**
 * The column list of the batch insert, and what each column is read from: json_populate_recordset
 * gives NULL for a missing key, so the timestamps Tandem sets are filled in here.
 */
const insertColumns = [...ticketRowColumns, "updated_at"].join(", ");
const insertValues = ticketRowColumns
  .map((c) => (c === "created_at" ? "coalesce(r.created_at, now())" : `r.${c}`))
  .join(", ");

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
    requirePermission(this.actor, "graph:read");
    let query = this.visible();
    if (options.serviceId) query = query.where("serviceId", "=", options.serviceId);
    if (options.state) query = query.where("state", "=", options.state);
    if (options.type) query = query.where("type", "=", options.type);
    if (options.openedFrom) query = query.where("openedAt", ">=", options.openedFrom);
    if (options.openedTo) query = query.where("openedAt", "<", options.openedTo);
    if (options.cursor) query = query.where(beforeInstantCursor("opened_at", options.cursor));
    const rows = await query
      .orderBy("openedAt", "desc")
      .orderBy("id", "desc")
      .limit(options.limit + 1)
      .execute();
    const { page, nextCursor } = pageOfRows(rows, options.limit, (row) => row.openedAt);
    return { items: page.map(storedTicket), nextCursor };
  }

  /** One ticket the actor may see; one outside their reach is "not found", as if it did not exist. */
  async get(id: string): Promise<StoredTicket> {
    requirePermission(this.actor, "graph:read");
    // Tickets are partitioned by month; the id alone still finds one (every partition has its index).
    const row = await this.visible().where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `no ticket ${id}`);
    return storedTicket(row);
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
    const inserts: TicketJsonRow[] = [];
    const removed: { id: string; openedAt: string }[] = [];
    const keys: {
      source_system: string;
      external_id: string;
      ticket_id: string;
      opened_at: string;
      content_hash: string;
    }[] = [];
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
        source_system: record.sourceSystem,
        external_id: record.externalId,
        ticket_id: id,
        opened_at: record.openedAt,
        content_hash: contentHash,
      });
    }
    if (removed.length > 0) {
      await sql`DELETE FROM ticket WHERE (id, opened_at) IN (SELECT * FROM unnest(${removed.map((r) => r.id)}::uuid[], ${removed.map((r) => r.openedAt)}::timestamptz[]))`.execute(
        this.db,
      );
    }
    // The whole batch as one JSON parameter: a multi-row INSERT of ~45 bind parameters per row
    // cost more to build, send and bind than the rows cost to write (most of the import's time).
    if (inserts.length > 0) {
      await sql`INSERT INTO ticket (${sql.raw(insertColumns)}) SELECT ${sql.raw(insertValues)}, now() FROM json_populate_recordset(NULL::ticket, ${JSON.stringify(inserts)}::json) AS r`.execute(
        this.db,
      );
      await sql`INSERT INTO ticket_key (source_system, external_id, ticket_id, opened_at, content_hash)
        SELECT source_system, external_id, ticket_id, opened_at, content_hash FROM json_populate_recordset(NULL::ticket_key, ${JSON.stringify(keys)}::json)
        ON CONFLICT (source_system, external_id) DO UPDATE
        SET ticket_id = excluded.ticket_id, opened_at = excluded.opened_at, content_hash = excluded.content_hash`.execute(
        this.db,
      );
    }
    return { inserted: inserts.length - removed.length, updated: removed.length, unchanged };
  }
}
