import { z } from "zod";

/**
 * The normalised ticket (reference §2–4): what every reader produces, whatever the source.
 * Instants are ISO-8601 UTC strings; durations are integer seconds; the source's own values are
 * kept beside the normalised ones (`stateRaw`, `priorityRaw`, `sourceFields`) for traceability.
 */
export const ticketType = z.enum(["incident", "request", "change", "problem"]);
export type TicketType = z.infer<typeof ticketType>;

export const ticketState = z.enum(["new", "open", "on_hold", "resolved", "closed", "cancelled"]);
export type TicketState = z.infer<typeof ticketState>;

export const sourceSystem = z.enum(["servicenow", "jira", "csv"]);

/** The export formats Tandem reads (`tandem import --format`, the Imports page). */
export const ticketFormats = ["servicenow", "servicenow-log", "jira", "csv"] as const;
export type TicketFormat = (typeof ticketFormats)[number];
export type SourceSystem = z.infer<typeof sourceSystem>;

const instant = z.iso.datetime({ offset: false, error: "expected an ISO-8601 UTC instant" });
const level = z.number().int().min(1).max(5);

/** One SLA result on a ticket: from the source ("source") or worked out by Tandem ("computed"). */
export const ticketSla = z.object({
  name: z.string().min(1).max(200),
  targetSeconds: z.number().int().min(0).nullable(),
  elapsedSeconds: z.number().int().min(0).nullable(),
  breached: z.boolean().nullable(),
  origin: z.enum(["source", "computed"]),
});
export type TicketSla = z.infer<typeof ticketSla>;

export const changeOutcome = z.enum(["successful", "failed", "backed_out"]);

export const ticketRecord = z
  .object({
    sourceSystem,
    /** The source's stable id (sys_id, Jira issue id, or the mapped id column): the upsert key. */
    externalId: z.string().min(1).max(200),
    type: ticketType,
    number: z.string().min(1).max(100),
    title: z.string().max(1000),
    state: ticketState,
    stateRaw: z.string().max(200),
    priority: level.nullable(),
    priorityRaw: z.string().max(200).nullable(),
    impact: z.number().int().min(1).max(3).nullable(),
    urgency: z.number().int().min(1).max(3).nullable(),
    openedAt: instant,
    acknowledgedAt: instant.nullable(),
    resolvedAt: instant.nullable(),
    closedAt: instant.nullable(),
    updatedAt: instant.nullable(),
    assignmentGroup: z.string().max(200).nullable(),
    assignee: z.string().max(200).nullable(),
    requester: z.string().max(320).nullable(),
    /** As the source names it; matched to a business unit on import. */
    requesterDepartment: z.string().max(200).nullable(),
    /** What the source says the ticket is about; matched to a catalogue service on import. */
    configurationItem: z.string().max(200).nullable(),
    businessService: z.string().max(200).nullable(),
    components: z.array(z.string().max(200)).max(50),
    requestType: z.string().max(200).nullable(),
    category: z.string().max(200).nullable(),
    subcategory: z.string().max(200).nullable(),
    channel: z.string().max(100).nullable(),
    reassignmentCount: z.number().int().min(0),
    reopenCount: z.number().int().min(0),
    slas: z.array(ticketSla).max(20),
    causedByChange: z.string().max(100).nullable(),
    relatedProblem: z.string().max(100).nullable(),
    closeCode: z.string().max(200).nullable(),
    /** Changes only. */
    plannedStartAt: instant.nullable(),
    plannedEndAt: instant.nullable(),
    changeOutcome: changeOutcome.nullable(),
    risk: z.string().max(100).nullable(),
    /** Major incident: an outage of the matched service from openedAt to resolvedAt. */
    majorIncident: z.boolean(),
    /** The source row as read (field → text), kept for traceability. */
    sourceFields: z.record(z.string(), z.unknown()),
  })
  .refine((t) => !t.resolvedAt || t.resolvedAt >= t.openedAt, {
    message: "resolved before it was opened",
    path: ["resolvedAt"],
  })
  .refine((t) => !t.closedAt || t.closedAt >= t.openedAt, {
    message: "closed before it was opened",
    path: ["closedAt"],
  });
export type TicketRecord = z.infer<typeof ticketRecord>;

/** A stored ticket as the API returns it: the record plus what the import matched it to. */
export const storedTicketSchema = z.object({
  ...ticketRecord.shape,
  id: z.uuid(),
  serviceId: z.uuid().nullable(),
  businessUnitId: z.uuid().nullable(),
  importRunId: z.uuid().nullable(),
});

export const ticketListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  serviceId: z.uuid({ error: "expected a UUID" }).optional(),
  state: ticketState.optional(),
  type: ticketType.optional(),
  openedFrom: z.iso.datetime({ offset: true, error: "expected an ISO-8601 instant" }).optional(),
  openedTo: z.iso.datetime({ offset: true, error: "expected an ISO-8601 instant" }).optional(),
});
