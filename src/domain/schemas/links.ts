import { z } from "zod";
import { id, percent, strength } from "./common.js";

/**
 * The edges of the alignment graph. Each kind names its two ends and the number it carries;
 * a link is identified by its two ends, so putting it again updates its number.
 */
export const serviceSupportsCapability = z.object({ serviceId: id, capabilityId: id, strength });
/** Weight: the share (%) of the capability's value that goes to this goal; a capability's weights add up to 100. */
export const capabilityServesGoal = z.object({ capabilityId: id, goalId: id, weight: percent });
/** Share: the unit's share (%) of the service's consumption; a service's shares add up to 100. */
export const unitConsumesService = z.object({ businessUnitId: id, serviceId: id, share: percent });
/** Weight: the share (%) of the initiative's effort that goes to this goal; an initiative's weights add up to 100. */
export const initiativeContributesToGoal = z.object({ initiativeId: id, goalId: id, weight: percent });
/** The service cannot work when the one it depends on is down. */
export const serviceDependsOnService = z.object({ serviceId: id, dependsOnServiceId: id });

export type ServiceSupportsCapability = z.infer<typeof serviceSupportsCapability>;
export type CapabilityServesGoal = z.infer<typeof capabilityServesGoal>;
export type UnitConsumesService = z.infer<typeof unitConsumesService>;
export type InitiativeContributesToGoal = z.infer<typeof initiativeContributesToGoal>;
export type ServiceDependsOnService = z.infer<typeof serviceDependsOnService>;

export const linkKinds = [
  "service-capability",
  "capability-goal",
  "unit-service",
  "initiative-goal",
  "service-dependency",
] as const;
export type LinkKind = (typeof linkKinds)[number];
