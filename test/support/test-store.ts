import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { loadMigrations, migrate } from "../../src/store/migrate.js";
import { openStore, type Store } from "../../src/store/open-store.js";

export type Backend = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server we may create databases on. */
export const testBackends = (): Backend[] =>
  process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated, empty store: in-memory PGlite, or a throwaway database on the test server. */
export const openTestStore = async (backend: Backend): Promise<Store> => {
  if (backend === "pglite") {
    const store = await openStore({ kind: "pglite", dataDir: null });
    await migrate(store.db);
    return store;
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set");
  const dbName = `tandem_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const store = await openStore({ kind: "postgres", connectionString: url.toString() });
  await migrate(store.db);
  return {
    ...store,
    close: async () => {
      await store.close();
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      // The pool's sockets may still be closing on the server side; wait for them rather than
      // have FORCE cut a connection that is still finishing (an error in whichever test owns it).
      for (let i = 0; i < 40; i++) {
        const { rows } = await dropper.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [dbName],
        );
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await dropper.end();
    },
  };
};

/**
 * An in-memory PGlite store migrated up to (not including) `migration`, with `before` (an SQL
 * script of rows as the earlier schema kept them) run there, then migrated the rest of the way:
 * what a store written by an older version meets when it is upgraded.
 */
export const openStoreAcrossMigration = async (migration: string, before: string): Promise<Store> => {
  const store = await openStore({ kind: "pglite", dataDir: null });
  const all = await loadMigrations();
  await migrate(
    store.db,
    all.filter((m) => m.name < migration),
  );
  // A multi-statement script takes no parameters: constant values only.
  await sql.raw(before).execute(store.db);
  await migrate(store.db, all);
  return store;
};
