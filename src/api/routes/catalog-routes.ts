import { z } from "zod";
import {
  businessGoal,
  businessGoalInput,
  businessGoalPatch,
  goalLevel,
  goalStatus,
} from "../../domain/schemas/business-goal.js";
import { businessUnit, businessUnitInput, businessUnitPatch } from "../../domain/schemas/business-unit.js";
import { capability, capabilityInput, capabilityPatch } from "../../domain/schemas/capability.js";
import { criticality, id } from "../../domain/schemas/common.js";
import {
  initiative,
  initiativeInput,
  initiativePatch,
  initiativeStatus,
} from "../../domain/schemas/initiative.js";
import {
  itService,
  itServiceInput,
  itServicePatch,
  lifecycleStatus,
} from "../../domain/schemas/it-service.js";
import { itTeam, itTeamInput, itTeamPatch } from "../../domain/schemas/it-team.js";
import { person, personInput, personPatch } from "../../domain/schemas/person.js";
import type { ApiContext, TandemApp } from "../context.js";
import { registerEntityRoutes } from "./entity-routes.js";

/** A parent or owner filter: an id, or "null" for roots / unowned items. */
const idOrNull = z.union([id, z.literal("null")]).optional();

/** The entities of the alignment graph, each with the same CRUD + archive surface. */
export const registerCatalogRoutes = (app: TandemApp, ctx: ApiContext) => {
  registerEntityRoutes(app, ctx, {
    path: "business-units",
    tag: "Business units",
    label: "business unit",
    entity: businessUnit,
    input: businessUnitInput,
    patch: businessUnitPatch,
    filters: z.object({ parentId: idOrNull }),
    repository: (r) => r.businessUnits,
  });
  registerEntityRoutes(app, ctx, {
    path: "people",
    tag: "People",
    label: "person",
    entity: person,
    input: personInput,
    patch: personPatch,
    filters: z.object({ businessUnitId: idOrNull }),
    repository: (r) => r.people,
  });
  registerEntityRoutes(app, ctx, {
    path: "it-teams",
    tag: "IT teams",
    label: "IT team",
    entity: itTeam,
    input: itTeamInput,
    patch: itTeamPatch,
    filters: z.object({ leadPersonId: idOrNull }),
    repository: (r) => r.itTeams,
  });
  registerEntityRoutes(app, ctx, {
    path: "goals",
    tag: "Business goals",
    label: "business goal",
    entity: businessGoal,
    input: businessGoalInput,
    patch: businessGoalPatch,
    filters: z.object({
      parentId: idOrNull,
      level: goalLevel.optional(),
      status: goalStatus.optional(),
      ownerBusinessUnitId: idOrNull,
    }),
    repository: (r) => r.goals,
  });
  registerEntityRoutes(app, ctx, {
    path: "capabilities",
    tag: "Business capabilities",
    label: "capability",
    entity: capability,
    input: capabilityInput,
    patch: capabilityPatch,
    filters: z.object({
      parentId: idOrNull,
      ownerBusinessUnitId: idOrNull,
      criticality: criticality.optional(),
    }),
    repository: (r) => r.capabilities,
  });
  registerEntityRoutes(app, ctx, {
    path: "services",
    tag: "IT services",
    label: "IT service",
    entity: itService,
    input: itServiceInput,
    patch: itServicePatch,
    filters: z.object({
      lifecycleStatus: lifecycleStatus.optional(),
      criticalityTier: z.enum(["1", "2", "3", "4"]).optional(),
      serviceOwnerId: idOrNull,
      businessOwnerId: idOrNull,
      itTeamId: idOrNull,
    }),
    repository: (r) => r.services,
  });
  registerEntityRoutes(app, ctx, {
    path: "initiatives",
    tag: "Initiatives",
    label: "initiative",
    entity: initiative,
    input: initiativeInput,
    patch: initiativePatch,
    filters: z.object({ sponsorBusinessUnitId: idOrNull, status: initiativeStatus.optional() }),
    repository: (r) => r.initiatives,
  });
};
