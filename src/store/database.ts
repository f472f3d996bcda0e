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

export interface MigrationTable {
  name: string;
  appliedAt: Generated<string>;
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
  tandemMigration: MigrationTable;
}

export type Db = Kysely<Database>;
export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowPatch<T extends keyof Database> = Updateable<Database[T]>;
