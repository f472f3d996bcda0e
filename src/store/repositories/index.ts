import { requirePermission, requireUnscoped } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { ApiTokenRepository } from "./api-token-repository.js";
import { AuditRepository } from "./audit-repository.js";
import { businessGoalRepository } from "./business-goal-repository.js";
import { businessUnitRepository } from "./business-unit-repository.js";
import { CampaignRepository } from "./campaign-repository.js";
import { capabilityRepository } from "./capability-repository.js";
import { CostRepository } from "./cost-repository.js";
import { FeedbackRepository } from "./feedback-repository.js";
import { GraphRepository } from "./graph-repository.js";
import { ImportRunRepository } from "./import-run-repository.js";
import { initiativeRepository } from "./initiative-repository.js";
import { itServiceRepository } from "./it-service-repository.js";
import { itTeamRepository } from "./it-team-repository.js";
import { KpiDataRepository } from "./kpi-data-repository.js";
import { kpiRepository } from "./kpi-repository.js";
import { LinkRepository } from "./link-repository.js";
import { MetricsRepository } from "./metrics-repository.js";
import { PainPointRepository } from "./pain-point-repository.js";
import { personRepository } from "./person-repository.js";
import { SurveyRepository } from "./survey-repository.js";
import { SurveyResultsRepository } from "./survey-results-repository.js";
import { TicketMatchRepository } from "./ticket-match-repository.js";
import { TicketRepository } from "./ticket-repository.js";
import { UserRepository } from "./user-repository.js";

/**
 * Every repository, made for one actor. Routes and use cases get their data only through here,
 * so a rule about who may see what is written once, in the store.
 */
export const createRepositories = (db: Db, actor: Actor) => ({
  actor,
  businessUnits: businessUnitRepository(db, actor),
  people: personRepository(db, actor),
  itTeams: itTeamRepository(db, actor),
  goals: businessGoalRepository(db, actor),
  capabilities: capabilityRepository(db, actor),
  services: itServiceRepository(db, actor),
  initiatives: initiativeRepository(db, actor),
  links: new LinkRepository(db, actor),
  graph: new GraphRepository(db, actor),
  tickets: new TicketRepository(db, actor),
  ticketMatching: new TicketMatchRepository(db, actor),
  metrics: new MetricsRepository(db, actor),
  users: new UserRepository(db, actor),
  feedback: new FeedbackRepository(db, actor),
  painPoints: new PainPointRepository(db, actor),
  tokens: new ApiTokenRepository(db, actor),
  kpis: kpiRepository(db, actor),
  kpiData: new KpiDataRepository(db, actor),
  costs: new CostRepository(db, actor),
  surveys: new SurveyRepository(db, actor),
  campaigns: new CampaignRepository(db, actor),
  surveyResults: new SurveyResultsRepository(db, actor),
  /** The ticket import log spans every unit, so business stakeholders may not read it. */
  importRuns: () => {
    requireUnscoped(actor, "the ticket import log");
    return new ImportRunRepository(db);
  },
  /** The audit log is for admins only. */
  auditLog: () => {
    requirePermission(actor, "audit:read");
    return new AuditRepository(db);
  },
});

export type Repositories = ReturnType<typeof createRepositories>;
