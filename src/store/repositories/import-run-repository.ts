import type { Db } from "../database.js";

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

/** The log of ticket imports: one row per run, whatever its outcome. */
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
}
