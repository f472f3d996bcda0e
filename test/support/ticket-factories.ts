import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { blankTicket } from "../../src/ingest/ticket-draft.js";
import type { ReadResult, TicketReader } from "../../src/ingest/ticket-reader.js";

let sequence = 0;

/** A valid incident with a unique external id; tests override only what they are about. */
export const makeTicketRecord = (o: Partial<TicketRecord> = {}): TicketRecord => {
  const n = ++sequence;
  const number = `INC${String(n).padStart(7, "0")}`;
  return {
    ...blankTicket("servicenow"),
    externalId: `sys-${n}`,
    number,
    title: `Ticket ${n}`,
    state: "resolved",
    stateRaw: "Resolved",
    priority: 3,
    priorityRaw: "3 - Moderate",
    impact: 2,
    urgency: 2,
    openedAt: "2026-01-10T08:00:00Z",
    resolvedAt: "2026-01-10T12:00:00Z",
    sourceFields: { number },
    ...o,
  };
};

/** Read results for records, one per line from line 2 (line 1 is a header). */
export const asRead = (records: TicketRecord[]): ReadResult[] =>
  records.map((record, i) => ({ kind: "ticket", at: { line: i + 2 }, record }));

/** An in-memory TicketReader (the port makes it a legitimate test double); may throw after `failAfter` rows. */
export const arrayReader = (rows: ReadResult[], failAfter?: number): TicketReader => ({
  async *read() {
    for (const [i, row] of rows.entries()) {
      if (failAfter !== undefined && i === failAfter) throw new Error("the connection to the source dropped");
      yield row;
    }
  },
});
