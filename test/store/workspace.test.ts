import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoWorkspace } from "../../src/domain/demo/build-demo-workspace.js";
import { TandemError } from "../../src/domain/errors.js";
import type { Workspace } from "../../src/domain/schemas/workspace.js";
import type { Store } from "../../src/store/open-store.js";
import { WorkspaceRepository } from "../../src/store/repositories/workspace-repository.js";
import { createDemoOrganisation, isStoreEmpty } from "../../src/use-cases/create-demo-organisation.js";
import { exportWorkspace, serialiseWorkspace } from "../../src/use-cases/export-workspace.js";
import { importWorkspace } from "../../src/use-cases/import-workspace.js";
import { openTestStore, testBackends } from "../support/test-store.js";

const rows = async (store: Store, table: string) =>
  Number(
    (await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0]
      ?.n,
  );
const tables = [
  "business_unit",
  "person",
  "it_team",
  "business_goal",
  "capability",
  "it_service",
  "initiative",
  "service_capability",
  "capability_goal",
  "unit_service",
  "initiative_goal",
  "service_dependency",
  "service_sla_target",
  "service_alias",
];
const copy = <T>(value: T): T => structuredClone(value);

describe.each(testBackends())("workspace export and import on %s", (backend) => {
  let source: Store;
  let exported: Workspace;

  beforeAll(async () => {
    source = await openTestStore(backend);
    await createDemoOrganisation({ db: source.db, seed: 11, tickets: 0 });
    exported = await exportWorkspace({ db: source.db });
  }, 60_000);
  afterAll(async () => source.close());

  it("stores the demo organisation with what its content says, counted in SQL", async () => {
    // Counted by hand from src/domain/demo/*: 13 units, 32 people, 6 teams, 23 goals, 48 capabilities, 40 services.
    expect(await rows(source, "business_unit")).toBe(13);
    expect(await rows(source, "person")).toBe(32);
    expect(await rows(source, "it_team")).toBe(6);
    expect(await rows(source, "business_goal")).toBe(23);
    expect(await rows(source, "capability")).toBe(48);
    expect(await rows(source, "it_service")).toBe(40);
    expect(await rows(source, "initiative")).toBe(7);
    const webShop = await sql<{ deps: string; tier: number }>`
      SELECT (SELECT count(*)::text FROM service_dependency d WHERE d.service_id = s.id) AS deps, s.criticality_tier AS tier
      FROM it_service s WHERE s.name = 'Web Shop'`.execute(source.db);
    expect(webShop.rows[0]).toEqual({ deps: "6", tier: 1 });
    // The deliberate gap: Data Warehouse's consumers' shares add up to 90, not 100.
    const shares = await sql<{ total: number }>`
      SELECT sum(share)::float8 AS total FROM unit_service u JOIN it_service s ON s.id = u.service_id
      WHERE s.name = 'Data Warehouse'`.execute(source.db);
    expect(shares.rows[0]?.total).toBe(90);
    const sales = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM business_unit c JOIN business_unit p ON p.id = c.parent_id WHERE p.name = 'Sales'`.execute(
      source.db,
    );
    expect(sales.rows[0]?.n).toBe("3");
  });

  it("is the same document for the same seed, and other ids for another seed", () => {
    const a = buildDemoWorkspace(11);
    const b = buildDemoWorkspace(11);
    const c = buildDemoWorkspace(12);
    expect(serialiseWorkspace(b)).toBe(serialiseWorkspace(a));
    expect(c.services[0]?.id).not.toBe(a.services[0]?.id);
    expect(c.services.map((s) => s.name)).toEqual(a.services.map((s) => s.name));
  });

  it("round-trips: export → import into an empty store → export gives the same bytes", async () => {
    const target = await openTestStore(backend);
    try {
      const counts = await importWorkspace({
        db: target.db,
        workspace: JSON.parse(serialiseWorkspace(exported)),
      });
      expect(counts.services).toBe(40);
      for (const table of tables)
        expect([table, await rows(target, table)]).toEqual([table, await rows(source, table)]);
      expect(serialiseWorkspace(await exportWorkspace({ db: target.db }))).toBe(serialiseWorkspace(exported));
      const audit = await sql<{ action: string }>`SELECT action FROM audit_event`.execute(target.db);
      expect(audit.rows.map((r) => r.action)).toEqual(["workspace.import"]);
    } finally {
      await target.close();
    }
  });

  it("refuses a store that already holds a graph, and changes nothing", async () => {
    const before = await rows(source, "it_service");
    await expect(importWorkspace({ db: source.db, workspace: exported })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await rows(source, "it_service")).toBe(before);
    expect(await isStoreEmpty(source.db)).toBe(false);
  });

  it("names every bad field by its path and writes nothing", async () => {
    const target = await openTestStore(backend);
    try {
      const bad = copy(exported) as unknown as {
        services: { slaTargets: { resolutionSeconds: number }[]; availabilityTarget: unknown }[];
        links: { capabilityGoal: { goalId: string }[] };
      };
      const withSla = bad.services.findIndex((s) => s.slaTargets.length > 0);
      const service = bad.services[withSla];
      if (!service?.slaTargets[0]) throw new Error("demo has a service with SLA targets");
      service.slaTargets[0].resolutionSeconds = 1;
      service.availabilityTarget = "high";
      const error = await importWorkspace({ db: target.db, workspace: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TandemError);
      expect((error as TandemError).code).toBe("validation");
      expect((error as TandemError).issues.map((i) => i.path).sort()).toEqual(
        [
          `services.${withSla}.availabilityTarget`,
          `services.${withSla}.slaTargets.0.resolutionSeconds`,
        ].sort(),
      );
      expect(await isStoreEmpty(target.db)).toBe(true);

      const dangling = copy(exported) as unknown as typeof bad;
      const link = dangling.links.capabilityGoal[4];
      if (!link) throw new Error("demo has capability-goal links");
      link.goalId = "99999999-0000-4000-8000-000000000009";
      await expect(importWorkspace({ db: target.db, workspace: dangling })).rejects.toMatchObject({
        code: "validation",
        issues: [{ path: "links.capabilityGoal.4.goalId" }],
      });
      expect(await isStoreEmpty(target.db)).toBe(true);
    } finally {
      await target.close();
    }
  });

  it("rolls the whole write back when the store refuses one row at commit", async () => {
    const target = await openTestStore(backend);
    try {
      // Past the checks on purpose: a dangling foreign key surfaces only at commit (deferred).
      const broken = copy(exported);
      const last = broken.links.serviceDependency.at(-1);
      if (!last) throw new Error("demo has dependencies");
      last.dependsOnServiceId = "99999999-0000-4000-8000-000000000009";
      await expect(new WorkspaceRepository(target.db).write(broken, "test")).rejects.toThrow();
      for (const table of [...tables, "audit_event"])
        expect([table, await rows(target, table)]).toEqual([table, 0]);
    } finally {
      await target.close();
    }
  });

  it("rejects an unknown format with the field named", async () => {
    const target = await openTestStore(backend);
    try {
      await expect(
        importWorkspace({ db: target.db, workspace: { format: "something-else", version: 1 } }),
      ).rejects.toMatchObject({ code: "validation", issues: [{ path: "format" }] });
    } finally {
      await target.close();
    }
  });
});
