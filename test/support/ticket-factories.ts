import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import type { ReadResult, TicketReader } from "../../src/ingest/ticket-reader.js";

let sequence = 0;

/** A valid incident with a unique external id; tests override only what they are about. */
export const makeTicketRecord = (o: Partial<TicketRecord> = {}): TicketRecord => {
  const n = ++sequence;
  return {
    sourceSystem: "servicenow",
    externalId: `sys-${n}`,
    type: "incident",
    number: `INC${String(n).padStart(7, "0")}`,
    title: `Ticket ${n}`,
    state: "resolved",
    stateRaw: "Resolved",
    priority: 3,
    priorityRaw: "3 - Moderate",
    impact: 2,
    urgency: 2,
    openedAt: "2026-01-10T08:00:00Z",
    acknowledgedAt: null,
    resolvedAt: "2026-01-10T12:00:00Z",
    closedAt: null,
    updatedAt: null,
    assignmentGroup: null,
    assignee: null,
    requester: null,
    requesterDepartment: null,
    configurationItem: null,
    businessService: null,
    components: [],
    requestType: null,
    category: null,
    subcategory: null,
    channel: null,
    reassignmentCount: 0,
    reopenCount: 0,
    slas: [],
    causedByChange: null,
    relatedProblem: null,
    closeCode: null,
    plannedStartAt: null,
    plannedEndAt: null,
    changeOutcome: null,
    risk: null,
    majorIncident: false,
    sourceFields: { number: `INC${String(n).padStart(7, "0")}` },
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
