import { type Initiative, type InitiativeInput, initiativeInput } from "../../domain/schemas/initiative.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const initiativeSpec: EntitySpec<Initiative> = {
  table: "initiative",
  label: "initiative",
  input: initiativeInput,
  uniqueField: "name",
  references: [{ field: "sponsorBusinessUnitId", table: "businessUnit", label: "business unit" }],
  referrers: [{ table: "initiativeGoal", column: "initiativeId", label: "goal contributed to", identify: ["goalId"] }],
  sortable: ["name", "budgetCents", "startDate", "createdAt", "updatedAt"],
  filters: ["sponsorBusinessUnitId", "status"],
};

export const initiativeRepository = (db: Db) => new EntityRepository<Initiative, InitiativeInput>(db, initiativeSpec);
