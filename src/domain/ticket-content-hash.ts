import { createHash } from "node:crypto";
import type { TicketRecord } from "./schemas/ticket.js";

/**
 * JSON with object keys sorted, so that the same record always gives the same text. Built with
 * plain loops and string appends: it runs over every row of an import (the entries/filter/sort/map
 * version was a fifth of the import's time), and its output must not change, or every stored
 * ticket would look changed to the next import.
 */
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      // As Array.join does, an item that has no JSON text (undefined) leaves an empty slot.
      out += (i === 0 ? "" : ",") + (canonical(value[i]) ?? "");
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as `<` on strings does.
  const keys = Object.keys(object).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonical(item)}`;
    first = false;
  }
  return `${out}}`;
};

/**
 * What a re-import compares to decide "unchanged": a hash of the whole normalised record
 * (source fields included), independent of key order.
 */
export const ticketContentHash = (record: TicketRecord): string =>
  createHash("sha256").update(canonical(record)).digest("base64url");
