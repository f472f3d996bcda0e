import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { openStoreAcrossMigration } from "../support/test-store.js";

const BY_MONTH = "20261203140000_survey-answers-by-month.sql";
const survey = "10000000-0000-4000-8000-000000000001";
const campaign = "30000000-0000-4000-8000-000000000001";
const [late, early, already] = [
  "40000000-0000-4000-8000-000000000001",
  "40000000-0000-4000-8000-000000000002",
  "40000000-0000-4000-8000-000000000003",
];

describe("migration 20261203140000: responses keep the month they were given in", () => {
  let store: Store;

  beforeAll(async () => {
    // Instants as answering stored them (each equal to its invitation's used_at). 23:30 in Berlin on
    // 31 January is 22:30 UTC, still January; 00:10 UTC on 1 March is March, though still February in
    // New York: months are UTC months, as the tally's.
    store = await openStoreAcrossMigration(
      BY_MONTH,
      `
      INSERT INTO survey (id, name) VALUES ('${survey}', 'Old survey');
      INSERT INTO campaign (id, survey_id, name, starts_at, deadline, created_by)
        VALUES ('${campaign}', '${survey}', 'Old campaign', '2026-01-01', '2026-04-01', 'test');
      INSERT INTO survey_response (id, campaign_id, audience, submitted_at) VALUES
        ('${late}', '${campaign}', 'business', '2026-01-31T23:30:00+01:00'),
        ('${early}', '${campaign}', 'it', '2026-03-01T00:10:00Z'),
        ('${already}', '${campaign}', 'business', '2026-02-01T00:00:00Z')`,
    );
  }, 60_000);
  afterAll(async () => store.close());

  it("brings every response to the first instant of its UTC month, and nothing else", async () => {
    const rows = await sql<{ id: string; at: string; audience: string }>`
      SELECT id, submitted_at AS at, audience FROM survey_response ORDER BY id`.execute(store.db);
    expect(rows.rows).toEqual([
      { id: late, at: "2026-01-01T00:00:00.000Z", audience: "business" },
      { id: early, at: "2026-03-01T00:00:00.000Z", audience: "it" },
      { id: already, at: "2026-02-01T00:00:00.000Z", audience: "business" },
    ]);
  });
});
