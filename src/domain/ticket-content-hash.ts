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
  const shape = shapeOf(Object.keys(object));
  let out = "{";
  let first = true;
  for (let i = 0; i < shape.sorted.length; i++) {
    const item = object[shape.sorted[i] as string];
    if (item === undefined) continue;
    out += (first ? "" : ",") + shape.prefixes[i] + canonical(item);
    first = false;
  }
  return `${out}}`;
};

/** An object's keys, sorted, each with its `"key":` text. */
interface Shape {
  keys: string[];
  sorted: string[];
  prefixes: string[];
}

/**
 * The few object shapes of an import (the record, its source fields, an SLA) repeat on every row:
 * their sorted keys are remembered rather than sorted and quoted again for each object. Comparing
 * a key list to a remembered one costs far less than sorting it.
 */
const shapes: Shape[] = [];
const MAX_SHAPES = 16;

const sameKeys = (a: string[], b: string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const shapeOf = (keys: string[]): Shape => {
  for (const shape of shapes) if (sameKeys(shape.keys, keys)) return shape;
  // The default sort compares UTF-16 code units, as `<` on strings does.
  const sorted = [...keys].sort();
  const shape = { keys, sorted, prefixes: sorted.map((key) => `${JSON.stringify(key)}:`) };
  if (shapes.length >= MAX_SHAPES) shapes.pop();
  shapes.unshift(shape);
  return shape;
};

/**
 * What a re-import compares to decide "unchanged": a hash of the whole normalised record
 * (source fields included), independent of key order.
 */
export const ticketContentHash = (record: TicketRecord): string =>
  createHash("sha256").update(canonical(record)).digest("base64url");
