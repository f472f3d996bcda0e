import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import {
  type ItService,
  type ItServiceInput,
  itServiceInput,
  type ServiceAlias,
  type SlaTarget,
} from "../../domain/schemas/it-service.js";
import { consumedServices } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

const hydrateServices = async (db: Db, rows: Record<string, unknown>[]): Promise<ItService[]> => {
  const ids = rows.map((r) => String(r.id));
  if (ids.length === 0) return [];
  const [targets, aliases] = await Promise.all([
    db.selectFrom("serviceSlaTarget").selectAll().where("serviceId", "in", ids).orderBy("priority").execute(),
    db
      .selectFrom("serviceAlias")
      .selectAll()
      .where("serviceId", "in", ids)
      .orderBy("kind")
      .orderBy("value")
      .execute(),
  ]);
  return rows.map((row) => ({
    ...(row as unknown as ItService),
    slaTargets: targets
      .filter((t) => t.serviceId === row.id)
      .map(({ priority, responseSeconds, resolutionSeconds }) => ({
        priority,
        responseSeconds,
        resolutionSeconds,
      })),
    aliases: aliases
      .filter((a) => a.serviceId === row.id)
      .map(({ kind, value }) => ({ kind, value }) as ServiceAlias),
  }));
};

/** SLA targets and aliases are replaced as a whole when given, and left alone when not. */
const saveServiceChildren = async (db: Db, serviceId: string, values: Record<string, unknown>) => {
  const targets = values.slaTargets as SlaTarget[] | undefined;
  if (targets !== undefined) {
    await db.deleteFrom("serviceSlaTarget").where("serviceId", "=", serviceId).execute();
    if (targets.length > 0) {
      await db
        .insertInto("serviceSlaTarget")
        .values(targets.map((t) => ({ serviceId, ...t })))
        .execute();
    }
  }
  const aliases = values.aliases as ServiceAlias[] | undefined;
  if (aliases !== undefined) {
    await db.deleteFrom("serviceAlias").where("serviceId", "=", serviceId).execute();
    for (const [index, alias] of aliases.entries()) {
      const taken = await db
        .selectFrom("serviceAlias")
        .innerJoin("itService", "itService.id", "serviceAlias.serviceId")
        .select(["itService.id", "itService.name"])
        .where("serviceAlias.kind", "=", alias.kind)
        .where((eb) => eb(eb.fn("lower", ["serviceAlias.value"]), "=", alias.value.toLowerCase()))
        .executeTakeFirst();
      if (taken) {
        throw new TandemError(
          "duplicate",
          `the ${alias.kind} alias "${alias.value}" already names the service "${taken.name}"`,
          {
            issues: [{ path: `aliases.${index}.value`, message: `already used by "${taken.name}"` }],
            items: [taken],
          },
        );
      }
    }
    if (aliases.length > 0) {
      await db
        .insertInto("serviceAlias")
        .values(aliases.map((a) => ({ serviceId, ...a })))
        .execute();
    }
  }
};

export const itServiceSpec: EntitySpec<ItService> = {
  table: "itService",
  label: "IT service",
  writePermission: "graph:write",
  visibleTo: (units) => sql<boolean>`id IN ${consumedServices(units)}`,
  input: itServiceInput,
  uniqueField: "name",
  references: [
    { field: "serviceOwnerId", table: "person", label: "person" },
    { field: "businessOwnerId", table: "person", label: "person" },
    { field: "itTeamId", table: "itTeam", label: "IT team" },
  ],
  referrers: [
    {
      table: "serviceCapability",
      column: "serviceId",
      label: "capability supported",
      identify: ["capabilityId"],
    },
    {
      table: "unitService",
      column: "serviceId",
      label: "consuming business unit",
      identify: ["businessUnitId"],
    },
    {
      table: "serviceDependency",
      column: "dependsOnServiceId",
      label: "dependent service",
      identify: ["serviceId"],
    },
    {
      table: "serviceDependency",
      column: "serviceId",
      label: "dependency",
      identify: ["dependsOnServiceId"],
    },
  ],
  sortable: ["name", "criticalityTier", "createdAt", "updatedAt"],
  filters: ["lifecycleStatus", "criticalityTier", "serviceOwnerId", "businessOwnerId", "itTeamId"],
  toRow: ({ slaTargets: _t, aliases: _a, serviceHours, ...rest }) => ({
    ...rest,
    ...(serviceHours !== undefined
      ? { serviceHours: serviceHours === null ? null : JSON.stringify(serviceHours) }
      : {}),
  }),
  hydrate: hydrateServices,
  saveChildren: saveServiceChildren,
};

export const itServiceRepository = (db: Db, actor: Actor) =>
  new EntityRepository<ItService, ItServiceInput>(db, itServiceSpec, actor);
