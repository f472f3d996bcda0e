import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openTestStore, testBackends } from "../../test/support/test-store.js";
import { loadMigrations, migrate } from "./migrate.js";
import type { Store } from "./open-store.js";

describe.each(testBackends())("migrations on %s", (backend) => {
  let store: Store;
  afterEach(async () => store?.close());

  it("applies every migration once and is idempotent", async () => {
    store = await openTestStore(backend);
    const again = await migrate(store.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe((await loadMigrations()).length);
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'it_service'`.execute(
      store.db,
    );
    expect(tables.rows[0]?.n).toBe(1);
  });

  it("refuses a store migrated by a newer version", async () => {
    store = await openTestStore(backend);
    await store.db
      .insertInto("tandemMigration")
      .values({ name: "29991231000000_from-the-future.sql" })
      .execute();
    await expect(migrate(store.db)).rejects.toMatchObject({
      code: "store_too_new",
      message: expect.stringContaining("29991231000000_from-the-future.sql"),
    });
  });
});
