import { sql } from "kysely";
import type { Db } from "../database.js";
import type { TicketJsonRow } from "./ticket-rows.js";

/**
 * Whether the store is PGlite, which reads COPY input from a blob (`COPY … FROM '/dev/blob'`).
 * There COPY into the staging table is about twice as fast as json_populate_recordset, whose
 * JSON parsing runs in WebAssembly; node-postgres has no COPY FROM STDIN without another package,
 * so PostgreSQL gets the JSON document (parsed natively, and while the next batch is read).
 */
export const copiesFromBlob = async (db: Db): Promise<boolean> => {
  const { rows } = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
  return rows[0]?.version.includes("PGlite") ?? false;
};

const special = /[\\\n\r\t]/g;
const escaped = (c: string): string =>
  c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t";

/** One value in COPY's text format: \N for NULL, JSON for objects, backslash escapes for the rest. */
export const copyValue = (value: unknown): string => {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(special, escaped);
};

/** Rows as COPY text (tab-separated, one line per row), columns in the given order. */
export const copyText = (rows: TicketJsonRow[], columns: string[]): string => {
  let out = "";
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      line += (i === 0 ? "" : "\t") + copyValue(row[columns[i] as string]);
    }
    out += `${line}\n`;
  }
  return out;
};
