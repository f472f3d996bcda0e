import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TicketRecord } from "./schemas/ticket.js";
import { ticketContentHash } from "./ticket-content-hash.js";

/** The plain definition: keys sorted at every level, undefined properties left out. */
const reference = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => reference(v) ?? "").join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
};
const referenceHash = (value: unknown) => createHash("sha256").update(reference(value)).digest("base64url");

const asRecord = (value: unknown) => value as TicketRecord;

describe("ticket content hash", () => {
  it("equals the hash of the sorted-key JSON, for any objects (shapes repeat, key orders vary)", () => {
    const keys = fc.constantFrom("a", "b", "number", "Zeta", "é", "a b", "10", "2", "sys_id");
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(keys, tie("node"), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(keys, tree, { maxKeys: 8 }), { minLength: 1, maxLength: 20 }),
        (objects) => {
          for (const object of objects)
            expect(ticketContentHash(asRecord(object))).toBe(referenceHash(object));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not depend on key order, and sees a changed value", () => {
    const one = { number: "INC1", sourceFields: { b: "2", a: "1" } };
    const same = { sourceFields: { a: "1", b: "2" }, number: "INC1" };
    expect(ticketContentHash(asRecord(one))).toBe(ticketContentHash(asRecord(same)));
    expect(ticketContentHash(asRecord(one))).not.toBe(
      ticketContentHash(asRecord({ ...one, sourceFields: { a: "1", b: "3" } })),
    );
  });
});
