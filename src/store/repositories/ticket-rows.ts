import type { RollupTicket } from "../../domain/metrics/ticket-rollup-rows.js";
import type { TicketRecord } from "../../domain/schemas/ticket.js";
import type { TicketMatch } from "../../domain/ticket-matching.js";
import type { Row } from "../database.js";

/** A stored ticket: the normalised record plus what Tandem added to it. */
export type StoredTicket = TicketRecord & {
  id: string;
  serviceId: string | null;
  businessUnitId: string | null;
  importRunId: string | null;
};

/**
 * A ticket row as the import sends it: one JSON object per row, keyed by column name, read by
 * json_populate_recordset (see TicketRepository.writeBatch). JSON columns carry their values as
 * JSON, not as text. Without created_at, the insert sets now().
 */
export interface TicketJsonRow {
  [column: string]: unknown;
}

export const ticketRow = (
  r: TicketRecord,
  ids: { id: string; importRunId: string | null; createdAt?: string },
  match: TicketMatch,
  contentHash: string,
): TicketJsonRow => ({
  id: ids.id,
  source_system: r.sourceSystem,
  external_id: r.externalId,
  type: r.type,
  number: r.number,
  title: r.title,
  state: r.state,
  state_raw: r.stateRaw,
  priority: r.priority,
  priority_raw: r.priorityRaw,
  impact: r.impact,
  urgency: r.urgency,
  opened_at: r.openedAt,
  acknowledged_at: r.acknowledgedAt,
  resolved_at: r.resolvedAt,
  closed_at: r.closedAt,
  source_updated_at: r.updatedAt,
  assignment_group: r.assignmentGroup,
  assignee: r.assignee,
  requester: r.requester,
  requester_department: r.requesterDepartment,
  configuration_item: r.configurationItem,
  business_service: r.businessService,
  components: r.components,
  request_type: r.requestType,
  category: r.category,
  subcategory: r.subcategory,
  channel: r.channel,
  reassignment_count: r.reassignmentCount,
  reopen_count: r.reopenCount,
  slas: r.slas,
  caused_by_change: r.causedByChange,
  related_problem: r.relatedProblem,
  close_code: r.closeCode,
  planned_start_at: r.plannedStartAt,
  planned_end_at: r.plannedEndAt,
  change_outcome: r.changeOutcome,
  risk: r.risk,
  major_incident: r.majorIncident,
  source_fields: r.sourceFields,
  service_id: match.serviceId,
  business_unit_id: match.businessUnitId,
  content_hash: contentHash,
  import_run_id: ids.importRunId,
  created_at: ids.createdAt ?? null,
});

/** What a record, as ticketRow writes it, contributes to the rollups. */
export const rollupTicket = (r: TicketRecord, match: TicketMatch): RollupTicket => ({
  type: r.type,
  priority: r.priority,
  serviceId: match.serviceId,
  businessUnitId: match.businessUnitId,
  assignmentGroup: r.assignmentGroup,
  channel: r.channel,
  state: r.state,
  openedAt: r.openedAt,
  acknowledgedAt: r.acknowledgedAt,
  resolvedAt: r.resolvedAt,
  closedAt: r.closedAt,
  updatedAt: r.updatedAt,
  reopenCount: r.reopenCount,
  reassignmentCount: r.reassignmentCount,
  causedByChange: r.causedByChange,
  changeOutcome: r.changeOutcome,
  slas: r.slas,
});

/** The columns of ticketRow, in its order. */
export const ticketRowColumns = Object.keys(
  ticketRow(
    { ...({} as TicketRecord) },
    { id: "", importRunId: null },
    { serviceId: null, businessUnitId: null },
    "",
  ),
);

/** The row back as a record; the columns were written from a checked record, so the casts hold. */
export const storedTicket = (row: Row<"ticket">): StoredTicket => ({
  id: row.id,
  sourceSystem: row.sourceSystem as StoredTicket["sourceSystem"],
  externalId: row.externalId,
  type: row.type as StoredTicket["type"],
  number: row.number,
  title: row.title,
  state: row.state as StoredTicket["state"],
  stateRaw: row.stateRaw,
  priority: row.priority,
  priorityRaw: row.priorityRaw,
  impact: row.impact,
  urgency: row.urgency,
  openedAt: row.openedAt,
  acknowledgedAt: row.acknowledgedAt,
  resolvedAt: row.resolvedAt,
  closedAt: row.closedAt,
  updatedAt: row.sourceUpdatedAt,
  assignmentGroup: row.assignmentGroup,
  assignee: row.assignee,
  requester: row.requester,
  requesterDepartment: row.requesterDepartment,
  configurationItem: row.configurationItem,
  businessService: row.businessService,
  components: row.components,
  requestType: row.requestType,
  category: row.category,
  subcategory: row.subcategory,
  channel: row.channel,
  reassignmentCount: row.reassignmentCount,
  reopenCount: row.reopenCount,
  slas: row.slas as StoredTicket["slas"],
  causedByChange: row.causedByChange,
  relatedProblem: row.relatedProblem,
  closeCode: row.closeCode,
  plannedStartAt: row.plannedStartAt,
  plannedEndAt: row.plannedEndAt,
  changeOutcome: row.changeOutcome as StoredTicket["changeOutcome"],
  risk: row.risk,
  majorIncident: row.majorIncident,
  sourceFields: row.sourceFields,
  serviceId: row.serviceId,
  businessUnitId: row.businessUnitId,
  importRunId: row.importRunId,
});
