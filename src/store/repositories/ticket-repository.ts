import { CompiledQuery, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { RollupTicketSink } from "../../domain/metrics/ticket-rollup-rows.js";
import type { Page } from "../../domain/schemas/common.js";
import type { TicketRecord, TicketState, TicketType } from "../../domain/schemas/ticket.js";
import type { TicketMatch } from "../../domain/ticket-matching.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { beforeInstantCursor, pageOfRows } from "../pagination.js";
import { monthOf, TicketPartitions } from "../ticket-partitions.js";
import { copiesFromBlob, copyText } from "./ticket-copy.js";
import { ticketIdOf } from "./ticket-ids.js";
import {
  rollupTicket,
  type StoredTicket,
  storedTicket,
  type TicketJsonRow,
  ticketRow,
  ticketRowColumns,
} from "./ticket-rows.js";

/** What the import stages per row: the ticket's columns (created_at and updated_at take their
 * defaults) and, for a changed ticket, the opened_at it is stored under now (to find and remove it). */
const stagedColumns = [...ticketRowColumns.filter((c) => c !== "created_at"), "previous_opened_at"];
/** What goes from the staging table into ticket. */
const ticketColumns = [...ticketRowColumns, "updated_at"].join(", ");

const stagedRow = (
  record: TicketRecord,
  id: string,
  importRunId: string | null,
  match: TicketMatch,
  contentHash: string,
  previousOpenedAt: string | null,
): TicketJsonRow => {
  const row = ticketRow(record, { id, importRunId }, match, contentHash);
  row.previous_opened_at = previousOpenedAt;
  return row;
};

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

/**
 * Tickets: written in batches by the import (inside the import's transaction), read scoped like
 * the rest of the store. A business stakeholder sees the tickets of their units and the tickets of
 * the services their units consume.
 */
export class TicketRepository {
  private readonly partitions: TicketPartitions;
  /** Whether the store takes COPY input from a blob (PGlite); asked once. */
  private copies: boolean | undefined;
  /** Whether this import's table of read ids exists and is empty or its own. */
  private readIdsReady = false;

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
   * the rest left alone. "Unchanged" is decided from ticket_key alone (content hash, opened_at and
   * match), without touching the partitioned ticket table. The rows to write go into a temporary
   * staging table first (COPY on PGlite, one JSON document on PostgreSQL), from which one
   * INSERT … SELECT each fills ticket and ticket_key. A changed ticket is deleted and re-inserted
   * under the same id rather than updated in place: one statement each for the whole batch, and a
   * ticket whose opened_at moved to another month lands in the right partition without special
   * cases. Every write to ticket is an ordinary statement on the parent table, so its statement
   * triggers (the service rollups) see every row. Keys must be distinct within a batch. With
   * `rollups`, the rows inserted are added to it instead, for the caller to write to the rollups
   * (TicketRollupRepository.add) before its transaction ends; the rows removed stay the trigger's.
   */
  async writeBatch(
    tickets: TicketToWrite[],
    importRunId: string | null,
    rollups?: RollupTicketSink,
  ): Promise<BatchCounts> {
    requirePermission(this.actor, "graph:write");
    if (tickets.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    if (!this.db.isTransaction) {
      // The staging table lives as long as the transaction: a lone batch gets one of its own.
      return (
        this.db
          .transaction()
          // Rows added in memory would commit before the caller could write them: the trigger keeps these.
          .execute((tx) => new TicketRepository(tx, this.actor).writeBatch(tickets, importRunId))
      );
    }
    await this.partitions.ensure(tickets.map((t) => monthOf(t.record.openedAt)));
    // Only the tickets that are new or differ come back: a re-import of an unchanged file gets
    // empty answers, and nothing per row is built or compared here.
    const differing = await sql<{ ord: number; ticketId: string | null; openedAt: string | null }>`
      SELECT i.ord::int AS ord, k.ticket_id, k.opened_at
      FROM unnest(
        ${tickets.map((t) => t.record.sourceSystem)}::text[], ${tickets.map((t) => t.record.externalId)}::text[],
        ${tickets.map((t) => t.contentHash)}::text[], ${tickets.map((t) => t.record.openedAt)}::timestamptz[],
        ${tickets.map((t) => t.match.serviceId)}::uuid[], ${tickets.map((t) => t.match.businessUnitId)}::uuid[]
      ) WITH ORDINALITY AS i(source_system, external_id, content_hash, opened_at, service_id, business_unit_id, ord)
      -- One index probe per row. As a plain join, PGlite (no statistics on ticket_key) hashed the
      -- whole of ticket_key for every batch: a scan that grows with the store, 1 s per batch at
      -- 1,000,000 tickets. LIMIT 1 keeps the lookup a subquery, probed through the key.
      LEFT JOIN LATERAL (
        SELECT kk.ticket_id, kk.opened_at, kk.content_hash, kk.service_id, kk.business_unit_id FROM ticket_key kk
        WHERE kk.source_system = i.source_system AND kk.external_id = i.external_id LIMIT 1
      ) k ON true
      WHERE k.ticket_id IS NULL OR k.content_hash <> i.content_hash OR k.opened_at <> i.opened_at
        OR k.service_id IS DISTINCT FROM i.service_id OR k.business_unit_id IS DISTINCT FROM i.business_unit_id`.execute(
      this.db,
    );
    const staged: TicketJsonRow[] = [];
    let updated = 0;
    for (const found of differing.rows) {
      const { record, match, contentHash } = tickets[found.ord - 1] as TicketToWrite;
      if (found.ticketId) updated += 1;
      const id = found.ticketId ?? ticketIdOf(record.sourceSystem, record.externalId);
      staged.push(stagedRow(record, id, importRunId, match, contentHash, found.openedAt));
      rollups?.add(rollupTicket(record, match));
    }
    if (staged.length > 0) await this.writeStaged(staged, updated > 0, rollups !== undefined);
    return { inserted: staged.length - updated, updated, unchanged: tickets.length - staged.length };
  }

  /**
   * Applies the rollup changes this transaction's ticket writes have queued so far, now rather than
   * at commit: the deferred flush (migration 20261125180000) runs at once and is queued again by
   * the next write. A long import calls it every so often, so that the aggregation holds a chunk of
   * the tickets in memory rather than all of them; the rollups at commit are the same.
   */
  async applyPendingRollups(): Promise<void> {
    if (!this.db.isTransaction) return;
    await sql`SET CONSTRAINTS ticket_rollup_flush_at_commit IMMEDIATE`.execute(this.db);
    await sql`SET CONSTRAINTS ticket_rollup_flush_at_commit DEFERRED`.execute(this.db);
  }

  /**
   * The import's memory of the ids it has read, so that a file's second row with an id is refused
   * however far from the first it is, without holding every id in memory: a temporary table of
   * (id, row's read sequence, line) that lives as long as the import's transaction. Records the ids
   * (distinct among themselves; the caller checks within its batch) and answers, by index, the first
   * line of those an earlier call had already recorded. `seqs` number the rows as read (unique even
   * where lines are not: a one-line JSON export has every record on line 1).
   */
  async rememberReadIds(ids: string[], seqs: number[], lines: number[]): Promise<Map<number, number>> {
    const firsts = new Map<number, number>();
    if (ids.length === 0) return firsts;
    if (!this.db.isTransaction) throw new Error("rememberReadIds needs the import's transaction");
    if (!this.readIdsReady) {
      // COLLATE "C": the ids are compared for equality only; byte order is the cheapest to index.
      await sql`CREATE TEMP TABLE IF NOT EXISTS import_read_id (id text COLLATE "C" PRIMARY KEY, seq integer NOT NULL, line integer NOT NULL) ON COMMIT DROP`.execute(
        this.db,
      );
      await sql`TRUNCATE import_read_id`.execute(this.db);
      this.readIdsReady = true;
    }
    // One index probe per id in the common case (no repeat): the insert's; only a batch with a
    // repeat asks again, for the first lines.
    const added = await sql<{ n: number }>`
      WITH added AS (
        INSERT INTO import_read_id (id, seq, line) SELECT * FROM unnest(${ids}::text[], ${seqs}::int[], ${lines}::int[])
        ON CONFLICT (id) DO NOTHING RETURNING 1
      )
      SELECT count(*)::int AS n FROM added`.execute(this.db);
    if ((added.rows[0]?.n ?? 0) === ids.length) return firsts;
    const { rows } = await sql<{ ord: number; line: number }>`
      SELECT i.ord::int AS ord, r.line
      FROM unnest(${ids}::text[], ${seqs}::int[]) WITH ORDINALITY AS i(id, seq, ord)
      JOIN import_read_id r ON r.id = i.id AND r.seq <> i.seq`.execute(this.db);
    for (const row of rows) firsts.set(row.ord - 1, row.line);
    return firsts;
  }

  private async writeStaged(
    rows: TicketJsonRow[],
    anyUpdates: boolean,
    rollupsAdded: boolean,
  ): Promise<void> {
    await sql`CREATE TEMP TABLE IF NOT EXISTS ticket_stage (LIKE ticket INCLUDING DEFAULTS, previous_opened_at timestamptz) ON COMMIT DROP`.execute(
      this.db,
    );
    await sql`TRUNCATE ticket_stage`.execute(this.db);
    this.copies ??= await copiesFromBlob(this.db);
    if (this.copies) {
      await this.db.executeQuery(
        CompiledQuery.raw(`COPY ticket_stage (${stagedColumns.join(", ")}) FROM '/dev/blob'`, [
          new Blob([copyText(rows, stagedColumns)]),
        ]),
      );
    } else {
      await sql`INSERT INTO ticket_stage (${sql.raw(stagedColumns.join(", "))})
        SELECT ${sql.raw(stagedColumns.join(", "))} FROM json_populate_recordset(NULL::ticket_stage, ${JSON.stringify(rows)}::json)`.execute(
        this.db,
      );
    }
    if (anyUpdates) {
      // The rewritten tickets keep their created_at: taken from the rows being removed.
      await sql`
        WITH removed AS (
          DELETE FROM ticket t USING ticket_stage s
          WHERE s.previous_opened_at IS NOT NULL AND t.id = s.id AND t.opened_at = s.previous_opened_at
          RETURNING t.id, t.created_at
        )
        UPDATE ticket_stage s SET created_at = r.created_at FROM removed r WHERE s.id = r.id`.execute(
        this.db,
      );
    }
    // The caller adds these rows to the rollups itself (migration 20261207090000): for this insert only.
    if (rollupsAdded)
      await sql`SELECT set_config('tandem.rollups_added_by_writer', 'on', true)`.execute(this.db);
    await sql`INSERT INTO ticket (${sql.raw(ticketColumns)}) SELECT ${sql.raw(ticketColumns)} FROM ticket_stage`.execute(
      this.db,
    );
    if (rollupsAdded)
      await sql`SELECT set_config('tandem.rollups_added_by_writer', 'off', true)`.execute(this.db);
    await sql`INSERT INTO ticket_key (source_system, external_id, ticket_id, opened_at, content_hash, service_id, business_unit_id)
      SELECT source_system, external_id, id, opened_at, content_hash, service_id, business_unit_id FROM ticket_stage
      ON CONFLICT (source_system, external_id) DO UPDATE
      SET ticket_id = excluded.ticket_id, opened_at = excluded.opened_at, content_hash = excluded.content_hash,
        service_id = excluded.service_id, business_unit_id = excluded.business_unit_id`.execute(this.db);
  }
}
