import { z } from "zod";
import { businessGoalInput } from "./business-goal.js";
import { businessUnitInput } from "./business-unit.js";
import { capabilityInput } from "./capability.js";
import { id } from "./common.js";
import { initiativeInput } from "./initiative.js";
import { itServiceInput } from "./it-service.js";
import { itTeamInput } from "./it-team.js";
import {
  capabilityServesGoal,
  initiativeContributesToGoal,
  serviceDependsOnService,
  serviceSupportsCapability,
  unitConsumesService,
} from "./links.js";
import { personInput } from "./person.js";

/**
 * A whole workspace as one document: the alignment graph with its ids, so that links survive a
 * round trip. Accounts, sessions and the audit log are not part of it: they belong to one
 * installation, and a workspace file must be safe to hand to another.
 */
const stored = { id, archivedAt: z.iso.datetime({ offset: true }).nullable().default(null) };

export const workspaceFormat = "tandem-workspace";
export const workspaceVersion = 1;

export const workspace = z.object({
  format: z.literal(workspaceFormat, { error: `expected "${workspaceFormat}"` }),
  version: z.literal(workspaceVersion, {
    error: `expected ${workspaceVersion}, the version this Tandem reads`,
  }),
  businessUnits: z.array(businessUnitInput.extend(stored)).default([]),
  people: z.array(personInput.extend(stored)).default([]),
  itTeams: z.array(itTeamInput.extend(stored)).default([]),
  goals: z.array(z.intersection(businessGoalInput, z.object(stored))).default([]),
  capabilities: z.array(capabilityInput.extend(stored)).default([]),
  services: z.array(itServiceInput.extend(stored)).default([]),
  initiatives: z.array(z.intersection(initiativeInput, z.object(stored))).default([]),
  links: z
    .object({
      serviceCapability: z.array(serviceSupportsCapability).default([]),
      capabilityGoal: z.array(capabilityServesGoal).default([]),
      unitService: z.array(unitConsumesService).default([]),
      initiativeGoal: z.array(initiativeContributesToGoal).default([]),
      serviceDependency: z.array(serviceDependsOnService).default([]),
    })
    .default({
      serviceCapability: [],
      capabilityGoal: [],
      unitService: [],
      initiativeGoal: [],
      serviceDependency: [],
    }),
});

export type Workspace = z.infer<typeof workspace>;
export type WorkspaceInput = z.input<typeof workspace>;

/** How many of each thing a workspace holds. */
export interface WorkspaceCounts {
  businessUnits: number;
  people: number;
  itTeams: number;
  goals: number;
  capabilities: number;
  services: number;
  initiatives: number;
  links: number;
}

export const countWorkspace = (w: Workspace): WorkspaceCounts => ({
  businessUnits: w.businessUnits.length,
  people: w.people.length,
  itTeams: w.itTeams.length,
  goals: w.goals.length,
  capabilities: w.capabilities.length,
  services: w.services.length,
  initiatives: w.initiatives.length,
  links: Object.values(w.links).reduce((sum, list) => sum + list.length, 0),
});
