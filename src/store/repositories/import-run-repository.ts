import { TandemError } from "../../domain/errors.js";
import type { Page } from "../../domain/schemas/common.js";
import type { ImportRun } from "../../domain/schemas/import-run.js";
import type { Db, Row } from "../database.js";
import { beforeInstantCursor, pageOfRows } from "../pagination.js";

export type ImportRunStatus = "running" | "succeeded" | "rejected" | "failed";

export interface ImportRunStart {
  id: string;
  source: string;
  format: string;
  fileName: string | null;
  actorLabel: string;
}

export interface ImportRunOutcome {
  status: ImportRunStatus;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  errors: unknown[];
}

/** A logged run as the API shows it. */
const importRunOf = (row: Row<"importRun">): ImportRun => ({
  id: row.id,
  source: row.source,
  format: row.format,
  status: row.status,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  actorLabel: row.actorLabel,
  read: row.readCount,
  inserted: row.insertedCount,
  updated: row.updatedCount,
  unchanged: row.unchangedCount,
  rejected: row.rejectedCount,
  unmatched: row.unmatchedCount,
  // Written by the import from its own checked errors; JSONB comes back parsed.
  errors: Array.isArray(row.errors) ? (row.errors as ImportRun["errors"]) : [],
});

/**
 * The log of ticket imports: one row per run, whatever its outcome. Reading it is gated in
 * createRepositories (it spans every unit), writing is the import's own business.
 */
export class ImportRunRepository {
  constructor(private readonly db: Db) {}

  async start(run: ImportRunStart): Promise<void> {
    await this.db
      .insertInto("importRun")
      .values({ ...run, status: "running" })
      .execute();
  }

  async finish(id: string, o: ImportRunOutcome): Promise<void> {
    await this.db
      .updateTable("importRun")
      .set({
        status: o.status,
        finishedAt: new Date().toISOString(),
        readCount: o.read,
        insertedCount: o.inserted,
        updatedCount: o.updated,
        unchangedCount: o.unchanged,
        rejectedCount: o.rejected,
        unmatchedCount: o.unmatched,
        errors: JSON.stringify(o.errors),
      })
      .where("id", "=", id)
      .execute();
  }

  /** A run that wrote nothing (rejected rows or a crash): recorded after its transaction rolled back. */
  async record(run: ImportRunStart, o: ImportRunOutcome): Promise<void> {
    await this.start(run);
    await this.finish(run.id, o);
  }

  /** Newest first; the cursor is the last run's (started_at, id). */
  async list(options: { limit: number; cursor?: string }): Promise<Page<ImportRun>> {
    let query = this.db.selectFrom("importRun").selectAll();
    if (options.cursor) query = query.where(beforeInstantCursor("started_at", options.cursor));
    const rows = await query
      .orderBy("startedAt", "desc")
      .orderBy("id", "desc")
      .limit(options.limit + 1)
      .execute();
    const { page, nextCursor } = pageOfRows(rows, options.limit, (row) => row.startedAt);
    return { items: page.map(importRunOf), nextCursor };
  }

  async get(id: string): Promise<ImportRun> {
    const row = await this.db.selectFrom("importRun").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `no import run ${id}`);
    return importRunOf(row);
  }
}
