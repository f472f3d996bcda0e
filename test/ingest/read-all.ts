import { openTicketReader } from "../../src/ingest/open-ticket-reader.js";
import type {
  OpenTicketReaderOptions,
  ReadResult,
  ReadTicket,
  RejectedRow,
} from "../../src/ingest/ticket-reader.js";

export const fixture = (name: string): string => `test/fixtures/tickets/${name}`;

/** Every result of a reader, split into tickets (by number) and rejections (in file order). */
export const readAll = async (
  options: OpenTicketReaderOptions,
): Promise<{ results: ReadResult[]; tickets: Map<string, ReadTicket>; rejected: RejectedRow[] }> => {
  const reader = await openTicketReader(options);
  const results: ReadResult[] = [];
  for await (const result of reader.read()) results.push(result);
  const tickets = new Map<string, ReadTicket>();
  const rejected: RejectedRow[] = [];
  for (const result of results) {
    if (result.kind === "ticket") tickets.set(result.record.number, result);
    else rejected.push(result);
  }
  return { results, tickets, rejected };
};

/** The error a promise rejects with, for assertions on its message and issues. */
export const failure = async (
  promise: Promise<unknown>,
): Promise<Error & { code?: string; issues?: unknown }> => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a failure");
};
