import { type Clock, systemClock } from "../domain/clock.js";
import { isTandemError, TandemError } from "../domain/errors.js";
import { redactSecrets } from "../ingest/api-credentials.js";
import { type PagedTicketReader, pageReader } from "../ingest/paged-ticket-reader.js";
import type { RejectedRow } from "../ingest/ticket-reader.js";
import type { Actor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { SyncStateRepository } from "../store/repositories/sync-state-repository.js";
import { type ImportError, importTickets } from "./import-tickets.js";

export interface SyncPageSummary {
  page: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The watermark stored after this page was committed. */
  watermark: string | null;
}

export interface SyncTicketsOptions {
  db: Db;
  /** The sync's key, e.g. "servicenow:https://acme.service-now.com:incident". */
  source: string;
  /** For the import log, e.g. "servicenow-api". */
  format: string;
  /** Opens the API reader from a watermark (ISO UTC instant, or null for everything). */
  openReader: (since: string | null) => PagedTicketReader;
  /** Where a first sync starts (ISO UTC instant); a stored watermark wins unless `restart`. */
  since?: string | null;
  /** Ignore the stored watermark and start again from `since`. */
  restart?: boolean;
  /** Write the valid records of a page even when some are rejected. */
  skipInvalid?: boolean;
  /** Every secret in play, removed from any error text before it is stored or shown. */
  secrets?: readonly string[];
  actor?: Actor;
  clock?: Clock;
  onPage?: (page: SyncPageSummary) => void;
  onReject?: (row: RejectedRow) => void;
}

export interface SyncTicketsResult {
  /** "rejected": a page had invalid records (without skipInvalid); it and later pages were not written. */
  status: "succeeded" | "rejected";
  pages: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The watermark the run started from and the one it left. */
  from: string | null;
  watermark: string | null;
  errors: ImportError[];
}

/**
 * A live sync: reads the source from the stored watermark and imports it one page per import
 * (one transaction each), storing the watermark after each committed page. A failure mid-run
 * therefore keeps the pages already committed, and the next run starts from the last committed
 * page's watermark; the readers re-read that boundary (>=), which the idempotent import absorbs,
 * so there are neither gaps nor duplicates.
 */
export const syncTickets = async (options: SyncTicketsOptions): Promise<SyncTicketsResult> => {
  const { db, source } = options;
  const clock = options.clock ?? systemClock;
  const states = new SyncStateRepository(db);
  const redact = (text: string) => redactSecrets(text, options.secrets ?? []);
  const stored = await states.get(source);
  await states.start(source, clock.now().toISOString());
  if (options.restart) await states.reset(source);
  const from = (options.restart ? null : stored?.watermark) ?? options.since ?? null;
  const result: SyncTicketsResult = {
    status: "succeeded",
    pages: 0,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    from,
    watermark: from,
    errors: [],
  };
  try {
    for await (const page of options.openReader(from).pages()) {
      const imported = await importTickets({
        db,
        reader: pageReader(page),
        source: `${source} page ${page.number}`,
        format: options.format,
        ...(options.actor ? { actor: options.actor } : {}),
        skipInvalid: Boolean(options.skipInvalid),
        ...(options.onReject ? { onReject: options.onReject } : {}),
      });
      result.pages += 1;
      result.read += imported.read;
      result.rejected += imported.rejected;
      result.errors.push(...imported.errors.slice(0, 100 - result.errors.length));
      if (imported.status === "rejected") {
        // Nothing of this page was written, so the watermark must not move past it.
        result.status = "rejected";
        break;
      }
      result.inserted += imported.inserted;
      result.updated += imported.updated;
      result.unchanged += imported.unchanged;
      if (page.watermark !== null && (result.watermark === null || page.watermark > result.watermark)) {
        result.watermark = page.watermark;
        await states.advance(source, page.watermark);
      }
      options.onPage?.({
        page: page.number,
        read: imported.read,
        inserted: imported.inserted,
        updated: imported.updated,
        unchanged: imported.unchanged,
        rejected: imported.rejected,
        watermark: result.watermark,
      });
    }
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    await states.finish(source, "failed", message).catch(() => undefined);
    // Rethrown without its cause, which may carry the request (and its Authorization header).
    throw new TandemError(
      isTandemError(error) ? error.code : "internal",
      `${message} (sync ${source} stopped after ${result.pages} committed page(s); the next run resumes from ${result.watermark ?? "the beginning"})`,
      isTandemError(error) ? { issues: error.issues.map((i) => ({ ...i, message: redact(i.message) })) } : {},
    );
  }
  await states.finish(
    source,
    result.status,
    result.status === "rejected" ? redact(`${result.rejected} record(s) rejected`) : null,
  );
  return result;
};
