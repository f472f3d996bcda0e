import {
  type BusinessUnit,
  type BusinessUnitInput,
  businessUnitInput,
} from "../../domain/schemas/business-unit.js";
import { inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const businessUnitSpec: EntitySpec<BusinessUnit> = {
  table: "businessUnit",
  label: "business unit",
  writePermission: "graph:write",
  visibleTo: (units) => inUnits("id", units),
  input: businessUnitInput,
  uniqueField: "name",
  treeParent: "parentId",
  references: [
    { field: "parentId", table: "businessUnit", label: "business unit" },
    { field: "headPersonId", table: "person", label: "person" },
  ],
  referrers: [
    { table: "businessUnit", column: "parentId", label: "child business unit", identify: ["id", "name"] },
    { table: "person", column: "businessUnitId", label: "person", identify: ["id", "name"] },
    { table: "businessGoal", column: "ownerBusinessUnitId", label: "owned goal", identify: ["id", "name"] },
    {
      table: "capability",
      column: "ownerBusinessUnitId",
      label: "owned capability",
      identify: ["id", "name"],
    },
    {
      table: "initiative",
      column: "sponsorBusinessUnitId",
      label: "sponsored initiative",
      identify: ["id", "name"],
    },
    { table: "unitService", column: "businessUnitId", label: "consumed service", identify: ["serviceId"] },
  ],
  sortable: ["name", "headcount", "createdAt", "updatedAt"],
  filters: ["parentId"],
};

export const businessUnitRepository = (db: Db, actor: Actor) =>
  new EntityRepository<BusinessUnit, BusinessUnitInput>(db, businessUnitSpec, actor);
