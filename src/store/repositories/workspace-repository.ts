import { sql } from "kysely";
import type { ServiceAlias } from "../../domain/schemas/it-service.js";
import {
  countWorkspace,
  type Workspace,
  workspaceFormat,
  workspaceVersion,
} from "../../domain/schemas/workspace.js";
import type { Database, Db } from "../database.js";

/** Rows per INSERT: well under PostgreSQL's 65 535 bind parameters for the widest table. */
const BATCH = 500;

const graphTables = [
  "businessUnit",
  "person",
  "itTeam",
  "businessGoal",
  "capability",
  "itService",
  "initiative",
] as const satisfies readonly (keyof Database)[];

/**
 * Reads and writes a whole workspace. Reads are ordered by id so that the same graph always
 * gives the same document; writes happen in one transaction with foreign keys checked at commit,
 * so the order of items in a document does not matter and a failure leaves nothing behind.
 */
export class WorkspaceRepository {
  constructor(private readonly db: Db) {}

  async isEmpty(): Promise<boolean> {
    for (const table of graphTables) {
      const row = await this.db.selectFrom(table).select("id").limit(1).executeTakeFirst();
      if (row) return false;
    }
    return true;
  }

  async read(): Promise<Workspace> {
    const db = this.db;
    const [units, people, teams, goals, capabilities, services, targets, aliases, initiatives] =
      await Promise.all([
        db.selectFrom("businessUnit").selectAll().orderBy("id").execute(),
        db.selectFrom("person").selectAll().orderBy("id").execute(),
        db.selectFrom("itTeam").selectAll().orderBy("id").execute(),
        db.selectFrom("businessGoal").selectAll().orderBy("id").execute(),
        db.selectFrom("capability").selectAll().orderBy("id").execute(),
        db.selectFrom("itService").selectAll().orderBy("id").execute(),
        db.selectFrom("serviceSlaTarget").selectAll().orderBy("serviceId").orderBy("priority").execute(),
        db
          .selectFrom("serviceAlias")
          .selectAll()
          .orderBy("serviceId")
          .orderBy("kind")
          .orderBy("value")
          .execute(),
        db.selectFrom("initiative").selectAll().orderBy("id").execute(),
      ]);
    const [serviceCapability, capabilityGoal, unitService, initiativeGoal, serviceDependency] =
      await Promise.all([
        db.selectFrom("serviceCapability").selectAll().orderBy("serviceId").orderBy("capabilityId").execute(),
        db.selectFrom("capabilityGoal").selectAll().orderBy("capabilityId").orderBy("goalId").execute(),
        db.selectFrom("unitService").selectAll().orderBy("businessUnitId").orderBy("serviceId").execute(),
        db.selectFrom("initiativeGoal").selectAll().orderBy("initiativeId").orderBy("goalId").execute(),
        db
          .selectFrom("serviceDependency")
          .selectAll()
          .orderBy("serviceId")
          .orderBy("dependsOnServiceId")
          .execute(),
      ]);
    // Fields are listed one by one, in a fixed order, so the document is stable and carries no
    // store internals (versions, timestamps other than archival).
    return {
      format: workspaceFormat,
      version: workspaceVersion,
      businessUnits: units.map((u) => ({
        id: u.id,
        name: u.name,
        code: u.code,
        parentId: u.parentId,
        headPersonId: u.headPersonId,
        headcount: u.headcount,
        description: u.description,
        archivedAt: u.archivedAt,
      })),
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        businessUnitId: p.businessUnitId,
        roles: p.roles,
        archivedAt: p.archivedAt,
      })),
      itTeams: teams.map((t) => ({
        id: t.id,
        name: t.name,
        leadPersonId: t.leadPersonId,
        assignmentGroups: t.assignmentGroups,
        description: t.description,
        archivedAt: t.archivedAt,
      })),
      goals: goals.map((g) => ({
        id: g.id,
        name: g.name,
        level: g.level,
        parentId: g.parentId,
        ownerBusinessUnitId: g.ownerBusinessUnitId,
        priorityWeight: g.priorityWeight,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        status: g.status as Workspace["goals"][number]["status"],
        description: g.description,
        archivedAt: g.archivedAt,
      })),
      capabilities: capabilities.map((c) => ({
        id: c.id,
        name: c.name,
        parentId: c.parentId,
        ownerBusinessUnitId: c.ownerBusinessUnitId,
        downtimeCostPerHourCents: c.downtimeCostPerHourCents,
        users: c.users,
        criticality: c.criticality as Workspace["capabilities"][number]["criticality"],
        description: c.description,
        archivedAt: c.archivedAt,
      })),
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        serviceOwnerId: s.serviceOwnerId,
        businessOwnerId: s.businessOwnerId,
        itTeamId: s.itTeamId,
        criticalityTier: s.criticalityTier,
        lifecycleStatus: s.lifecycleStatus as Workspace["services"][number]["lifecycleStatus"],
        serviceHours: s.serviceHours,
        availabilityTarget: s.availabilityTarget,
        slaTargets: targets
          .filter((t) => t.serviceId === s.id)
          .map((t) => ({
            priority: t.priority,
            responseSeconds: t.responseSeconds,
            resolutionSeconds: t.resolutionSeconds,
          })),
        aliases: aliases
          .filter((a) => a.serviceId === s.id)
          .map((a) => ({ kind: a.kind as ServiceAlias["kind"], value: a.value })),
        archivedAt: s.archivedAt,
      })),
      initiatives: initiatives.map((n) => ({
        id: n.id,
        name: n.name,
        sponsorBusinessUnitId: n.sponsorBusinessUnitId,
        status: n.status as Workspace["initiatives"][number]["status"],
        budgetCents: n.budgetCents,
        startDate: n.startDate,
        endDate: n.endDate,
        description: n.description,
        archivedAt: n.archivedAt,
      })),
      links: {
        serviceCapability: serviceCapability.map((l) => ({
          serviceId: l.serviceId,
          capabilityId: l.capabilityId,
          strength: l.strength,
        })),
        capabilityGoal: capabilityGoal.map((l) => ({
          capabilityId: l.capabilityId,
          goalId: l.goalId,
          weight: l.weight,
        })),
        unitService: unitService.map((l) => ({
          businessUnitId: l.businessUnitId,
          serviceId: l.serviceId,
          share: l.share,
        })),
        initiativeGoal: initiativeGoal.map((l) => ({
          initiativeId: l.initiativeId,
          goalId: l.goalId,
          weight: l.weight,
        })),
        serviceDependency: serviceDependency.map((l) => ({
          serviceId: l.serviceId,
          dependsOnServiceId: l.dependsOnServiceId,
        })),
      },
    };
  }

  /** Writes a checked workspace into the store, all or nothing, and records it in the audit log. */
  async write(w: Workspace, actorLabel: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx);
      const insert = async <T extends keyof Database>(table: T, rows: Record<string, unknown>[]) => {
        for (let i = 0; i < rows.length; i += BATCH) {
          // Rows are built to the table's columns by the caller; the generic insert cannot prove it.
          await tx
            .insertInto(table)
            .values(rows.slice(i, i + BATCH) as never)
            .execute();
        }
      };
      await insert("businessUnit", w.businessUnits);
      await insert("person", w.people);
      await insert("itTeam", w.itTeams);
      await insert("businessGoal", w.goals);
      await insert("capability", w.capabilities);
      await insert(
        "itService",
        w.services.map(({ slaTargets: _t, aliases: _a, serviceHours, ...s }) => ({
          ...s,
          serviceHours: serviceHours === null ? null : JSON.stringify(serviceHours),
        })),
      );
      await insert(
        "serviceSlaTarget",
        w.services.flatMap((s) => s.slaTargets.map((t) => ({ serviceId: s.id, ...t }))),
      );
      await insert(
        "serviceAlias",
        w.services.flatMap((s) => s.aliases.map((a) => ({ serviceId: s.id, ...a }))),
      );
      await insert("initiative", w.initiatives);
      await insert("serviceCapability", w.links.serviceCapability);
      await insert("capabilityGoal", w.links.capabilityGoal);
      await insert("unitService", w.links.unitService);
      await insert("initiativeGoal", w.links.initiativeGoal);
      await insert("serviceDependency", w.links.serviceDependency);
      await tx
        .insertInto("auditEvent")
        .values({
          actorUserId: null,
          actorLabel,
          action: "workspace.import",
          entityType: null,
          entityId: null,
          before: null,
          after: JSON.stringify(countWorkspace(w)),
          detail: null,
        })
        .execute();
    });
    // Fresh statistics: without them the planner sorts whole tables for a scoped page (PGlite
    // has no autovacuum to gather them later).
    await sql`ANALYZE`.execute(this.db);
  }
}
