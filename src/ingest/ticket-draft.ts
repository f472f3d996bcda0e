import type { SourceSystem, TicketRecord } from "../domain/schemas/ticket.js";
import { ticketRecord } from "../domain/schemas/ticket.js";
import { RowProblem } from "./row-problem.js";

/** A ticket with every optional fact empty; readers fill in what their source knows. */
export const blankTicket = (sourceSystem: SourceSystem): TicketRecord => ({
  sourceSystem,
  externalId: "",
  type: "incident",
  number: "",
  title: "",
  state: "open",
  stateRaw: "",
  priority: null,
  priorityRaw: null,
  impact: null,
  urgency: null,
  openedAt: "",
  acknowledgedAt: null,
  resolvedAt: null,
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
  sourceFields: {},
});

/**
 * The records checkedTicket has passed: the import and the preview check a reader's records again
 * (a reader is a port), except these, which were checked a moment ago by the same schema. Checking
 * twice was a tenth of the import's time. A WeakSet, so that it holds no record alive.
 */
const checkedRecords = new WeakSet<TicketRecord>();

/** Whether the record came out of checkedTicket (and so needs no second check). */
export const isCheckedTicket = (record: TicketRecord): boolean => checkedRecords.has(record);

/** Which source field fed each ticket field, so that a schema problem names what the user can fix. */
export type SourceFieldNames = Partial<Record<keyof TicketRecord, string>>;

/**
 * Checks the built ticket against the contract (lengths, ranges, resolved after opened); the first
 * problem becomes a RowProblem naming the source field it came from.
 */
export const checkedTicket = (draft: TicketRecord, names: SourceFieldNames): TicketRecord => {
  const result = ticketRecord.safeParse(draft);
  if (result.success) {
    checkedRecords.add(result.data);
    return result.data;
  }
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  const field = typeof key === "string" ? (names[key as keyof TicketRecord] ?? key) : undefined;
  const message = issue?.message ?? "invalid ticket";
  if (field === names.resolvedAt || field === names.closedAt) {
    throw new RowProblem(field, `${field}: ${message} (${names.openedAt ?? "openedAt"} ${draft.openedAt})`);
  }
  throw new RowProblem(field, `${field ?? "row"}: ${message}`);
};
