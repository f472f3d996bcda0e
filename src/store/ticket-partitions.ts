import { sql } from "kysely";
import type { Db } from "./database.js";

/** "2026-03" for an ISO instant: the UTC month whose partition holds it. */
export const monthOf = (instant: string): string => new Date(instant).toISOString().slice(0, 7);

export const partitionName = (month: string): string => `ticket_y${month.slice(0, 4)}m${month.slice(5, 7)}`;

const nextMonth = (month: string): string => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/**
 * Creates the monthly partitions of `ticket` that do not exist yet. They must exist before a row
 * of their month is written: once a month has rows in the DEFAULT partition, PostgreSQL refuses
 * to create that month's partition. Known partitions are remembered, so that a re-import into
 * existing months issues no DDL (which would lock the ticket table until the import commits).
 */
export class TicketPartitions {
  private known: Set<string> | undefined;

  constructor(private readonly db: Db) {}

  async ensure(months: Iterable<string>): Promise<void> {
    this.known ??= new Set(
      (
        await sql<{ name: string }>`
          SELECT c.relname AS name FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'ticket'::regclass`.execute(this.db)
      ).rows.map((r) => r.name),
    );
    for (const month of [...new Set(months)].sort()) {
      if (!/^\d{4}-\d{2}$/.test(month)) throw new RangeError(`not a month: ${month}`);
      const name = partitionName(month);
      if (this.known.has(name)) continue;
      // The name and bounds are built from digits checked above, so raw SQL is safe here.
      await sql
        .raw(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ticket FOR VALUES FROM ('${month}-01 00:00:00+00') TO ('${nextMonth(month)}-01 00:00:00+00')`,
        )
        .execute(this.db);
      this.known.add(name);
    }
  }
}
