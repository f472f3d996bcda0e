import { type Capability, type CapabilityInput, capabilityInput } from "../../domain/schemas/capability.js";
import { inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const capabilitySpec: EntitySpec<Capability> = {
  table: "capability",
  label: "capability",
  writePermission: "business-graph:write",
  visibleTo: (units) => inUnits("owner_business_unit_id", units),
  input: capabilityInput,
  uniqueField: "name",
  treeParent: "parentId",
  references: [
    { field: "parentId", table: "capability", label: "capability" },
    { field: "ownerBusinessUnitId", table: "businessUnit", label: "business unit" },
  ],
  referrers: [
    { table: "capability", column: "parentId", label: "child capability", identify: ["id", "name"] },
    {
      table: "serviceCapability",
      column: "capabilityId",
      label: "supporting service",
      identify: ["serviceId"],
    },
    { table: "capabilityGoal", column: "capabilityId", label: "goal served", identify: ["goalId"] },
  ],
  sortable: ["name", "downtimeCostPerHourCents", "users", "createdAt", "updatedAt"],
  filters: ["parentId", "ownerBusinessUnitId", "criticality"],
};

export const capabilityRepository = (db: Db, actor: Actor) =>
  new EntityRepository<Capability, CapabilityInput>(db, capabilitySpec, actor);
