import { z } from "zod";
import { goalLevel } from "./business-goal.js";

/** Answers to the graph questions (trace up, trace down, outage impact, alignment gaps, the map). */
export const nodeRef = z.object({ id: z.string(), name: z.string() });
export type NodeRef = z.infer<typeof nodeRef>;

export const traceUp = z.object({
  service: nodeRef,
  /** Capabilities the service supports, with the support strength (0..1). */
  capabilities: z.array(nodeRef.extend({ strength: z.number(), downtimeCostPerHourCents: z.number() })),
  /**
   * Goals reached, each with its path weight: the sum over paths of strength × weight / 100,
   * carried up the cascade unchanged (an objective's weight also counts for its parent goals).
   */
  goals: z.array(
    nodeRef.extend({
      level: goalLevel,
      parentId: z.string().nullable(),
      pathWeight: z.number(),
      via: z.array(z.string()),
    }),
  ),
  businessUnits: z.array(
    nodeRef.extend({
      consumesShare: z.number().nullable(),
      ownsGoals: z.array(z.string()),
      ownsCapabilities: z.array(z.string()),
    }),
  ),
});
export type TraceUp = z.infer<typeof traceUp>;

export const traceDown = z.object({
  goal: nodeRef.extend({ level: goalLevel }),
  /** The goal and its descendants in the cascade. */
  goals: z.array(nodeRef.extend({ level: goalLevel, parentId: z.string().nullable() })),
  capabilities: z.array(nodeRef.extend({ weight: z.number() })),
  /** Services that support the goal: directly (through a capability) or as a dependency of one that does. */
  services: z.array(
    nodeRef.extend({
      pathWeight: z.number(),
      via: z.array(z.string()),
      direct: z.boolean(),
    }),
  ),
});
export type TraceDown = z.infer<typeof traceDown>;

export const outageImpact = z.object({
  service: nodeRef,
  /** The service itself and every service that (transitively) depends on it. */
  impactedServices: z.array(nodeRef.extend({ dependsOnPath: z.array(z.string()) })),
  capabilities: z.array(
    nodeRef.extend({
      strength: z.number(),
      downtimeCostPerHourCents: z.number(),
      costPerHourCents: z.number(),
      users: z.number(),
    }),
  ),
  goals: z.array(nodeRef.extend({ level: goalLevel })),
  businessUnits: z.array(nodeRef.extend({ share: z.number().nullable() })),
  /** Capabilities may share users: at least the largest capability's users, at most their sum. */
  usersAtLeast: z.number(),
  usersAtMost: z.number(),
  /** Σ over affected capabilities of cost of downtime per hour × strongest support strength. */
  costPerHourCents: z.number(),
});
export type OutageImpact = z.infer<typeof outageImpact>;

export const weightGap = z.object({
  kind: z.enum(["service consumption shares", "capability goal weights", "initiative goal weights"]),
  item: nodeRef,
  total: z.number(),
});

export const alignmentGaps = z.object({
  servicesServingNoGoal: z.array(nodeRef),
  goalsWithoutService: z.array(nodeRef),
  capabilitiesWithoutOwner: z.array(nodeRef),
  consumedServicesWithoutSla: z.array(nodeRef),
  servicesWithoutBusinessOwner: z.array(nodeRef),
  weightsNotAddingUp: z.array(weightGap),
});
export type AlignmentGaps = z.infer<typeof alignmentGaps>;

export const mapNodeKind = z.enum(["unit", "goal", "capability", "service"]);
export const alignmentMap = z.object({
  nodes: z.array(
    nodeRef.extend({
      kind: mapNodeKind,
      parentId: z.string().nullable(),
      level: goalLevel.nullable(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      kind: z.enum(["owns", "consumes", "serves", "supports", "depends-on"]),
      value: z.number().nullable(),
    }),
  ),
});
export type AlignmentMap = z.infer<typeof alignmentMap>;
