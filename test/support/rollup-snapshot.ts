import { sql } from "kysely";
import type { Db } from "../../src/store/database.js";

/**
 * A row's histogram entries (count × 1024 + bucket) as bucket → count without zeros: an updated
 * row keeps appended entries (a subtraction, then an addition) that a rebuild writes merged.
 */
const withHistogramsByBucket = (row: Record<string, unknown>) => {
  const byBucket = (entries: unknown) => {
    const counts = new Map<number, number>();
    for (const entry of entries as (number | string)[]) {
      const n = Number(entry);
      const bucket = ((n % 1024) + 1024) % 1024;
      counts.set(bucket, (counts.get(bucket) ?? 0) + (n - bucket) / 1024);
    }
    return [...counts].filter(([, count]) => count !== 0).sort((a, b) => a[0] - b[0]);
  };
  return {
    ...row,
    resolveDurations: byBucket(row.resolveDurations),
    resolveServiceDurations: byBucket(row.resolveServiceDurations),
    fulfilDurations: byBucket(row.fulfilDurations),
  };
};

/**
 * Every rollup row that counts something, in key order, histograms decoded: comparable between an
 * incrementally kept store and a rebuilt one (which drops rows whose counts went back to zero).
 */
export const rollupSnapshot = (db: Db) =>
  sql<Record<string, unknown>>`
    SELECT * FROM ticket_rollup WHERE opened <> 0 OR resolved <> 0 OR left_backlog <> 0 OR acknowledged <> 0
      OR fulfilled <> 0 OR changes_closed <> 0
    ORDER BY grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel`
    .execute(db)
    .then((x) => x.rows.map(withHistogramsByBucket));
