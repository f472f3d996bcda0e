import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/database.js";
import { KEPT_PLAN_MARK, keptPlan } from "../../src/store/kept-plan.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore, testBackends } from "../support/test-store.js";

interface Row {
  id: string;
  label: string | null;
  tags: string[];
  at: string;
  n: number;
}

/** The statement under test, marked or not: an upsert that returns what it wrote. */
const upsert = (db: Db, marked: boolean, id: string, label: string | null, tags: string[], at: string) => {
  const statement = sql<Row>`INSERT INTO kept_plan_probe (id, label, tags, at, n)
    VALUES (${id}::uuid, ${label}, ${tags}::text[], ${at}::timestamptz, 1)
    ON CONFLICT (id) DO UPDATE SET label = excluded.label, tags = excluded.tags, n = kept_plan_probe.n + 1
    RETURNING id, label, tags, at, n`;
  return (marked ? keptPlan(statement) : statement).execute(db);
};

const ID = "7d3f2c1e-0000-4000-8000-000000000001";
const OTHER = "7d3f2c1e-0000-4000-8000-000000000002";

describe.each(testBackends())("statements that keep their plan on %s", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(backend);
    await sql`CREATE TABLE kept_plan_probe (id uuid PRIMARY KEY, label text, tags text[] NOT NULL, at timestamptz NOT NULL, n int8 NOT NULL)`.execute(
      store.db,
    );
  });
  afterAll(() => store.close());

  it("answers what the same statement answers unmarked: values, nulls, arrays, instants and counts", async () => {
    // A label and tags that need quoting in their text form, and a null.
    const tags = ["a,b", 'say "hi"', "back\\slash", "{braces}"];
    const marked = await upsert(store.db, true, ID, "it's", tags, "2026-03-29T01:30:00+01:00");
    expect(marked.rows).toEqual([{ id: ID, label: "it's", tags, at: "2026-03-29T00:30:00.000Z", n: 1 }]);
    expect(marked.numAffectedRows).toBe(1n);
    const plain = await upsert(store.db, false, OTHER, null, [], "2026-01-01T00:00:00Z");
    expect(plain.rows).toEqual([{ id: OTHER, label: null, tags: [], at: "2026-01-01T00:00:00.000Z", n: 1 }]);
    const again = await upsert(store.db, true, OTHER, null, [], "2026-01-01T00:00:00Z");
    expect(again.rows).toEqual([{ ...plain.rows[0], n: 2 }]);
  });

  it("is prepared once and bound to on every later run (PostgreSQL's own record of it)", async () => {
    await store.db.transaction().execute(async (tx) => {
      // One connection for the whole count: the transaction's.
      const before = await sql<{ runs: number }>`
        SELECT COALESCE(sum(generic_plans + custom_plans), 0)::int AS runs FROM pg_prepared_statements
        WHERE starts_with(statement, ${KEPT_PLAN_MARK})`.execute(tx);
      for (let i = 0; i < 8; i++) await upsert(tx, true, ID, `run ${i}`, ["x"], "2026-01-01T00:00:00Z");
      const after = await sql<{ runs: number; statements: number }>`
        SELECT COALESCE(sum(generic_plans + custom_plans), 0)::int AS runs, count(*)::int AS statements
        FROM pg_prepared_statements WHERE starts_with(statement, ${KEPT_PLAN_MARK})`.execute(tx);
      expect(after.rows[0]?.statements).toBe(1);
      expect((after.rows[0]?.runs ?? 0) - (before.rows[0]?.runs ?? 0)).toBe(8);
    });
    const row = await sql<{
      label: string;
      n: number;
    }>`SELECT label, n FROM kept_plan_probe WHERE id = ${ID}::uuid`.execute(store.db);
    // 1 from the first test, 8 here.
    expect(row.rows).toEqual([{ label: "run 7", n: 9 }]);
  });

  it("is planned again when the table changes under it", async () => {
    await sql`ALTER TABLE kept_plan_probe ADD COLUMN note text`.execute(store.db);
    await sql`CREATE INDEX kept_plan_probe_label ON kept_plan_probe (label)`.execute(store.db);
    const result = await upsert(store.db, true, ID, "after", ["y"], "2026-01-01T00:00:00Z");
    // An upsert keeps the instant of the first write.
    expect(result.rows).toEqual([
      { id: ID, label: "after", tags: ["y"], at: "2026-03-29T00:30:00.000Z", n: 10 },
    ]);
    await sql`DROP INDEX kept_plan_probe_label`.execute(store.db);
    const dropped = await upsert(store.db, true, ID, "dropped", ["z"], "2026-01-01T00:00:00Z");
    expect(dropped.rows[0]).toMatchObject({ label: "dropped", n: 11 });
  });

  it("fails with the store's own error, and runs again once the transaction is rolled back", async () => {
    await sql`CREATE UNIQUE INDEX kept_plan_probe_unique_label ON kept_plan_probe (label)`.execute(store.db);
    const failed = store.db
      .transaction()
      .execute((tx) => upsert(tx, true, OTHER, "dropped", [], "2026-01-01T00:00:00Z"));
    await expect(failed).rejects.toMatchObject({ code: "23505" });
    const row = await sql<{
      label: string | null;
    }>`SELECT label FROM kept_plan_probe WHERE id = ${OTHER}::uuid`.execute(store.db);
    expect(row.rows).toEqual([{ label: null }]);
    const ok = await upsert(store.db, true, OTHER, "fine", [], "2026-01-01T00:00:00Z");
    expect(ok.rows[0]).toMatchObject({ id: OTHER, label: "fine", n: 3 });
  });
});
