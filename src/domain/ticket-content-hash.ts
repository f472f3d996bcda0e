import { createHash } from "node:crypto";
import type { TicketRecord } from "./schemas/ticket.js";

/** JSON with object keys sorted, so that the same record always gives the same text. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

/**
 * What a re-import compares to decide "unchanged": a hash of the whole normalised record
 * (source fields included), independent of key order.
 */
export const ticketContentHash = (record: TicketRecord): string =>
  createHash("sha256").update(canonical(record)).digest("base64url");
