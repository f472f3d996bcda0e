import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { rollupSnapshot } from "../support/rollup-snapshot.js";
import { openStoreAcrossMigration } from "../support/test-store.js";

const GRAIN = "20261207100000_group-and-channel-grain.sql";
const web = "50000000-0000-4000-8000-000000000001";
const mail = "50000000-0000-4000-8000-000000000002";

/** Incidents and a request of two services, in two groups and channels, over March and April. */
const tickets = [
  [web, "Desk", "phone", 1, "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "incident"],
  [mail, "Desk", "phone", 1, "2026-03-03T09:00:00Z", "2026-03-03T13:00:00Z", "incident"],
  [web, "Desk", "portal", 2, "2026-03-30T09:00:00Z", "2026-04-01T09:00:00Z", "incident"],
  [mail, "Network", "phone", 1, "2026-03-10T09:00:00Z", "2026-03-10T09:30:00Z", "incident"],
  [web, "Network", "phone", 1, "2026-04-10T09:00:00Z", null, "incident"],
  [mail, "Desk", "phone", 1, "2026-03-12T09:00:00Z", "2026-03-14T09:00:00Z", "request"],
] as const;

describe("migration 20261207100000: figures by group and channel get a grain without services", () => {
  let store: Store;

  beforeAll(async () => {
    // The tickets written before the migration: the trigger kept them in 'month_all'.
    const values = tickets
      .map(
        ([service, group, channel, priority, opened, resolved, type], i) =>
          `(gen_random_uuid(), 'csv', 'g-${i}', '${type}', 'T${i}', '', '${resolved ? "resolved" : "open"}', '', ${priority},
           '${opened}', ${resolved ? `'${resolved}'` : "NULL"}, '${group}', '${channel}', 0, 0, '[]', '${service}', 'h')`,
      )
      .join(",\n");
    store = await openStoreAcrossMigration(
      GRAIN,
      `
      INSERT INTO it_service (id, name) VALUES ('${web}', 'Web shop'), ('${mail}', 'Mail');
      INSERT INTO ticket (id, source_system, external_id, type, number, title, state, state_raw, priority, opened_at,
        resolved_at, assignment_group, channel, reassignment_count, reopen_count, slas, service_id, content_hash)
      VALUES ${values};`,
    );
  }, 60_000);
  afterAll(async () => store.close());

  it("sums the old grain over services into the new one, as a rebuild from the tickets gives it", async () => {
    const migrated = (await rollupSnapshot(store.db)) as Record<string, unknown>[];
    expect(migrated.filter((r) => r.grain === "month_all")).toEqual([]);
    const desk = migrated.filter(
      (r) =>
        r.grain === "month_gc" &&
        r.assignmentGroup === "Desk" &&
        r.channel === "phone" &&
        r.type === "incident",
    );
    // Desk × phone × P1 in March: the web shop's incident and the mail's, 1 h and 4 h.
    expect(desk).toMatchObject([
      {
        periodStart: "2026-03-01",
        priority: 1,
        serviceId: null,
        opened: 2,
        resolved: 2,
        resolveSeconds: 5 * 3600,
      },
    ]);
    await sql`SELECT rebuild_ticket_rollups()`.execute(store.db);
    expect(await rollupSnapshot(store.db)).toEqual(migrated);
  });
});
