import type { FastifyReply } from "fastify";

/**
 * One CSV cell: every cell quoted; a leading =, +, - or @ is neutralised so that spreadsheets do
 * not run it as a formula.
 */
export const csvCell = (value: unknown): string => {
  const text =
    value === null || value === undefined
      ? ""
      : typeof value === "string"
        ? value
        : typeof value === "number"
          ? String(value)
          : JSON.stringify(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** A table as an RFC 4180 CSV download. */
export const sendCsv = <R extends object>(
  reply: FastifyReply,
  fileName: string,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
) =>
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .send(
      `${[columns.join(","), ...rows.map((row) => columns.map((c) => csvCell((row as Record<string, unknown>)[c])).join(","))].join("\r\n")}\r\n`,
    );
