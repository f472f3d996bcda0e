import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TicketRecord } from "../domain/schemas/ticket.js";
import { ticketContentHash } from "../domain/ticket-content-hash.js";
import type { TicketMatch } from "../domain/ticket-matching.js";
import {
  matchTicket,
  UnmatchedTally,
  type UnmatchedValue,
  unmatchedServiceKey,
  unmatchedUnitKey,
} from "../domain/ticket-matching.js";
import { duplicateId } from "../ingest/row-results.js";
import type { RejectedRow, TicketReader, UniqueId } from "../ingest/ticket-reader.js";
import { requirePermission } from "../store/access.js";
import { type Actor, actorLabel, systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { recordAudit } from "../store/repositories/audit-repository.js";
import {
  type ImportRunOutcome,
  ImportRunRepository,
  type ImportRunStart,
} from "../store/repositories/import-run-repository.js";
import { TicketMatchRepository } from "../store/repositories/ticket-match-repository.js";
import {
  type BatchCounts,
  TicketRepository,
  type TicketToWrite,
} from "../store/repositories/ticket-repository.js";
import { TicketRollupRepository } from "../store/repositories/ticket-rollup-repository.js";
import { checkReadResult } from "./check-read-result.js";
import { type RollupAccumulator, startRollupAccumulator } from "./ticket-rollup-thread.js";

export interface ImportTicketsOptions {
  db: Db;
  reader: TicketReader;
  /** What is imported, for the import log: usually the file name. */
  source: string;
  /** The export format, for the import log. */
  format?: string;
  /** Who imports (needs graph:write); the CLI is the system actor. */
  actor?: Actor;
  /** Read, check and match everything, report what would change, write nothing. */
  dryRun?: boolean;
  /** Import the valid rows even when some are rejected (they go to `onReject`). */
  skipInvalid?: boolean;
  batchSize?: number;
  /** Written tickets between two applications of the rollups within the transaction (ROLLUPS_EVERY). */
  rollupsEvery?: number;
  /**
   * Called every thousand rows and after each batch with the rows read so far and the rows written
   * (inserted, updated or found unchanged; inside the import's transaction until it commits).
   */
  onProgress?: (read: number, written: number) => void;
  /**
   * Timing points, for the bench: "written" when every batch and the import's rollup rows are
   * written (before the commit, which runs the deferred work of the triggers on ticket: the
   * rollups of removed rows), "committed" after the commit.
   */
  onPhase?: (phase: "written" | "committed") => void;
  /** Every rejected row, as it is met (for a .rejects.csv file). A repeated id is met when its batch is written. */
  onReject?: (row: RejectedRow) => void;
}

export interface ImportError {
  line: number;
  column?: number;
  field?: string;
  message: string;
}

export interface ImportTicketsResult {
  /** "rejected": rows were rejected without skipInvalid, so nothing was written; "dry_run": nothing written. */
  status: "succeeded" | "rejected" | "dry_run";
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: { services: UnmatchedValue[]; businessUnits: UnmatchedValue[] };
  /** The first 100 rejected rows. */
  errors: ImportError[];
  /** Null for a dry run, which records nothing. */
  importRunId: string | null;
}

const MAX_ERRORS = 100;

/** A row read and waiting in the batch; contentHash is null once nothing is written any more. */
interface Pending {
  record: TicketRecord;
  match: TicketMatch;
  line: number;
  /** Its place in the input (counts.read): unique, where lines may not be. */
  seq: number;
  contentHash: string | null;
  unique?: UniqueId;
}

/**
 * Keeps the MAX_ERRORS errors with the lowest lines: a repeated id is found when its batch is
 * written, after later rows may have been rejected. The rest are counted (rejected), not kept.
 */
const keepFirstErrors = (errors: ImportError[], error: ImportError): void => {
  // errors stays sorted by line, so its last is the one to drop when a lower line comes.
  const last = errors.at(-1);
  if (errors.length >= MAX_ERRORS) {
    if (!last || error.line >= last.line) return;
    errors.pop();
  }
  errors.push(error);
  if (last && error.line < last.line) errors.sort((a, b) => a.line - b.line);
};
const PROGRESS_EVERY = 1000;
/**
 * Written tickets between two applications of the trigger's pending rollup rows within the import
 * (since migration 20261207090000 only the old versions of changed tickets; the new ones are added
 * up in memory). The aggregation holds an array_agg state per group in memory, and PGlite's
 * WebAssembly memory is never given back:
 * applied at commit, 1,000,000 tickets took RSS up by about 140 MB; applied every 100,000, PGlite's
 * memory grew by 95 MB; every 25,000, it did not grow.
 */
const ROLLUPS_EVERY = 25_000;
/**
 * Rollup rows the import holds in memory before it writes them (about 400 bytes each). Every row
 * written once is the point: a service's months are touched by every chunk of tickets, and an
 * update costs about twice an insert. 100,000 tickets over a year and 500 services make 40,000.
 */
const ROLLUP_ROWS_HELD = 100_000;
/**
 * Rows per batch. Two batches are in memory at once (one written, the next read), each as records,
 * staged rows and COPY text: at 5,000 an import's RSS on PGlite peaked at 500–520 MB, at 2,500 at
 * 443–457 MB, for about a tenth more time (100,000 rows, twice each).
 */
const BATCH_SIZE = 2500;

/** Thrown inside the transaction to roll it back on purpose (dry run, rejected rows). */
class RollBack extends Error {}

/**
 * Imports tickets from a reader, idempotently (upsert on source system + external id, unchanged
 * records not written) and all or nothing: the whole import is one transaction. That is the
 * simplest honest way to keep "one bad row → nothing written" while reading the stream once and
 * keeping memory flat: batches are written as they come, and rolled back at the end if a row was
 * rejected (or on a dry run, or a crash). The price is one long transaction; a staging table would
 * shorten it but needs a second copy of every row. Once a row is rejected (without skipInvalid),
 * writing stops and the rest is only read and checked, to report every problem at once.
 */
export const importTickets = async (options: ImportTicketsOptions): Promise<ImportTicketsResult> => {
  const {
    db,
    reader,
    dryRun = false,
    skipInvalid = false,
    batchSize = BATCH_SIZE,
    onProgress,
    onReject,
  } = options;
  const rollupsEvery = options.rollupsEvery ?? ROLLUPS_EVERY;
  const actor = options.actor ?? systemActor("import");
  requirePermission(actor, "graph:write");
  const run: ImportRunStart = {
    id: randomUUID(),
    source: options.source,
    format: options.format ?? "unknown",
    fileName: options.source,
    actorLabel: actorLabel(actor),
  };
  const counts: BatchCounts & { read: number; rejected: number; unmatchedTickets: number } = {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    unmatchedTickets: 0,
  };
  const errors: ImportError[] = [];
  const services = new UnmatchedTally();
  const units = new UnmatchedTally();
  const doomed = () => counts.rejected > 0 && !skipInvalid;
  const written = () => counts.inserted + counts.updated + counts.unchanged;
  const reject = (row: RejectedRow) => {
    counts.rejected += 1;
    keepFirstErrors(errors, { ...row.at, message: row.message });
    onReject?.(row);
  };
  const tally = (record: TicketRecord, match: TicketMatch) => {
    if (!match.serviceId) services.add(unmatchedServiceKey(record));
    if (!match.businessUnitId) units.add(unmatchedUnitKey(record));
    if (!match.serviceId || !match.businessUnitId) counts.unmatchedTickets += 1;
  };
  const outcome = (status: "succeeded" | "rejected" | "failed", written: boolean) => ({
    status,
    read: counts.read,
    inserted: written ? counts.inserted : 0,
    updated: written ? counts.updated : 0,
    unchanged: written ? counts.unchanged : 0,
    rejected: counts.rejected,
    unmatched: counts.unmatchedTickets,
    errors,
  });

  try {
    await db.transaction().execute(async (tx) => {
      const runs = new ImportRunRepository(tx);
      const tickets = new TicketRepository(tx, actor);
      const tables = await new TicketMatchRepository(tx, actor).loadTables();
      // The new tickets' rollup rows are added up here and written once (migration 20261207090000);
      // a dry run writes nothing, and a store whose rollup trigger is off keeps none.
      const rollupStore = new TicketRollupRepository(tx);
      const rollups: RollupAccumulator | undefined =
        !dryRun && (await rollupStore.kept())
          ? startRollupAccumulator(await rollupStore.terms(), await rollupStore.textFormat())
          : undefined;
      try {
        if (!dryRun) await runs.start(run);
        let batch: Pending[] = [];
        // The lines of the keys in the batch being read: a repeat within it is found here, one from
        // an earlier batch in the store (TicketRepository.rememberReadIds), so memory stays flat.
        let keys = new Map<string, number>();
        // A batch is written while the next one is read, so that PostgreSQL works while we parse
        // (about a third off the import there). Writes still follow one another: each flush first
        // waits for the previous write, whose rows the next batch's lookup must see.
        let writing: Promise<void> = Promise.resolve();
        let changedSinceRollups = 0;
        const settle = async (entries: Pending[]) => {
          const unique = entries.filter((e) => e.unique !== undefined);
          const firsts = await tickets.rememberReadIds(
            unique.map((e) => e.record.externalId),
            unique.map((e) => e.seq),
            unique.map((e) => e.line),
          );
          const repeated = new Set<Pending>();
          for (const [index, first] of firsts) {
            const e = unique[index] as Pending & { unique: UniqueId };
            repeated.add(e);
            reject(
              duplicateId(e.line, e.record.externalId, first, e.unique.field, e.unique.column, e.unique.raw),
            );
          }
          const kept: TicketToWrite[] = [];
          for (const e of entries) {
            if (repeated.has(e)) continue;
            tally(e.record, e.match);
            if (e.contentHash !== null)
              kept.push({ record: e.record, match: e.match, contentHash: e.contentHash });
          }
          if (kept.length > 0 && !doomed()) {
            const c = await tickets.writeBatch(kept, dryRun ? null : run.id, rollups);
            counts.inserted += c.inserted;
            counts.updated += c.updated;
            counts.unchanged += c.unchanged;
            changedSinceRollups += c.inserted + c.updated;
            // The trigger's pending rows (the old versions of changed tickets) are applied in chunks.
            if (changedSinceRollups >= rollupsEvery) {
              await tickets.applyPendingRollups();
              changedSinceRollups = 0;
            }
            if (rollups && rollups.size >= ROLLUP_ROWS_HELD) await rollupStore.addText(await rollups.take());
          }
          onProgress?.(counts.read, written());
        };
        const flush = async () => {
          await writing;
          if (batch.length > 0) {
            writing = settle(batch);
            // A failed write is thrown where it is awaited; until then it is not "unhandled".
            writing.catch(() => undefined);
          }
          batch = [];
          keys = new Map();
          onProgress?.(counts.read, written());
        };
        try {
          for await (const item of reader.read({ deferDuplicateCheck: true })) {
            counts.read += 1;
            if (counts.read % PROGRESS_EVERY === 0) onProgress?.(counts.read, written());
            const checked = checkReadResult(item);
            if (checked.kind === "rejected") {
              reject(checked);
              continue;
            }
            const { record, at, unique } = checked;
            const key = `${record.sourceSystem}\u0000${record.externalId}`;
            const first = keys.get(key);
            if (first !== undefined) {
              if (unique) {
                reject(
                  duplicateId(at.line, record.externalId, first, unique.field, unique.column, unique.raw),
                );
                continue;
              }
              // A source that may repeat a key (a live sync): write the first before the second is compared to it.
              await flush();
            }
            keys.set(key, at.line);
            // Once a row is rejected nothing is written, but ids are still checked, to report every repeat.
            const contentHash = doomed() ? null : ticketContentHash(record);
            const match = matchTicket(record, tables);
            batch.push({
              record,
              match,
              line: at.line,
              seq: counts.read,
              contentHash,
              ...(unique ? { unique } : {}),
            });
            if (batch.length >= batchSize) await flush();
          }
          await flush();
          await writing;
        } finally {
          // Never leave the transaction (rollback) with a write still on its connection.
          await writing.catch(() => undefined);
        }
        if (rollups && !doomed()) await rollupStore.addText(await rollups.take());
        options.onPhase?.("written");
        if (doomed() || dryRun) throw new RollBack();
        await runs.finish(run.id, outcome("succeeded", true));
        await recordAudit(tx, actor, {
          action: "tickets.import",
          entityType: "import_run",
          entityId: run.id,
          after: outcome("succeeded", true),
          detail: options.source,
        });
      } finally {
        await rollups?.close();
      }
    });
  } catch (error) {
    if (!(error instanceof RollBack)) {
      // Best effort: the crash is what matters, not a failure to log it.
      await logRun(db, actor, run, outcome("failed", false)).catch(() => undefined);
      throw error;
    }
  }
  options.onPhase?.("committed");
  // Counts of a rejected import are zero: nothing was written (and writing stopped at the first reject).
  const valid = !doomed();
  if (!dryRun && !valid) await logRun(db, actor, run, outcome("rejected", false));
  // Fresh statistics for the new rows (PGlite has no autovacuum to gather them later); an import
  // that wrote nothing (a re-import of the same file) leaves them as they were.
  if (!dryRun && valid && counts.inserted + counts.updated > 0) await sql`ANALYZE ticket`.execute(db);
  return {
    status: !valid ? "rejected" : dryRun ? "dry_run" : "succeeded",
    read: counts.read,
    inserted: valid ? counts.inserted : 0,
    updated: valid ? counts.updated : 0,
    unchanged: valid ? counts.unchanged : 0,
    rejected: counts.rejected,
    unmatched: { services: services.list(), businessUnits: units.list() },
    errors,
    importRunId: dryRun ? null : run.id,
  };
};

/** Records a run that wrote nothing, with its audit event, after its transaction rolled back. */
const logRun = (db: Db, actor: Actor, run: ImportRunStart, o: ImportRunOutcome) =>
  db.transaction().execute(async (tx) => {
    await new ImportRunRepository(tx).record(run, o);
    await recordAudit(tx, actor, {
      action: "tickets.import",
      entityType: "import_run",
      entityId: run.id,
      after: o,
      detail: run.source,
    });
  });
