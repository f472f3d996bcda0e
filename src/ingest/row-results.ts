import type { TicketRecord } from "../domain/schemas/ticket.js";
import { RowProblem } from "./row-problem.js";
import type { ReadOptions, ReadResult, RejectedRow } from "./ticket-reader.js";

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

/** The rejection of a row whose id was first read on another line. */
export const duplicateId = (
  line: number,
  id: string,
  firstLine: number,
  field: string,
  column: number | undefined,
  raw: Record<string, string> | string,
): RejectedRow =>
  rejected(line, `${field}: duplicate id "${id}", already read on line ${firstLine}`, raw, field, column);

/**
 * Remembers the line of each externalId so that a second row with the same id is rejected. With
 * ReadOptions.deferDuplicateCheck it remembers nothing and marks each ticket for its consumer.
 */
export class DuplicateGuard {
  readonly #firstLine = new Map<string, number>();
  readonly #deferred: boolean;

  constructor(options: ReadOptions = {}) {
    this.#deferred = options.deferDuplicateCheck === true;
  }

  /** The result itself, or a rejection naming the line of the first row with the same id. */
  check(
    result: ReadResult,
    raw: Record<string, string> | string,
    field: string,
    columnOf: (field: string) => number | undefined,
  ): ReadResult {
    if (result.kind !== "ticket") return result;
    if (this.#deferred) {
      const column = columnOf(field);
      return { ...result, unique: { field, raw, ...(column === undefined ? {} : { column }) } };
    }
    const id = result.record.externalId;
    const first = this.#firstLine.get(id);
    if (first === undefined) {
      this.#firstLine.set(id, result.at.line);
      return result;
    }
    return duplicateId(result.at.line, id, first, field, columnOf(field), raw);
  }
}
