import { z } from "zod";
import { count, description, entityMeta, id, name, patchOf } from "./common.js";

export const businessUnitInput = z.object({
  name,
  code: z.string().trim().max(20).nullable().default(null),
  parentId: id.nullable().default(null),
  headPersonId: id.nullable().default(null),
  headcount: count.default(0),
  description: description.default(""),
});
export const businessUnitPatch = patchOf(businessUnitInput);
export const businessUnit = businessUnitInput.extend(entityMeta);

export type BusinessUnitInput = z.input<typeof businessUnitInput>;
export type BusinessUnit = z.infer<typeof businessUnit>;
