import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAlignmentGaps } from "../../src/domain/graph/alignment-gaps.js";
import { buildAlignmentMap } from "../../src/domain/graph/alignment-map.js";
import type { GraphRows } from "../../src/domain/graph/graph-rows.js";
import { outageImpactOf } from "../../src/domain/graph/outage-impact.js";
import { traceGoalDown } from "../../src/domain/graph/trace-down.js";
import { traceServiceUp } from "../../src/domain/graph/trace-up.js";
import type { Role } from "../../src/domain/schemas/user.js";
import { systemActor } from "../../src/store/actor.js";
import type { Db } from "../../src/store/database.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { repositoriesAs } from "../support/actors.js";
import {
  makeBusinessUnit,
  makeCapability,
  makeGoal,
  makeInitiative,
  makePerson,
  makeService,
} from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

const unknownId = "00000000-0000-4000-8000-000000000000";
const sla = [{ priority: 1, responseSeconds: 900, resolutionSeconds: 14_400 }];

/**
 * Sales (with Online Sales beneath it) and HR. Web Shop supports Order capture (0.8) and
 * Payments (0.5), Payment Gateway supports Payments (1.0); Web Shop depends on Payment Gateway
 * and Database, Payment Gateway on Database. Order capture serves Faster checkout (60) and Win
 * online customers (40); Payments serves Faster checkout (50) and Fewer abandoned carts (30).
 * Cascade: Grow revenue ▸ Win online customers ▸ {Faster checkout, Fewer abandoned carts}.
 * Archived things hang everywhere and must never show.
 */
describe.each(testBackends())("graph questions in the store on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  const id: Record<string, string> = {};
  const as = (role: Role, units: string[] = []) => repositoriesAs(store.db, role, units);
  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    const sales = await makeBusinessUnit(sys, { name: "Sales" });
    const online = await makeBusinessUnit(sys, { name: "Online Sales", parentId: sales.id });
    const hr = await makeBusinessUnit(sys, { name: "HR" });
    const closed = await makeBusinessUnit(sys, { name: "Closed unit" });
    const owner = await makePerson(sys, { name: "Olga Owner" });
    const s1 = await makeGoal(sys, { name: "Grow revenue", ownerBusinessUnitId: sales.id });
    const g1 = await makeGoal(sys, {
      name: "Win online customers",
      level: "goal",
      parentId: s1.id,
      ownerBusinessUnitId: online.id,
    });
    const o1 = await makeGoal(sys, {
      name: "Faster checkout",
      level: "objective",
      parentId: g1.id,
      ownerBusinessUnitId: online.id,
    });
    const o2 = await makeGoal(sys, {
      name: "Fewer abandoned carts",
      level: "objective",
      parentId: g1.id,
      ownerBusinessUnitId: sales.id,
    });
    const s2 = await makeGoal(sys, { name: "Retain talent", ownerBusinessUnitId: hr.id });
    const oldGoal = await makeGoal(sys, { name: "Archived goal", level: "goal", parentId: s1.id });
    const c1 = await makeCapability(sys, {
      name: "Order capture",
      ownerBusinessUnitId: online.id,
      downtimeCostPerHourCents: 100_000,
      users: 200,
    });
    const c2 = await makeCapability(sys, {
      name: "Payments",
      ownerBusinessUnitId: sales.id,
      downtimeCostPerHourCents: 50_000,
      users: 300,
    });
    const c3 = await makeCapability(sys, {
      name: "Payroll processing",
      downtimeCostPerHourCents: 20_000,
      users: 50,
    });
    const oldCap = await makeCapability(sys, { name: "Archived capability", ownerBusinessUnitId: sales.id });
    const service = (name: string, more: object = {}) =>
      makeService(sys, { name, businessOwnerId: owner.id, ...more });
    const shop = await service("Web Shop", { slaTargets: sla });
    const gw = await service("Payment Gateway", { slaTargets: sla });
    const db = await service("Database");
    const payroll = await service("Payroll");
    const intranet = await makeService(sys, { name: "Intranet" });
    await makeService(sys, { name: "Fax server", lifecycleStatus: "retired" });
    const oldService = await service("Archived service");
    const link = sys.links.put.bind(sys.links);
    await link("service-capability", { serviceId: shop.id, capabilityId: c1.id, strength: 0.8 });
    await link("service-capability", { serviceId: shop.id, capabilityId: c2.id, strength: 0.5 });
    await link("service-capability", { serviceId: gw.id, capabilityId: c2.id, strength: 1 });
    await link("service-capability", { serviceId: payroll.id, capabilityId: c3.id, strength: 1 });
    await link("service-capability", { serviceId: shop.id, capabilityId: oldCap.id, strength: 1 });
    await link("service-capability", { serviceId: oldService.id, capabilityId: c1.id, strength: 1 });
    await link("capability-goal", { capabilityId: c1.id, goalId: o1.id, weight: 60 });
    await link("capability-goal", { capabilityId: c1.id, goalId: g1.id, weight: 40 });
    await link("capability-goal", { capabilityId: c2.id, goalId: o1.id, weight: 50 });
    await link("capability-goal", { capabilityId: c2.id, goalId: o2.id, weight: 30 });
    await link("capability-goal", { capabilityId: oldCap.id, goalId: s2.id, weight: 100 });
    await link("capability-goal", { capabilityId: c3.id, goalId: oldGoal.id, weight: 100 });
    await link("unit-service", { businessUnitId: online.id, serviceId: shop.id, share: 70 });
    await link("unit-service", { businessUnitId: sales.id, serviceId: shop.id, share: 30 });
    await link("unit-service", { businessUnitId: sales.id, serviceId: gw.id, share: 100 });
    await link("unit-service", { businessUnitId: hr.id, serviceId: payroll.id, share: 100 });
    await link("unit-service", { businessUnitId: sales.id, serviceId: db.id, share: 50 });
    await link("unit-service", { businessUnitId: closed.id, serviceId: db.id, share: 50 });
    await link("service-dependency", { serviceId: shop.id, dependsOnServiceId: gw.id });
    await link("service-dependency", { serviceId: gw.id, dependsOnServiceId: db.id });
    await link("service-dependency", { serviceId: shop.id, dependsOnServiceId: db.id });
    await link("service-dependency", { serviceId: oldService.id, dependsOnServiceId: db.id });
    const revamp = await makeInitiative(sys, { name: "Checkout revamp" });
    const upgrade = await makeInitiative(sys, { name: "CRM upgrade" });
    await link("initiative-goal", { initiativeId: revamp.id, goalId: o1.id, weight: 40 });
    await link("initiative-goal", { initiativeId: revamp.id, goalId: o2.id, weight: 20 });
    await link("initiative-goal", { initiativeId: upgrade.id, goalId: o1.id, weight: 100 });
    await sys.goals.archive(oldGoal.id);
    await sys.capabilities.archive(oldCap.id);
    await sys.services.archive(oldService.id);
    await sys.businessUnits.archive(closed.id);
    Object.assign(id, {
      sales: sales.id,
      online: online.id,
      hr: hr.id,
      s1: s1.id,
      g1: g1.id,
      o1: o1.id,
      o2: o2.id,
      s2: s2.id,
      oldGoal: oldGoal.id,
      c1: c1.id,
      c2: c2.id,
      c3: c3.id,
      shop: shop.id,
      gw: gw.id,
      db: db.id,
      payroll: payroll.id,
      intranet: intranet.id,
      oldService: oldService.id,
      revamp: revamp.id,
    });
  });
  afterAll(async () => store.close());

  it("traces Web Shop up to its capabilities, goals (carried up the cascade) and units", async () => {
    const trace = await sys.graph.traceUp(id.shop as string);
    expect(trace.capabilities).toEqual([
      { id: id.c1, name: "Order capture", strength: 0.8, downtimeCostPerHourCents: 100_000 },
      { id: id.c2, name: "Payments", strength: 0.5, downtimeCostPerHourCents: 50_000 },
    ]);
    // Faster checkout 0.8 × 60/100 + 0.5 × 50/100 = 0.73; Fewer abandoned carts 0.5 × 30/100 = 0.15;
    // Win online customers 0.8 × 40/100 + 0.73 + 0.15 = 1.2; Grow revenue 1.2.
    expect(trace.goals.map((g) => [g.name, g.pathWeight, g.parentId, g.via])).toEqual([
      ["Faster checkout", 0.73, id.g1, ["Order capture", "Payments"]],
      ["Fewer abandoned carts", 0.15, id.g1, ["Payments"]],
      ["Grow revenue", 1.2, null, ["Order capture", "Payments"]],
      ["Win online customers", 1.2, id.s1, ["Order capture", "Payments"]],
    ]);
    expect(trace.businessUnits).toEqual([
      {
        id: id.online,
        name: "Online Sales",
        consumesShare: 70,
        ownsGoals: [id.o1, id.g1],
        ownsCapabilities: [id.c1],
      },
      {
        id: id.sales,
        name: "Sales",
        consumesShare: 30,
        ownsGoals: [id.o2, id.s1],
        ownsCapabilities: [id.c2],
      },
    ]);
  });

  it("traces Win online customers down to capabilities, direct services and their dependencies", async () => {
    const trace = await sys.graph.traceDown(id.g1 as string);
    expect(trace.goals.map((g) => [g.name, g.parentId])).toEqual([
      ["Win online customers", null],
      ["Faster checkout", id.g1],
      ["Fewer abandoned carts", id.g1],
    ]);
    expect(trace.capabilities).toEqual([
      { id: id.c1, name: "Order capture", weight: 100 },
      { id: id.c2, name: "Payments", weight: 80 },
    ]);
    // Web Shop 0.8 × 100/100 + 0.5 × 80/100 = 1.2; Payment Gateway 1 × 80/100 = 0.8; Database inherits the max, 1.2.
    expect(trace.services).toEqual([
      { id: id.shop, name: "Web Shop", pathWeight: 1.2, via: ["Order capture", "Payments"], direct: true },
      { id: id.db, name: "Database", pathWeight: 1.2, via: ["Web Shop", "Database"], direct: false },
      { id: id.gw, name: "Payment Gateway", pathWeight: 0.8, via: ["Payments"], direct: true },
    ]);
  });

  it("spreads a Database outage to its dependants and prices it", async () => {
    const impact = await sys.graph.outageImpact(id.db as string);
    expect(impact.impactedServices.map((s) => s.dependsOnPath)).toEqual([
      ["Database"],
      ["Payment Gateway", "Database"],
      ["Web Shop", "Database"],
    ]);
    // Order capture 100 000 × 0.8 = 80 000; Payments 50 000 × max(0.5, 1) = 50 000.
    expect(impact.capabilities.map((c) => [c.name, c.strength, c.costPerHourCents])).toEqual([
      ["Order capture", 0.8, 80_000],
      ["Payments", 1, 50_000],
    ]);
    expect(impact.goals.map((g) => g.name)).toEqual([
      "Faster checkout",
      "Fewer abandoned carts",
      "Grow revenue",
      "Win online customers",
    ]);
    // The archived unit's 50 % of Database is left out.
    expect(impact.businessUnits).toEqual([
      { id: id.online, name: "Online Sales", share: null },
      { id: id.sales, name: "Sales", share: 50 },
    ]);
    expect([impact.usersAtLeast, impact.usersAtMost, impact.costPerHourCents]).toEqual([300, 500, 130_000]);
  });

  it("reports the alignment gaps", async () => {
    const gaps = await sys.graph.gaps();
    expect(gaps.servicesServingNoGoal.map((s) => s.name)).toEqual(["Intranet", "Payroll"]);
    expect(gaps.goalsWithoutService.map((g) => g.name)).toEqual(["Retain talent"]);
    expect(gaps.capabilitiesWithoutOwner.map((c) => c.name)).toEqual(["Payroll processing"]);
    expect(gaps.consumedServicesWithoutSla.map((s) => s.name)).toEqual(["Database", "Payroll"]);
    expect(gaps.servicesWithoutBusinessOwner.map((s) => s.name)).toEqual(["Intranet"]);
    // Database: only Sales's 50 counts (the other unit is archived); Payments 50 + 30; Checkout revamp 40 + 20.
    expect(gaps.weightsNotAddingUp).toEqual([
      { kind: "service consumption shares", item: { id: id.db, name: "Database" }, total: 50 },
      { kind: "capability goal weights", item: { id: id.c2, name: "Payments" }, total: 80 },
      { kind: "initiative goal weights", item: { id: id.revamp, name: "Checkout revamp" }, total: 60 },
    ]);
  });

  it("draws the map without archived nodes or their links", async () => {
    const map = await sys.graph.map();
    const names = map.nodes.map((n) => `${n.kind}:${n.name}`);
    expect(names).toContain("service:Fax server");
    expect(names.filter((n) => n.includes("Archived") || n.includes("Closed"))).toEqual([]);
    const nodeIds = new Set(ids(map.nodes));
    expect(map.edges.every((e) => nodeIds.has(e.from) && nodeIds.has(e.to))).toBe(true);
    expect(map.edges.filter((e) => e.kind === "depends-on")).toHaveLength(3);
    expect(map.edges.find((e) => e.kind === "supports" && e.from === id.shop && e.to === id.c1)?.value).toBe(
      0.8,
    );
    expect(map.nodes.find((n) => n.id === id.o1)).toEqual({
      id: id.o1,
      name: "Faster checkout",
      kind: "goal",
      parentId: id.g1,
      level: "objective",
    });
  });

  it("answers not found for unknown and archived ids", async () => {
    await expect(sys.graph.traceUp(unknownId)).rejects.toMatchObject({ code: "not_found" });
    await expect(sys.graph.outageImpact(id.oldService as string)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(sys.graph.traceDown(id.oldGoal as string)).rejects.toMatchObject({ code: "not_found" });
    await expect(sys.graph.traceDown(unknownId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("restricts a stakeholder of Online Sales to their own part of every answer", async () => {
    const r = as("business_stakeholder", [id.online as string]);
    const up = await r.graph.traceUp(id.shop as string);
    expect(ids(up.capabilities)).toEqual([id.c1]);
    // Grow revenue belongs to Sales, so Win online customers is a root for them.
    expect(up.goals.map((g) => [g.name, g.parentId])).toEqual([
      ["Faster checkout", id.g1],
      ["Win online customers", null],
    ]);
    expect(ids(up.businessUnits)).toEqual([id.online]);
    const down = await r.graph.traceDown(id.g1 as string);
    expect(ids(down.goals)).toEqual([id.g1, id.o1]);
    expect(ids(down.services)).toEqual([id.shop]);
    const impact = await r.graph.outageImpact(id.shop as string);
    // Only Order capture is theirs: 100 000 × 0.8 = 80 000, 200 users.
    expect([impact.costPerHourCents, impact.usersAtLeast, impact.usersAtMost]).toEqual([80_000, 200, 200]);
    const map = await r.graph.map();
    expect(map.nodes.map((n) => n.name).sort()).toEqual([
      "Faster checkout",
      "Online Sales",
      "Order capture",
      "Web Shop",
      "Win online customers",
    ]);
  });

  it("hides other units' services and goals from a stakeholder as not found, and refuses them the gap report", async () => {
    const r = as("business_stakeholder", [id.online as string]);
    await expect(r.graph.traceUp(id.gw as string)).rejects.toMatchObject({ code: "not_found" });
    await expect(r.graph.outageImpact(id.db as string)).rejects.toMatchObject({ code: "not_found" });
    await expect(r.graph.traceDown(id.s1 as string)).rejects.toMatchObject({ code: "not_found" });
    await expect(r.graph.gaps()).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows everything to the other roles", async () => {
    for (const role of ["admin", "it", "relationship_manager", "viewer"] as const) {
      const r = as(role, [id.hr as string]);
      expect(await r.graph.traceUp(id.shop as string)).toEqual(await sys.graph.traceUp(id.shop as string));
      expect((await r.graph.gaps()).goalsWithoutService).toHaveLength(1);
    }
  });
});

/** Reads the whole live graph with plain selects: the independent route to each answer. */
const loadLiveGraph = async (db: Db): Promise<GraphRows> => {
  const live = <T>(rows: (T & { archivedAt: string | null })[]) => rows.filter((r) => r.archivedAt === null);
  return {
    units: live(
      await db.selectFrom("businessUnit").select(["id", "name", "parentId", "archivedAt"]).execute(),
    ),
    goals: live(
      await db
        .selectFrom("businessGoal")
        .select(["id", "name", "level", "parentId", "ownerBusinessUnitId", "status", "archivedAt"])
        .execute(),
    ),
    capabilities: live(
      await db
        .selectFrom("capability")
        .select([
          "id",
          "name",
          "parentId",
          "ownerBusinessUnitId",
          "downtimeCostPerHourCents",
          "users",
          "archivedAt",
        ])
        .execute(),
    ),
    services: live(
      await db
        .selectFrom("itService")
        .select(["id", "name", "lifecycleStatus", "businessOwnerId", "archivedAt"])
        .execute(),
    ),
    serviceCapabilities: await db.selectFrom("serviceCapability").selectAll().execute(),
    capabilityGoals: await db.selectFrom("capabilityGoal").selectAll().execute(),
    unitServices: await db.selectFrom("unitService").selectAll().execute(),
    serviceDependencies: await db.selectFrom("serviceDependency").selectAll().execute(),
  };
};

const uuidOf = (kind: number, n: number) =>
  `00000000-0000-4000-8000-${kind.toString().padStart(4, "0")}${n.toString().padStart(8, "0")}`;

/** A small random graph: goal cascades, capability links, dependencies that may form cycles, archived nodes. */
const randomGraph = fc
  .record({
    units: fc.integer({ min: 1, max: 3 }),
    goals: fc.integer({ min: 2, max: 7 }),
    capabilities: fc.integer({ min: 2, max: 5 }),
    services: fc.integer({ min: 3, max: 8 }),
  })
  .chain((size) => {
    const pick = (n: number) => fc.nat({ max: n - 1 });
    // About one node in six archived: enough to matter, few enough to leave a graph.
    const flags = (n: number) =>
      fc.array(
        fc.nat({ max: 5 }).map((x) => x === 0),
        { minLength: n, maxLength: n },
      );
    const maybe = (n: number) => fc.option(pick(n), { nil: null });
    const pairs = <V>(a: number, b: number, value: fc.Arbitrary<V>, max: number) =>
      fc.uniqueArray(fc.tuple(pick(a), pick(b), value), {
        selector: ([x, y]) => `${x}/${y}`,
        minLength: Math.min(2, a * b),
        maxLength: Math.min(max, a * b),
      });
    return fc.record({
      size: fc.constant(size),
      goalParents: fc.array(fc.option(fc.nat(), { nil: null }), {
        minLength: size.goals,
        maxLength: size.goals,
      }),
      goalOwners: fc.array(maybe(size.units), { minLength: size.goals, maxLength: size.goals }),
      capabilityOwners: fc.array(maybe(size.units), {
        minLength: size.capabilities,
        maxLength: size.capabilities,
      }),
      costs: fc.array(fc.integer({ min: 0, max: 10_000 }), {
        minLength: size.capabilities,
        maxLength: size.capabilities,
      }),
      archived: fc.record({
        units: flags(size.units),
        goals: flags(size.goals),
        capabilities: flags(size.capabilities),
        services: flags(size.services),
      }),
      supports: pairs(size.services, size.capabilities, fc.integer({ min: 0, max: 10 }), 14),
      serves: pairs(size.capabilities, size.goals, fc.integer({ min: 0, max: 100 }), 12),
      consumes: pairs(size.units, size.services, fc.integer({ min: 0, max: 100 }), 8),
      dependsOn: pairs(size.services, size.services, fc.constant(null), 12).map((deps) =>
        deps.filter(([a, b]) => a !== b),
      ),
    });
  });
type RandomGraph = typeof randomGraph extends fc.Arbitrary<infer T> ? T : never;

/** Writes the random graph straight into the tables (dependency cycles included, which the API would refuse). */
const insertGraph = async (db: Db, g: RandomGraph) => {
  for (const table of [
    "service_capability",
    "capability_goal",
    "unit_service",
    "service_dependency",
    "it_service",
    "capability",
    "business_goal",
    "business_unit",
  ]) {
    await sql`DELETE FROM ${sql.table(table)}`.execute(db);
  }
  const when = (archived: boolean | undefined) => (archived ? "2026-01-01T00:00:00.000Z" : null);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const [U, G, C, S] = [1, 2, 3, 4];
  await db
    .insertInto("businessUnit")
    .values(
      range(g.size.units).map((i) => ({
        id: uuidOf(U, i),
        name: `U${i}`,
        headcount: 0,
        description: "",
        updatedAt: "2026-01-01T00:00:00.000Z",
        archivedAt: when(g.archived.units[i]),
      })),
    )
    .execute();
  const depth: number[] = [];
  const goalParent = (i: number) => {
    const p = g.goalParents[i];
    return i === 0 || p === null || p === undefined ? null : p % i;
  };
  for (const i of range(g.size.goals)) {
    const parent = goalParent(i);
    depth.push(parent === null ? 0 : (depth[parent] ?? 0) + 1);
  }
  const levels = ["strategic", "goal", "objective"] as const;
  await db
    .insertInto("businessGoal")
    .values(
      range(g.size.goals).map((i) => {
        const parent = goalParent(i);
        const owner = g.goalOwners[i];
        return {
          id: uuidOf(G, i),
          name: `G${i}`,
          level: levels[Math.min(depth[i] ?? 0, 2)] ?? "objective",
          parentId: parent === null ? null : uuidOf(G, parent),
          ownerBusinessUnitId: owner === null || owner === undefined ? null : uuidOf(U, owner),
          priorityWeight: 1,
          status: i % 3 === 2 ? "dropped" : "active",
          description: "",
          updatedAt: "2026-01-01T00:00:00.000Z",
          archivedAt: when(g.archived.goals[i]),
        };
      }),
    )
    .execute();
  await db
    .insertInto("capability")
    .values(
      range(g.size.capabilities).map((i) => {
        const owner = g.capabilityOwners[i];
        return {
          id: uuidOf(C, i),
          name: `C${i}`,
          parentId: i === 0 ? null : uuidOf(C, 0),
          ownerBusinessUnitId: owner === null || owner === undefined ? null : uuidOf(U, owner),
          downtimeCostPerHourCents: g.costs[i] ?? 0,
          users: (i + 1) * 10,
          criticality: "medium",
          description: "",
          updatedAt: "2026-01-01T00:00:00.000Z",
          archivedAt: when(g.archived.capabilities[i]),
        };
      }),
    )
    .execute();
  await db
    .insertInto("itService")
    .values(
      range(g.size.services).map((i) => ({
        id: uuidOf(S, i),
        name: `S${i}`,
        description: "",
        lifecycleStatus: i % 4 === 3 ? "retired" : "live",
        criticalityTier: 3,
        updatedAt: "2026-01-01T00:00:00.000Z",
        archivedAt: when(g.archived.services[i]),
      })),
    )
    .execute();
  const insertLinks = async <R>(
    table: "serviceCapability" | "capabilityGoal" | "unitService" | "serviceDependency",
    rows: R[],
  ) => {
    if (rows.length > 0)
      await db
        .insertInto(table)
        .values(rows as never)
        .execute();
  };
  await insertLinks(
    "serviceCapability",
    g.supports.map(([s, c, v]) => ({
      serviceId: uuidOf(S, s),
      capabilityId: uuidOf(C, c),
      strength: v / 10,
    })),
  );
  await insertLinks(
    "capabilityGoal",
    g.serves.map(([c, goal, w]) => ({ capabilityId: uuidOf(C, c), goalId: uuidOf(G, goal), weight: w })),
  );
  await insertLinks(
    "unitService",
    g.consumes.map(([u, s, share]) => ({ businessUnitId: uuidOf(U, u), serviceId: uuidOf(S, s), share })),
  );
  await insertLinks(
    "serviceDependency",
    g.dependsOn.map(([a, b]) => ({ serviceId: uuidOf(S, a), dependsOnServiceId: uuidOf(S, b) })),
  );
};

describe.each(testBackends())(
  "graph questions: recursive SQL agrees with the pure functions on %s",
  (backend) => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(backend);
    });
    afterAll(async () => store.close());

    it("on random graphs, every trace, outage, gap report and map equals the answer from the whole graph", async () => {
      const repos = createRepositories(store.db, systemActor("property"));
      await fc.assert(
        fc.asyncProperty(randomGraph, async (g) => {
          await insertGraph(store.db, g);
          const whole = await loadLiveGraph(store.db);
          for (const s of whole.services) {
            expect(await repos.graph.traceUp(s.id)).toEqual(traceServiceUp(whole, s.id));
            expect(await repos.graph.outageImpact(s.id)).toEqual(outageImpactOf(whole, s.id));
          }
          for (const goal of whole.goals) {
            expect(await repos.graph.traceDown(goal.id)).toEqual(traceGoalDown(whole, goal.id));
          }
          expect(await repos.graph.map()).toEqual(buildAlignmentMap(whole));
          const gaps = await repos.graph.gaps();
          expect(gaps).toEqual(
            findAlignmentGaps({ ...whole, slaServiceIds: [], initiatives: [], initiativeGoals: [] }),
          );
          const archivedService = g.archived.services.findIndex(Boolean);
          if (archivedService >= 0) {
            await expect(repos.graph.traceUp(uuidOf(4, archivedService))).rejects.toMatchObject({
              code: "not_found",
            });
          }
        }),
        { numRuns: 20 },
      );
    });
  },
);
