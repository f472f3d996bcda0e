import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { TandemError } from "../domain/errors.js";
import type { Db } from "./database.js";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
const MIGRATION_NAME = /^\d{14}_[a-z0-9-]+\.sql$/;

export interface Migration {
  name: string;
  sql: string;
}

export const loadMigrations = async (dir = migrationsDir): Promise<Migration[]> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  for (const f of files) {
    if (!MIGRATION_NAME.test(f))
      throw new Error(`migration file ${f} must be named YYYYMMDDHHMMSS_kebab-name.sql`);
  }
  return Promise.all(files.map(async (name) => ({ name, sql: await readFile(`${dir}/${name}`, "utf8") })));
};

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the migrations the store has not seen, each in its own transaction. A store that
 * records a migration this code does not know was written by a newer Tandem: refuse it rather
 * than run old queries against a newer schema.
 */
export const migrate = async (db: Db, migrations?: Migration[]): Promise<MigrateResult> => {
  const known = migrations ?? (await loadMigrations());
  await sql`CREATE TABLE IF NOT EXISTS tandem_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  const done = new Set((await db.selectFrom("tandemMigration").select("name").execute()).map((r) => r.name));
  const knownNames = new Set(known.map((m) => m.name));
  const unknown = [...done].filter((n) => !knownNames.has(n)).sort();
  if (unknown.length > 0) {
    throw new TandemError(
      "store_too_new",
      `This store was migrated by a newer version of Tandem (it has ${unknown.join(", ")}); upgrade Tandem to open it.`,
      { items: unknown },
    );
  }
  const applied: string[] = [];
  for (const m of known) {
    if (done.has(m.name)) continue;
    await db.transaction().execute(async (tx) => {
      await sql.raw(m.sql).execute(tx);
      await tx.insertInto("tandemMigration").values({ name: m.name }).execute();
    });
    applied.push(m.name);
  }
  return { applied, alreadyApplied: done.size };
};
