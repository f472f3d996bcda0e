import { open } from "node:fs/promises";
import { extname } from "node:path";
import { csvTable } from "./csv-rows.js";
import { decodedChunks } from "./decoded-text.js";
import { inputError } from "./input-error.js";
import { jsonRecordStream } from "./json-stream.js";
import type { TimeSettings } from "./local-time.js";
import { DuplicateGuard, readRow, rejected } from "./row-results.js";
import { checkedServiceNowTicket } from "./servicenow-ticket.js";
import type { ReadOptions, ReadResult, TicketReader } from "./ticket-reader.js";

/** Whether the export is JSON: by extension, else by its first non-blank character. */
export const looksLikeJson = async (file: string): Promise<boolean> => {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") return true;
  if (extension === ".csv") return false;
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const start = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart();
    return start.startsWith("{") || start.startsWith("[");
  } finally {
    await handle.close();
  }
};

/** The Table API answers with display_value=all as { value, display_value }, references as { value, link }. */
const textOf = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const object = value as { display_value?: unknown; value?: unknown };
    return textOf(object.display_value ?? object.value);
  }
  return String(value);
};

const flatten = (record: unknown): Record<string, string> => {
  const row: Record<string, string> = {};
  if (record && typeof record === "object") {
    for (const [key, value] of Object.entries(record)) row[key] = textOf(value);
  }
  return row;
};

const requiredColumns = (header: readonly string[]): string | undefined => {
  if (!header.includes("number")) return "number";
  if (!header.includes("opened_at")) return "opened_at";
  if (!header.includes("state") && !header.includes("incident_state")) return "state (or incident_state)";
  return undefined;
};

async function* readCsv(file: string, time: TimeSettings, options: ReadOptions): AsyncGenerator<ReadResult> {
  const table = await csvTable(file, decodedChunks(file));
  const missing = requiredColumns(table.header);
  if (missing) throw inputError(file, `missing required column "${missing}" in the header`, table.headerLine);
  const guard = new DuplicateGuard(options);
  const idField = table.header.includes("sys_id") ? "sys_id" : "number";
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      yield rejected(item.line, item.message, item.raw);
      continue;
    }
    const result = readRow(item.line, item.fields, table.columnOf, () =>
      checkedServiceNowTicket(item.fields, time),
    );
    yield guard.check(result, item.fields, idField, table.columnOf);
  }
}

async function* readJson(file: string, time: TimeSettings, options: ReadOptions): AsyncGenerator<ReadResult> {
  const { records, outline } = jsonRecordStream(
    decodedChunks(file),
    file,
    (path) =>
      path.length === 2 && (path[0] === "records" || path[0] === "result") && typeof path[1] === "number",
  );
  const notAnExport = () =>
    inputError(file, 'expected a ServiceNow export: an object with a "records" or "result" array', 1);
  const guard = new DuplicateGuard(options);
  const noColumn = (): undefined => undefined;
  for await (const record of records) {
    const row = flatten(record.value);
    const missing = requiredColumns(Object.keys(row));
    if (missing) {
      yield rejected(record.line, `missing required field "${missing}"`, row, missing);
      continue;
    }
    const result = readRow(record.line, row, noColumn, () => checkedServiceNowTicket(row, time));
    yield guard.check(result, row, "sys_id" in row ? "sys_id" : "number", noColumn);
  }
  // Read as a stream, the document's shape is known only at its end (the import then writes nothing).
  if (outline.root !== "object" || !(outline.arrays.has("records") || outline.arrays.has("result"))) {
    throw notAnExport();
  }
}

/** ServiceNow table exports (incident, sc_req_item, change_request, problem) as CSV or JSON. */
export const serviceNowTableReader = (file: string, time: TimeSettings, json: boolean): TicketReader => ({
  read: (options = {}) => (json ? readJson(file, time, options) : readCsv(file, time, options)),
});
