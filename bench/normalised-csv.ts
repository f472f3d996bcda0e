import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { ticketContentHash } from "../src/domain/ticket-content-hash.js";
import { openTicketReader } from "../src/ingest/open-ticket-reader.js";
import { ticketRow } from "../src/store/repositories/ticket-rows.js";

/** COPY's CSV: unquoted empty is NULL, so every text is quoted to keep "" apart from NULL. */
const csvValue = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return `"${JSON.stringify(value).replaceAll('"', '""')}"`;
  return `"${String(value).replaceAll('"', '""')}"`;
};

export interface NormalisedParts {
  /** The ticket table's columns, in the files' order. */
  columns: string[];
  files: string[];
  rows: number;
}

/**
 * The rows the import would write for the export, as CSV files for COPY (one per `partRows`
 * rows, so that PGlite, which takes COPY input as one in-memory blob, never holds the whole
 * file). Written once, before anything is timed, and shared by both backends.
 */
export const writeNormalisedParts = async (
  exportFile: string,
  dir: string,
  partRows: number,
): Promise<NormalisedParts> => {
  const reader = await openTicketReader({ format: "servicenow", file: exportFile });
  const files: string[] = [];
  let columns: string[] = [];
  let out: WriteStream | undefined;
  let rows = 0;
  let chunk = "";
  const flush = async () => {
    if (out && !out.write(chunk)) await once(out, "drain");
    chunk = "";
  };
  const close = async () => {
    await flush();
    if (out) {
      out.end();
      await once(out, "finish");
    }
  };
  for await (const item of reader.read()) {
    if (item.kind !== "ticket") throw new Error(`the generated export has a bad row: ${item.message}`);
    const row = ticketRow(
      item.record,
      { id: randomUUID(), importRunId: null },
      { serviceId: null, businessUnitId: null },
      ticketContentHash(item.record),
    );
    // created_at is left to its default, as the import does for a new ticket.
    delete row.created_at;
    if (rows === 0) columns = Object.keys(row);
    if (rows % partRows === 0) {
      await close();
      const file = join(dir, `normalised-${files.length}.csv`);
      files.push(file);
      out = createWriteStream(file, { mode: 0o644 });
    }
    chunk += `${Object.values(row).map(csvValue).join(",")}\n`;
    if (chunk.length > 1 << 20) await flush();
    rows += 1;
  }
  await close();
  return { columns, files, rows };
};
