import { z } from "zod";
import { entityMeta, id, name, patchOf } from "./common.js";

export const personInput = z.object({
  name,
  email: z.email({ error: "expected an e-mail address" }).max(320),
  businessUnitId: id.nullable().default(null),
  /** Job roles in the organisation ("service owner", "BRM"), not access roles. */
  roles: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
});
export const personPatch = patchOf(personInput);
export const person = personInput.extend(entityMeta);

export type PersonInput = z.input<typeof personInput>;
export type Person = z.infer<typeof person>;
