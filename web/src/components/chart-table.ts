/** The table behind a chart: what ChartFrame shows beside it and offers as CSV. */
export interface ChartColumn {
  /** The row property this column shows. */
  key: string;
  label: string;
  /** Right-aligned; the CSV keeps the raw number, the screen formats it. */
  numeric?: boolean;
  /** How the screen shows a value (the CSV always has the raw value). */
  format?: (value: ChartCell) => string;
}

export type ChartCell = string | number | boolean | null | undefined;
export type ChartRow = Record<string, ChartCell>;

/** One CSV field: quoted when it holds a comma, quote, line break or leading/trailing space. */
const csvField = (value: ChartCell): string => {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A spreadsheet would run a cell starting with = + - @ as a formula; a leading quote stops that.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 CSV with a header row of the column labels and CRLF line ends. */
export const csvOf = (columns: ChartColumn[], rows: ChartRow[]): string =>
  [columns.map((c) => csvField(c.label)), ...rows.map((row) => columns.map((c) => csvField(row[c.key])))]
    .map((fields) => fields.join(","))
    .join("\r\n")
    .concat("\r\n");

/** A file name from a chart title: "SLA by service" → "sla-by-service.csv". */
export const csvFileName = (title: string): string =>
  `${
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "chart"
  }.csv`;
