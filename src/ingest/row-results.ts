import type { TicketRecord } from "../domain/schemas/ticket.js";
import { RowProblem } from "./row-problem.js";
import type { ReadResult, RejectedRow } from "./ticket-reader.js";

export const rejected = (
  line: number,
  message: string,
  raw: Record<string, string> | string,
  field?: string,
  column?: number,
): RejectedRow => ({
  kind: "rejected",
  at: { line, ...(column === undefined ? {} : { column }), ...(field === undefined ? {} : { field }) },
  message: `line ${line}${column === undefined ? "" : `, column ${column}`}: ${message}`,
  raw,
});

/** Runs a row builder; a RowProblem becomes a RejectedRow at that line (and column, when known). */
export const readRow = (
  line: number,
  raw: Record<string, string> | string,
  columnOf: (field: string) => number | undefined,
  build: () => TicketRecord,
): ReadResult => {
  try {
    return { kind: "ticket", at: { line }, record: build() };
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    const column = error.field === undefined ? undefined : columnOf(error.field);
    return rejected(line, error.message, raw, error.field, column);
  }
};

/** Remembers the line of each externalId so that a second row with the same id is rejected. */
export class DuplicateGuard {
  readonly #firstLine = new Map<string, number>();

  /** The result itself, or a rejection naming the line of the first row with the same id. */
  check(
    result: ReadResult,
    raw: Record<string, string> | string,
    field: string,
    columnOf: (field: string) => number | undefined,
  ): ReadResult {
    if (result.kind !== "ticket") return result;
    const id = result.record.externalId;
    const first = this.#firstLine.get(id);
    if (first === undefined) {
      this.#firstLine.set(id, result.at.line);
      return result;
    }
    return rejected(
      result.at.line,
      `${field}: duplicate id "${id}", already read on line ${first}`,
      raw,
      field,
      columnOf(field),
    );
  }
}
