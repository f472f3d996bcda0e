import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store } from "../src/store/open-store.js";

/** The PostgreSQL server to bench against, if any. */
export const benchServerUrl = (): string | undefined =>
  process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;

/**
 * Runs `use` on a store over a new database on the server, and drops the database afterwards,
 * whatever happens. Waits for the pool's connections to be gone first: dropping with FORCE under
 * a connection that is still closing makes the pool throw from nowhere.
 */
export const withThrowawayDatabase = async (
  serverUrl: string,
  use: (store: Store, label: string) => Promise<void>,
): Promise<void> => {
  const name = `tandem_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const store = await openStore({ kind: "postgres", connectionString: url.toString() });
    try {
      await use(store, `PostgreSQL (${url.host}, throwaway database ${name})`);
    } finally {
      await store.close();
    }
    for (let i = 0; i < 40; i++) {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};
