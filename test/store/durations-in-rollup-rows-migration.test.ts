import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { openStoreAcrossMigration } from "../support/test-store.js";

const DURATIONS = "20261203180000_durations-in-rollup-rows.sql";
const service = "50000000-0000-4000-8000-000000000001";
/** An entry as the migration packs it: count × 1024 + bucket. */
const entry = (count: number, bucket: number) => count * 1024 + bucket;

describe("migration 20261203180000: the duration histogram moves into the rollup rows", () => {
  let store: Store;

  beforeAll(async () => {
    // Rows as the old flush left them: March's incidents of priorities 1 and 2 for the whole
    // organisation, the service's row of priority 1, and their histograms; one bucket emptied by
    // an update (tickets 0), and the organisation's month without priority in the histogram only.
    store = await openStoreAcrossMigration(
      DURATIONS,
      `
      INSERT INTO ticket_rollup (grain, period_start, type, priority, service_id, opened, resolved, resolve_seconds) VALUES
        ('month_p', '2026-03-01', 'incident', 1, NULL, 5, 3, 300),
        ('month_p', '2026-03-01', 'incident', 2, NULL, 2, 1, 50),
        ('month_s', '2026-03-01', 'incident', 1, '${service}', 5, 3, 300),
        ('month_p', '2026-03-01', 'request', 3, NULL, 4, 0, 0);
      INSERT INTO ticket_duration_histogram (grain, period_start, type, priority, service_id, measure, bucket, tickets) VALUES
        ('month_p', '2026-03-01', 'incident', 1, NULL, 'resolve', 12, 1),
        ('month_p', '2026-03-01', 'incident', 1, NULL, 'resolve', 10, 2),
        ('month_p', '2026-03-01', 'incident', 1, NULL, 'resolve', 13, 0),
        ('month_p', '2026-03-01', 'incident', 1, NULL, 'resolve_service', 10, 3),
        ('month_p', '2026-03-01', 'incident', 2, NULL, 'resolve', 11, 1),
        ('month_p', '2026-03-01', 'request', 3, NULL, 'fulfil', 500, 4),
        ('month_s', '2026-03-01', 'incident', 1, '${service}', 'resolve', 10, 2),
        ('month_s', '2026-03-01', 'incident', 1, '${service}', 'resolve', 12, 1),
        ('month_o', '2026-03-01', 'incident', NULL, NULL, 'resolve', 10, 2),
        ('month_o', '2026-03-01', 'incident', NULL, NULL, 'resolve', 11, 1),
        ('month_o', '2026-03-01', 'incident', NULL, NULL, 'resolve', 12, 1)`,
    );
  }, 60_000);
  afterAll(async () => store.close());

  it("gives each rollup row its histogram rows as entries, in bucket order, without emptied buckets", async () => {
    const rows = await sql<Record<string, unknown>>`
      SELECT grain, type, priority, opened, resolved, resolve_seconds,
        resolve_durations::text AS resolve, resolve_service_durations::text AS resolve_service,
        fulfil_durations::text AS fulfil
      FROM ticket_rollup ORDER BY grain, type, priority`.execute(store.db);
    const list = (...entries: number[]) => `{${entries.join(",")}}`;
    expect(rows.rows).toEqual([
      // The organisation's month without priority: March's incidents of both priorities summed.
      {
        grain: "month_o",
        type: "incident",
        priority: null,
        opened: 7,
        resolved: 4,
        resolveSeconds: 350,
        resolve: list(entry(2, 10), entry(1, 11), entry(1, 12)),
        resolveService: "{}",
        fulfil: "{}",
      },
      {
        grain: "month_o",
        type: "request",
        priority: null,
        opened: 4,
        resolved: 0,
        resolveSeconds: 0,
        resolve: "{}",
        resolveService: "{}",
        fulfil: "{}",
      },
      {
        grain: "month_p",
        type: "incident",
        priority: 1,
        opened: 5,
        resolved: 3,
        resolveSeconds: 300,
        resolve: list(entry(2, 10), entry(1, 12)),
        resolveService: list(entry(3, 10)),
        fulfil: "{}",
      },
      {
        grain: "month_p",
        type: "incident",
        priority: 2,
        opened: 2,
        resolved: 1,
        resolveSeconds: 50,
        resolve: list(entry(1, 11)),
        resolveService: "{}",
        fulfil: "{}",
      },
      {
        grain: "month_p",
        type: "request",
        priority: 3,
        opened: 4,
        resolved: 0,
        resolveSeconds: 0,
        resolve: "{}",
        resolveService: "{}",
        fulfil: list(entry(4, 500)),
      },
      {
        grain: "month_s",
        type: "incident",
        priority: 1,
        opened: 5,
        resolved: 3,
        resolveSeconds: 300,
        resolve: list(entry(2, 10), entry(1, 12)),
        resolveService: "{}",
        fulfil: "{}",
      },
    ]);
  });

  it("drops the old histogram table", async () => {
    const left = await sql<{
      t: string | null;
    }>`SELECT to_regclass('ticket_duration_histogram')::text AS t`.execute(store.db);
    expect(left.rows[0]?.t).toBeNull();
  });
});
