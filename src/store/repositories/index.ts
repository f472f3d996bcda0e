import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { businessGoalRepository } from "./business-goal-repository.js";
import { businessUnitRepository } from "./business-unit-repository.js";
import { capabilityRepository } from "./capability-repository.js";
import { initiativeRepository } from "./initiative-repository.js";
import { itServiceRepository } from "./it-service-repository.js";
import { itTeamRepository } from "./it-team-repository.js";
import { LinkRepository } from "./link-repository.js";
import { personRepository } from "./person-repository.js";

/**
 * Every repository, made for one actor. Routes and use cases get their data only through here,
 * so a rule about who may see what is written once, in the store.
 */
export const createRepositories = (db: Db, actor: Actor) => ({
  actor,
  businessUnits: businessUnitRepository(db),
  people: personRepository(db),
  itTeams: itTeamRepository(db),
  goals: businessGoalRepository(db),
  capabilities: capabilityRepository(db),
  services: itServiceRepository(db),
  initiatives: initiativeRepository(db),
  links: new LinkRepository(db),
});

export type Repositories = ReturnType<typeof createRepositories>;
