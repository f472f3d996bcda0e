import { type ItTeam, type ItTeamInput, itTeamInput } from "../../domain/schemas/it-team.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const itTeamSpec: EntitySpec<ItTeam> = {
  table: "itTeam",
  label: "IT team",
  input: itTeamInput,
  uniqueField: "name",
  references: [{ field: "leadPersonId", table: "person", label: "person" }],
  referrers: [{ table: "itService", column: "itTeamId", label: "service supported", identify: ["id", "name"] }],
  sortable: ["name", "createdAt", "updatedAt"],
  filters: ["leadPersonId"],
};

export const itTeamRepository = (db: Db) => new EntityRepository<ItTeam, ItTeamInput>(db, itTeamSpec);
