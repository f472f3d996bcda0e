import { type Person, type PersonInput, personInput } from "../../domain/schemas/person.js";
import { inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const personSpec: EntitySpec<Person> = {
  table: "person",
  label: "person",
  writePermission: "graph:write",
  visibleTo: (units) => inUnits("business_unit_id", units),
  input: personInput,
  uniqueField: "email",
  references: [{ field: "businessUnitId", table: "businessUnit", label: "business unit" }],
  referrers: [
    {
      table: "businessUnit",
      column: "headPersonId",
      label: "business unit headed",
      identify: ["id", "name"],
    },
    { table: "itTeam", column: "leadPersonId", label: "IT team led", identify: ["id", "name"] },
    { table: "itService", column: "serviceOwnerId", label: "service owned", identify: ["id", "name"] },
    {
      table: "itService",
      column: "businessOwnerId",
      label: "service owned for the business",
      identify: ["id", "name"],
    },
  ],
  sortable: ["name", "email", "createdAt", "updatedAt"],
  filters: ["businessUnitId"],
};

export const personRepository = (db: Db, actor: Actor) =>
  new EntityRepository<Person, PersonInput>(db, personSpec, actor);
