import { z } from "zod";

export const id = z.uuid({ error: "expected a UUID" });
export const name = z.string().trim().min(1, "must not be empty").max(200, "at most 200 characters");
export const description = z.string().max(4000, "at most 4000 characters");
/** Money is integer cents (DESIGN.md conventions). */
export const cents = z
  .number({ error: "expected a number of cents" })
  .int("expected whole cents")
  .min(0, "must not be negative")
  .max(Number.MAX_SAFE_INTEGER);
export const percent = z
  .number({ error: "expected a percentage" })
  .min(0, "at least 0")
  .max(100, "at most 100");
export const strength = z
  .number({ error: "expected a number from 0 to 1" })
  .min(0, "at least 0")
  .max(1, "at most 1");
export const isoDate = z.iso.date({ error: "expected a date as YYYY-MM-DD" });
export const count = z.number({ error: "expected a whole number" }).int("expected a whole number").min(0);

/** Fields every stored entity carries. `version` backs the ETag / If-Match protocol. */
export const entityMeta = {
  id,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
};

export const criticality = z.enum(["low", "medium", "high", "critical"]);
export type Criticality = z.infer<typeof criticality>;

/** Lists: cursor pagination, a name filter, sorting and archived items on request. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().max(200).optional(),
  sort: z.string().max(40).optional(),
  includeArchived: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
export type ListQuery = z.infer<typeof listQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The PATCH form of an input schema: every field optional and, unlike `.partial()`, without its
 * default, so that a field left out of a patch keeps its stored value instead of being reset.
 */
export const patchOf = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) =>
  z.object(
    Object.fromEntries(
      Object.entries(schema.shape).map(([key, field]) => [
        key,
        (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
      ]),
    ),
  ) as unknown as ReturnType<z.ZodObject<T>["partial"]>;
