import { z } from "zod";
import { cents, count, criticality, description, entityMeta, id, name, patchOf } from "./common.js";

export const capabilityInput = z.object({
  name,
  parentId: id.nullable().default(null),
  ownerBusinessUnitId: id.nullable().default(null),
  /** What one hour without this capability costs the business, in cents. */
  downtimeCostPerHourCents: cents.default(0),
  users: count.default(0),
  criticality: criticality.default("medium"),
  description: description.default(""),
});
export const capabilityPatch = patchOf(capabilityInput);
export const capability = capabilityInput.extend(entityMeta);

export type CapabilityInput = z.input<typeof capabilityInput>;
export type Capability = z.infer<typeof capability>;
