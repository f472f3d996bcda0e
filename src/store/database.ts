import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { ServiceHours } from "../domain/schemas/it-service.js";
import type { Role, TokenScope } from "../domain/schemas/user.js";

/** Timestamps are read as ISO strings (see the type parsers in open-store.ts). */
type Timestamp = ColumnType<string, string | undefined, string>;

interface EntityColumns {
  id: string;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Timestamp;
  archivedAt: string | null;
}

export interface BusinessUnitTable extends EntityColumns {
  name: string;
  code: string | null;
  parentId: string | null;
  headPersonId: string | null;
  headcount: number;
  description: string;
}

export interface PersonTable extends EntityColumns {
  name: string;
  email: string;
  businessUnitId: string | null;
  roles: string[];
}

export interface ItTeamTable extends EntityColumns {
  name: string;
  leadPersonId: string | null;
  assignmentGroups: string[];
  description: string;
}

export interface BusinessGoalTable extends EntityColumns {
  name: string;
  level: "strategic" | "goal" | "objective";
  parentId: string | null;
  ownerBusinessUnitId: string | null;
  priorityWeight: number;
  periodStart: string | null;
  periodEnd: string | null;
  status: string;
  description: string;
}

export interface CapabilityTable extends EntityColumns {
  name: string;
  parentId: string | null;
  ownerBusinessUnitId: string | null;
  downtimeCostPerHourCents: number;
  users: number;
  criticality: string;
  description: string;
}

export interface ItServiceTable extends EntityColumns {
  name: string;
  description: string;
  serviceOwnerId: string | null;
  businessOwnerId: string | null;
  itTeamId: string | null;
  criticalityTier: number;
  lifecycleStatus: string;
  serviceHours: ColumnType<ServiceHours | null, string | null, string | null>;
  availabilityTarget: number | null;
}

export interface ServiceSlaTargetTable {
  serviceId: string;
  priority: number;
  responseSeconds: number;
  resolutionSeconds: number;
}

export interface ServiceAliasTable {
  serviceId: string;
  kind: string;
  value: string;
}

export interface InitiativeTable extends EntityColumns {
  name: string;
  sponsorBusinessUnitId: string | null;
  status: string;
  budgetCents: number;
  startDate: string | null;
  endDate: string | null;
  description: string;
}

export interface ServiceCapabilityTable {
  serviceId: string;
  capabilityId: string;
  strength: number;
}
export interface CapabilityGoalTable {
  capabilityId: string;
  goalId: string;
  weight: number;
}
export interface UnitServiceTable {
  businessUnitId: string;
  serviceId: string;
  share: number;
}
export interface InitiativeGoalTable {
  initiativeId: string;
  goalId: string;
  weight: number;
}
export interface ServiceDependencyTable {
  serviceId: string;
  dependsOnServiceId: string;
}

export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  oidcSubject: string | null;
  disabledAt: string | null;
  version: Generated<number>;
  createdAt: Generated<string>;
  updatedAt: Timestamp;
  lastSignInAt: string | null;
}
export interface UserBusinessUnitTable {
  userId: string;
  businessUnitId: string;
}
export interface UserSessionTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Generated<string>;
  lastSeenAt: Generated<string>;
  expiresAt: string;
}
export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scope: TokenScope;
  createdAt: Generated<string>;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export interface SignInFailureTable {
  email: string;
  failures: number;
  lastFailedAt: Generated<string>;
  lockedUntil: string | null;
}
export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<string>;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  detail: string | null;
}

/** jsonb columns: read as parsed values, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface ImportRunTable {
  id: string;
  source: string;
  format: string;
  fileName: string | null;
  startedAt: Generated<string>;
  finishedAt: string | null;
  status: "running" | "succeeded" | "rejected" | "failed";
  readCount: Generated<number>;
  insertedCount: Generated<number>;
  updatedCount: Generated<number>;
  unchangedCount: Generated<number>;
  rejectedCount: Generated<number>;
  unmatchedCount: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  actorLabel: string;
}

export interface TicketTable {
  id: string;
  sourceSystem: string;
  externalId: string;
  type: string;
  number: string;
  title: string;
  state: string;
  stateRaw: string;
  priority: number | null;
  priorityRaw: string | null;
  impact: number | null;
  urgency: number | null;
  openedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  sourceUpdatedAt: string | null;
  assignmentGroup: string | null;
  assignee: string | null;
  requester: string | null;
  requesterDepartment: string | null;
  configurationItem: string | null;
  businessService: string | null;
  components: Json<string[]>;
  requestType: string | null;
  category: string | null;
  subcategory: string | null;
  channel: string | null;
  reassignmentCount: number;
  reopenCount: number;
  slas: Json<unknown[]>;
  causedByChange: string | null;
  relatedProblem: string | null;
  closeCode: string | null;
  plannedStartAt: string | null;
  plannedEndAt: string | null;
  changeOutcome: string | null;
  risk: string | null;
  majorIncident: boolean;
  sourceFields: Json<Record<string, unknown>>;
  serviceId: string | null;
  businessUnitId: string | null;
  contentHash: string;
  importRunId: string | null;
  createdAt: Generated<string>;
  updatedAt: Timestamp;
}

export interface TicketKeyTable {
  sourceSystem: string;
  externalId: string;
  ticketId: string;
  openedAt: string;
  contentHash: string;
  /** The match the ticket was last written with (see migration 20261125190000). */
  serviceId: string | null;
  businessUnitId: string | null;
}

export interface TicketMatchRuleTable {
  id: string;
  kind: "service" | "business_unit";
  sourceField: string;
  value: string;
  targetId: string;
  createdAt: Generated<string>;
  createdBy: string;
}

export interface MigrationTable {
  name: string;
  appliedAt: Generated<string>;
}

export interface SyncStateTable {
  source: string;
  watermark: string | null;
  lastRunAt: string | null;
  lastStatus: "running" | "succeeded" | "rejected" | "failed" | null;
  lastError: string | null;
}

export interface Database {
  businessUnit: BusinessUnitTable;
  person: PersonTable;
  itTeam: ItTeamTable;
  businessGoal: BusinessGoalTable;
  capability: CapabilityTable;
  itService: ItServiceTable;
  serviceSlaTarget: ServiceSlaTargetTable;
  serviceAlias: ServiceAliasTable;
  initiative: InitiativeTable;
  serviceCapability: ServiceCapabilityTable;
  capabilityGoal: CapabilityGoalTable;
  unitService: UnitServiceTable;
  initiativeGoal: InitiativeGoalTable;
  serviceDependency: ServiceDependencyTable;
  appUser: AppUserTable;
  userBusinessUnit: UserBusinessUnitTable;
  userSession: UserSessionTable;
  apiToken: ApiTokenTable;
  signInFailure: SignInFailureTable;
  auditEvent: AuditEventTable;
  importRun: ImportRunTable;
  ticket: TicketTable;
  ticketKey: TicketKeyTable;
  ticketMatchRule: TicketMatchRuleTable;
  tandemMigration: MigrationTable;
  syncState: SyncStateTable;
}

export type Db = Kysely<Database>;
export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowPatch<T extends keyof Database> = Updateable<Database[T]>;
