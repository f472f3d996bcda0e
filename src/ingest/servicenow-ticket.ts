import type { TicketRecord } from "../domain/schemas/ticket.js";
import { parseInstant, type TimeSettings } from "./local-time.js";
import { RowProblem } from "./row-problem.js";
import {
  present,
  priorityFromMatrix,
  serviceNowBoolean,
  serviceNowCount,
  serviceNowLevel,
  serviceNowState,
  serviceNowType,
} from "./servicenow-fields.js";
import { blankTicket, checkedTicket, type SourceFieldNames } from "./ticket-draft.js";

const changeOutcomeOf = (closeCode: string | null): TicketRecord["changeOutcome"] => {
  const code = closeCode?.toLowerCase() ?? "";
  if (code.includes("backed out") || code.includes("backout")) return "backed_out";
  if (code.startsWith("unsuccessful") || code.includes("fail")) return "failed";
  if (code.startsWith("successful")) return "successful";
  return null;
};

/** The field that holds the state: `state`, or `incident_state` in older and event-log exports. */
export const stateFieldOf = (row: Record<string, string>): string =>
  present(row.state) !== null || !("incident_state" in row) ? "state" : "incident_state";

/**
 * A ticket from one ServiceNow row (field name → text, display values or raw codes alike).
 * Shared by the table and the event-log readers; the latter then overrides the history facts.
 */
export const serviceNowTicket = (row: Record<string, string>, time: TimeSettings): TicketRecord => {
  const get = (field: string): string | null => present(row[field]);
  const number = get("number");
  if (number === null)
    throw new RowProblem("number", "number: missing; expected a ticket number such as INC0010023");
  const stateField = stateFieldOf(row);
  const stateRaw = get(stateField);
  const impact = serviceNowLevel(get("impact"), "impact", "impact");
  const urgency = serviceNowLevel(get("urgency"), "urgency", "impact");
  const priorityRaw = get("priority");
  const closeCode = get("close_code") ?? get("closed_code");
  const updatedField = "sys_updated_on" in row ? "sys_updated_on" : "sys_updated_at";
  const openedAt = parseInstant(get("opened_at"), "opened_at", time);
  if (openedAt === null)
    throw new RowProblem("opened_at", "opened_at: missing; expected the date the ticket was opened");
  const type = serviceNowType(get("sys_class_name"), number);
  const madeSla = serviceNowBoolean(get("made_sla"), "made_sla");
  const draft: TicketRecord = {
    ...blankTicket("servicenow"),
    externalId: get("sys_id") ?? number,
    type,
    number,
    title: get("short_description") ?? "",
    state: serviceNowState(stateRaw, stateField),
    stateRaw: stateRaw ?? "",
    priority: serviceNowLevel(priorityRaw, "priority", "priority") ?? priorityFromMatrix(impact, urgency),
    priorityRaw,
    impact,
    urgency,
    openedAt,
    resolvedAt: parseInstant(get("resolved_at"), "resolved_at", time),
    closedAt: parseInstant(get("closed_at"), "closed_at", time),
    updatedAt: parseInstant(get(updatedField), updatedField, time),
    assignmentGroup: get("assignment_group"),
    assignee: get("assigned_to"),
    requester: get("caller_id") ?? get("requested_for") ?? get("opened_by"),
    requesterDepartment: get("caller_id.department") ?? get("u_department"),
    configurationItem: get("cmdb_ci"),
    businessService: get("business_service"),
    category: get("category"),
    subcategory: get("subcategory"),
    channel: get("contact_type"),
    reassignmentCount: serviceNowCount(get("reassignment_count"), "reassignment_count"),
    reopenCount: serviceNowCount(get("reopen_count"), "reopen_count"),
    // The tool's own verdict, met or breached, wins over one computed from targets (reference §1).
    slas:
      madeSla === null
        ? []
        : [
            {
              name: "made_sla",
              targetSeconds: null,
              elapsedSeconds: null,
              breached: !madeSla,
              origin: "source",
            },
          ],
    causedByChange: get("caused_by"),
    relatedProblem: get("problem_id"),
    closeCode,
    plannedStartAt: type === "change" ? parseInstant(get("start_date"), "start_date", time) : null,
    plannedEndAt: type === "change" ? parseInstant(get("end_date"), "end_date", time) : null,
    changeOutcome: type === "change" ? changeOutcomeOf(closeCode) : null,
    risk: get("risk"),
    majorIncident: get("major_incident_state")?.toLowerCase() === "accepted",
    sourceFields: { ...row },
  };
  return draft;
};

export const serviceNowFieldNames = (row: Record<string, string>): SourceFieldNames => ({
  externalId: "sys_id" in row ? "sys_id" : "number",
  number: "number",
  title: "short_description",
  stateRaw: stateFieldOf(row),
  openedAt: "opened_at",
  resolvedAt: "resolved_at",
  closedAt: "closed_at",
  updatedAt: "sys_updated_on" in row ? "sys_updated_on" : "sys_updated_at",
  assignmentGroup: "assignment_group",
  assignee: "assigned_to",
  requester: "caller_id",
  configurationItem: "cmdb_ci",
  businessService: "business_service",
  category: "category",
  subcategory: "subcategory",
  channel: "contact_type",
  closeCode: "close_code",
  causedByChange: "caused_by",
  relatedProblem: "problem_id",
});

export const checkedServiceNowTicket = (row: Record<string, string>, time: TimeSettings): TicketRecord =>
  checkedTicket(serviceNowTicket(row, time), serviceNowFieldNames(row));
