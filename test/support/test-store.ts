import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "../../src/store/migrate.js";
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
      await dropper.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await dropper.end();
    },
  };
};
