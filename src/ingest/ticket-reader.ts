import type { TicketFormat, TicketRecord } from "../domain/schemas/ticket.js";

/** Where in the input a row came from, for error messages (1-based). */
export interface SourcePosition {
  line: number;
  column?: number;
  /** The source's field name, when the problem is in one field. */
  field?: string;
}

/** A row that could not be read, with what was expected; the import reports it and goes on reading. */
export interface RejectedRow {
  kind: "rejected";
  at: SourcePosition;
  message: string;
  /** The raw row, for the .rejects.csv file. */
  raw: Record<string, string> | string;
}

export interface ReadTicket {
  kind: "ticket";
  at: SourcePosition;
  record: TicketRecord;
  /**
   * Set when the reader was asked to leave the duplicate-id check to its consumer (see ReadOptions):
   * the record's externalId must be unique within the input, and a repeat is rejected as this says.
   */
  unique?: UniqueId;
}

/** How to reject a row whose id was already read: the source field and column of the id, the raw row. */
export interface UniqueId {
  field: string;
  column?: number;
  raw: Record<string, string> | string;
}

export interface ReadOptions {
  /**
   * File readers refuse a second row with an id already read. By default they remember every id
   * (memory grows with the file); with this set they mark each ticket with `unique` instead, and
   * the consumer checks (the import does so in the store, so that memory stays flat).
   */
  deferDuplicateCheck?: boolean;
}

export type ReadResult = ReadTicket | RejectedRow;

/**
 * A ticket source (port): a file export or a live API, read as a stream so that memory stays flat
 * whatever the size. A problem with the whole input (wrong encoding, missing required column,
 * empty file) is thrown as a TandemError("validation") naming line and column; a problem with
 * one row is yielded as a RejectedRow.
 */
export interface TicketReader {
  read(options?: ReadOptions): AsyncIterable<ReadResult>;
}

export { type TicketFormat, ticketFormats } from "../domain/schemas/ticket.js";

export interface OpenTicketReaderOptions {
  format: TicketFormat;
  /** The export file. */
  file: string;
  /** For "csv" (required) and optionally the others: a YAML or JSON mapping file. */
  mappingFile?: string;
  /** IANA zone in which the export's local times are written (ServiceNow exports, CSV); default UTC. */
  timeZone?: string;
  /** Date format of the export (Luxon tokens, e.g. "dd/MM/yyyy HH:mm"); default: ISO or "yyyy-MM-dd HH:mm:ss". */
  dateFormat?: string;
}
