import { ticketRecord } from "../domain/schemas/ticket.js";
import { isCheckedTicket } from "../ingest/ticket-draft.js";
import type { ReadResult, ReadTicket, RejectedRow } from "../ingest/ticket-reader.js";

/**
 * A reader is a port: its records are checked again against the ticket schema, not trusted. A
 * record that fails becomes a rejected row naming the first offending field. Shared by the import
 * and the preview so that a preview rejects exactly what the import would. A record that Tandem's
 * own readers checked with the same schema (checkedTicket) is not checked twice.
 */
export const checkReadResult = (item: ReadResult): ReadTicket | RejectedRow => {
  if (item.kind === "rejected") return item;
  if (isCheckedTicket(item.record)) return item;
  const parsed = ticketRecord.safeParse(item.record);
  if (parsed.success) return { ...item, record: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".");
  return {
    kind: "rejected",
    at: { ...item.at, ...(field ? { field } : {}) },
    message: issue?.message ?? "invalid ticket",
    raw: Object.fromEntries(Object.entries(item.record.sourceFields ?? {}).map(([k, v]) => [k, String(v)])),
  };
};
