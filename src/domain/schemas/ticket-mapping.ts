import { z } from "zod";
import { matchFields } from "../ticket-matching.js";
import { count, id } from "./common.js";

/** Ticket values that matched no service or unit, and mapping one by hand. */
export const unmatchedValue = z.object({
  field: z.enum(matchFields).nullable(),
  value: z.string().nullable(),
  tickets: count,
});

export const unmatchedValues = z.object({
  services: z.array(unmatchedValue),
  businessUnits: z.array(unmatchedValue),
});
export type UnmatchedValues = z.infer<typeof unmatchedValues>;

export const mapValueInput = z
  .object({
    field: z.enum(matchFields),
    value: z.string().trim().min(1, "must not be empty").max(200),
    serviceId: id.optional(),
    businessUnitId: id.optional(),
  })
  .refine((v) => (v.serviceId === undefined) !== (v.businessUnitId === undefined), {
    message: "give either serviceId or businessUnitId",
    path: ["serviceId"],
  });
export type MapValueInput = z.infer<typeof mapValueInput>;

export const mapValueResult = z.object({
  kind: z.enum(["service", "business_unit"]),
  targetId: id,
  targetName: z.string(),
  /** Stored tickets whose service or unit changed. */
  rematched: count,
});
export type MapValueResult = z.infer<typeof mapValueResult>;
