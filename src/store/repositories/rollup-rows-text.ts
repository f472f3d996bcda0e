import { rollupColumns } from "../../domain/metrics/rollup-totals.js";
import type { RollupRow } from "../../domain/metrics/ticket-rollup-rows.js";
import { copyValue } from "./ticket-copy.js";

/**
 * Rollup rows as the text a statement loads them from: COPY text on PGlite, a JSON document on
 * PostgreSQL (as the tickets are staged, ticket-copy.ts). Made where the rows are added up (a
 * worker thread during an import), so that a string crosses back, not objects.
 */
export type RollupTextFormat = "copy" | "json";
export interface RollupRowsText {
  format: RollupTextFormat;
  /** One string per statement, of up to ROWS_PER_CHUNK rows. */
  chunks: string[];
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
export const rollupKeyColumns = [
  "grain",
  "period_start",
  "type",
  "priority",
  "service_id",
  "business_unit_id",
  "assignment_group",
  "channel",
];
export const rollupSumColumns = rollupColumns.map(snake);
export const rollupDurationColumns = ["resolve_durations", "resolve_service_durations", "fulfil_durations"];
export const rollupTextColumns = [...rollupKeyColumns, ...rollupSumColumns, ...rollupDurationColumns];
/** Rows per statement: a chunk's COPY text or JSON stays a few megabytes. */
const ROWS_PER_CHUNK = 20_000;

export const rollupRowsText = (rows: readonly RollupRow[], format: RollupTextFormat): RollupRowsText => {
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    const chunk = rows.slice(i, i + ROWS_PER_CHUNK);
    chunks.push(format === "copy" ? chunk.map(copyLine).join("") : JSON.stringify(chunk.map(jsonRow)));
  }
  return { format, chunks };
};

/** A row's values in `columns` order; duration entries in array literal form, which COPY and JSON both take. */
const valuesOf = (r: RollupRow): unknown[] => [
  r.grain,
  r.periodStart,
  r.type,
  r.priority,
  r.serviceId,
  r.businessUnitId,
  r.assignmentGroup,
  r.channel,
  ...rollupColumns.map((c) => r.sums[c]),
  `{${r.resolveDurations.join(",")}}`,
  `{${r.resolveServiceDurations.join(",")}}`,
  `{${r.fulfilDurations.join(",")}}`,
];
const copyLine = (r: RollupRow): string => `${valuesOf(r).map(copyValue).join("\t")}\n`;
const jsonRow = (r: RollupRow): Record<string, unknown> => {
  const values = valuesOf(r);
  return Object.fromEntries(rollupTextColumns.map((c, i) => [c, values[i]]));
};
