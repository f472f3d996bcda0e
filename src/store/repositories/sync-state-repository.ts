import type { Db, Row } from "../database.js";

export type SyncStatus = "running" | "succeeded" | "rejected" | "failed";
export type SyncState = Row<"syncState">;

/** Where each live sync has got to; one row per source (system, instance, table). */
export class SyncStateRepository {
  constructor(private readonly db: Db) {}

  async get(source: string): Promise<SyncState | undefined> {
    return this.db.selectFrom("syncState").selectAll().where("source", "=", source).executeTakeFirst();
  }

  /** A run starts: the watermark is kept, the status says a run is (or was, if it crashed) under way. */
  async start(source: string, at: string): Promise<void> {
    await this.db
      .insertInto("syncState")
      .values({ source, lastRunAt: at, lastStatus: "running", lastError: null })
      .onConflict((oc) =>
        oc.column("source").doUpdateSet({ lastRunAt: at, lastStatus: "running", lastError: null }),
      )
      .execute();
  }

  /** Called only after a page is committed, so the watermark never passes unwritten records. */
  async advance(source: string, watermark: string): Promise<void> {
    await this.db.updateTable("syncState").set({ watermark }).where("source", "=", source).execute();
  }

  /** Ignores the stored watermark from now on (a restart from --since or the beginning). */
  async reset(source: string): Promise<void> {
    await this.db.updateTable("syncState").set({ watermark: null }).where("source", "=", source).execute();
  }

  async finish(source: string, status: SyncStatus, error: string | null): Promise<void> {
    await this.db
      .updateTable("syncState")
      .set({ lastStatus: status, lastError: error })
      .where("source", "=", source)
      .execute();
  }
}
