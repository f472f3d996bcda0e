import { CompiledQuery, sql } from "kysely";
import type { RollupRow, RollupTermsData } from "../../domain/metrics/ticket-rollup-rows.js";
import type { ServiceHours } from "../../domain/schemas/it-service.js";
import type { Db } from "../database.js";
import {
  type RollupRowsText,
  type RollupTextFormat,
  rollupDurationColumns,
  rollupKeyColumns,
  rollupRowsText,
  rollupSumColumns,
  rollupTextColumns,
} from "./rollup-rows-text.js";
import { copiesFromBlob } from "./ticket-copy.js";

const columns = rollupTextColumns.join(", ");
const keyColumns = rollupKeyColumns.join(", ");

/**
 * Rollup rows added by a writer that computed them itself (the import, through TicketRollupRows):
 * upserted on their key, sums added, duration entries appended as the trigger's flush does.
 */
export class TicketRollupRepository {
  private copies: boolean | undefined;

  constructor(private readonly db: Db) {}

  /**
   * Whether the store keeps rollups for ticket writes: the trigger on ticket inserts is enabled.
   * An administrator may disable it for a bulk load to be followed by `tandem metrics rebuild`; a
   * writer adding rows itself then adds none either.
   */
  async kept(): Promise<boolean> {
    const { rows } = await sql<{ enabled: boolean }>`
      SELECT tgenabled <> 'D' AS enabled FROM pg_trigger
      WHERE tgrelid = 'ticket'::regclass AND tgname = 'ticket_rollups_after_insert'`.execute(this.db);
    return rows[0]?.enabled ?? false;
  }

  /** Every service's agreed hours and SLA targets, as the trigger's SQL joins them per row. */
  async terms(): Promise<RollupTermsData> {
    const [services, targets] = await Promise.all([
      sql<{ id: string; serviceHours: ServiceHours }>`
        SELECT id, service_hours FROM it_service WHERE service_hours IS NOT NULL`.execute(this.db),
      sql<{ serviceId: string; priority: number; responseSeconds: number; resolutionSeconds: number }>`
        SELECT service_id, priority, response_seconds, resolution_seconds FROM service_sla_target`.execute(
        this.db,
      ),
    ]);
    return {
      hours: services.rows.map((s) => [s.id, s.serviceHours]),
      targets: targets.rows.map((t) => [t.serviceId, t.priority, t.responseSeconds, t.resolutionSeconds]),
    };
  }

  /** The text the rows are loaded from on this store (see rollup-rows-text.ts). */
  async textFormat(): Promise<RollupTextFormat> {
    this.copies ??= await copiesFromBlob(this.db);
    return this.copies ? "copy" : "json";
  }

  /** Adds the rows to the rollups. Within the caller's transaction, which must hold the writes they count. */
  async add(rows: readonly RollupRow[]): Promise<void> {
    if (rows.length > 0) await this.addText(rollupRowsText(rows, await this.textFormat()));
  }

  /** Adds rows already made into text (by rollupRowsText, in this store's textFormat). */
  async addText(text: RollupRowsText): Promise<void> {
    if (text.chunks.length === 0) return;
    await sql`CREATE TEMP TABLE IF NOT EXISTS ticket_rollup_stage (LIKE ticket_rollup) ON COMMIT DROP`.execute(
      this.db,
    );
    for (const chunk of text.chunks) {
      await sql`TRUNCATE ticket_rollup_stage`.execute(this.db);
      if (text.format === "copy") {
        await this.db.executeQuery(
          CompiledQuery.raw(`COPY ticket_rollup_stage (${columns}) FROM '/dev/blob'`, [new Blob([chunk])]),
        );
      } else {
        await sql`INSERT INTO ticket_rollup_stage (${sql.raw(columns)})
          SELECT ${sql.raw(columns)} FROM json_populate_recordset(NULL::ticket_rollup_stage, ${chunk}::json)`.execute(
          this.db,
        );
      }
      await sql`
        INSERT INTO ticket_rollup AS t (${sql.raw(columns)})
        SELECT ${sql.raw(columns)} FROM ticket_rollup_stage
        ON CONFLICT (${sql.raw(keyColumns)}) DO UPDATE SET
          ${sql.raw(rollupSumColumns.map((c) => `${c} = t.${c} + excluded.${c}`).join(", "))},
          ${sql.raw(rollupDurationColumns.map((c) => `${c} = duration_entries_add(t.${c}, excluded.${c})`).join(", "))}`.execute(
        this.db,
      );
    }
  }
}
