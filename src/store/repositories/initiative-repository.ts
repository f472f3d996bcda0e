import { type Initiative, type InitiativeInput, initiativeInput } from "../../domain/schemas/initiative.js";
import { inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const initiativeSpec: EntitySpec<Initiative> = {
  table: "initiative",
  label: "initiative",
  writePermission: "business-graph:write",
  visibleTo: (units) => inUnits("sponsor_business_unit_id", units),
  input: initiativeInput,
  uniqueField: "name",
  references: [{ field: "sponsorBusinessUnitId", table: "businessUnit", label: "business unit" }],
  referrers: [
    { table: "initiativeGoal", column: "initiativeId", label: "goal contributed to", identify: ["goalId"] },
  ],
  sortable: ["name", "budgetCents", "startDate", "createdAt", "updatedAt"],
  filters: ["sponsorBusinessUnitId", "status"],
};

export const initiativeRepository = (db: Db, actor: Actor) =>
  new EntityRepository<Initiative, InitiativeInput>(db, initiativeSpec, actor);
