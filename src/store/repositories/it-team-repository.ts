import { sql } from "kysely";
import { type ItTeam, type ItTeamInput, itTeamInput } from "../../domain/schemas/it-team.js";
import { consumedServices } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

export const itTeamSpec: EntitySpec<ItTeam> = {
  table: "itTeam",
  label: "IT team",
  writePermission: "graph:write",
  visibleTo: (units) =>
    sql<boolean>`id IN (SELECT it_team_id FROM it_service WHERE id IN ${consumedServices(units)})`,
  input: itTeamInput,
  uniqueField: "name",
  references: [{ field: "leadPersonId", table: "person", label: "person" }],
  referrers: [
    { table: "itService", column: "itTeamId", label: "service supported", identify: ["id", "name"] },
  ],
  sortable: ["name", "createdAt", "updatedAt"],
  filters: ["leadPersonId"],
};

export const itTeamRepository = (db: Db, actor: Actor) =>
  new EntityRepository<ItTeam, ItTeamInput>(db, itTeamSpec, actor);
