import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../domain/errors.js";

/** Sort keys a list accepts; a leading "-" sorts descending. */
export interface SortSpec {
  column: string;
  direction: "asc" | "desc";
}

export const parseSort = (
  sort: string | undefined,
  allowed: readonly string[],
  fallback: string,
): SortSpec => {
  const raw = sort ?? fallback;
  const direction = raw.startsWith("-") ? "desc" : "asc";
  const column = raw.replace(/^-/, "");
  if (!allowed.includes(column)) {
    throw new TandemError("validation", `cannot sort by ${column}`, {
      issues: [
        { path: "sort", message: `expected one of ${allowed.flatMap((a) => [a, `-${a}`]).join(", ")}` },
      ],
    });
  }
  return { column, direction };
};

/** A cursor is the sort value and id of the last item seen, so pages stay stable under inserts. */
export const encodeCursor = (value: unknown, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString("base64url");

export const decodeCursor = (cursor: string): { value: unknown; id: string } => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string") {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new TandemError("validation", "invalid cursor", {
    issues: [{ path: "cursor", message: "expected a cursor returned by a previous page" }],
  });
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cursor whose sort value is an instant and id a UUID, checked before it reaches SQL casts:
 * a forged cursor is the client's mistake (422), not a failed cast (500).
 */
export const decodeInstantCursor = (cursor: string): { value: string; id: string } => {
  const { value, id } = decodeCursor(cursor);
  if (typeof value === "string" && !Number.isNaN(Date.parse(value)) && UUID.test(id)) return { value, id };
  throw new TandemError("validation", "invalid cursor", {
    issues: [{ path: "cursor", message: "expected a cursor returned by a previous page" }],
  });
};

/** `(column, id) < (cursor's instant, cursor's id)`: the rows after the cursor in a newest-first list. */
export const beforeInstantCursor = (column: string, cursor: string): RawBuilder<boolean> => {
  const { value, id } = decodeInstantCursor(cursor);
  return sql<boolean>`(${sql.ref(column)}, id) < (${value}::timestamptz, ${id}::uuid)`;
};

/** A page cut from `limit + 1` rows read in list order, with the cursor for the next one. */
export const pageOfRows = <R extends { id: string }>(
  rows: R[],
  limit: number,
  sortValueOf: (row: R) => unknown,
): { page: R[]; nextCursor: string | null } => {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { page, nextCursor: more && last ? encodeCursor(sortValueOf(last), last.id) : null };
};
