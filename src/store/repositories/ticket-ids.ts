import { createHash } from "node:crypto";

/**
 * The namespace of Tandem's ticket ids (RFC 9562 name-based UUIDs). Fixed forever: changing it
 * would give every re-imported ticket a new id.
 */
export const ticketIdNamespace = "5b1e3a3c-7f0e-4c55-9a4b-2f6d1e8c7a10";

/** A name-based (version 5, SHA-1) UUID of `name` in `namespace`, as RFC 9562 §5.5 defines it. */
export const nameBasedUuid = (namespace: string, name: string): string => {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * A ticket's id, derived from its upsert key (source system + external id): the same ticket gets
 * the same id in every store and on every import, so a distributed table (Citus) can be keyed and
 * routed by it without a lookup. The NUL separator keeps ("a", "b:c") apart from ("a:b", "c").
 */
export const ticketIdOf = (sourceSystem: string, externalId: string): string =>
  nameBasedUuid(ticketIdNamespace, `${sourceSystem}\u0000${externalId}`);
