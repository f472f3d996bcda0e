/**
 * How fast the graph questions are on a large organisation (target: p95 under 20 ms per question).
 * Builds one synthetic graph — 5000 services, 2000 capabilities (a tree), 500 goals (a 3-level
 * cascade), ~10 000 service→capability links, ~4000 capability→goal links, ~3000 acyclic
 * dependencies, 40 units — on PGlite (a temporary directory) and, when DATABASE_URL or
 * TEST_DATABASE_URL is set, on PostgreSQL (a throwaway database), then times the repository's
 * answers on random ids. Same seed, same graph, same ids on both backends.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { systemActor } from "../src/store/actor.js";
import type { Db, NewRow } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";

const TARGET_MS = 20;
const SIZES = { units: 40, strategic: 20, goals: 100, objectives: 380, capabilities: 2000, services: 5000 };
const RUNS = { traceUp: 200, traceDown: 200, outageImpact: 200, gaps: 20, map: 5 };
const WARM_UP = 10;

/** mulberry32: a small seeded PRNG, so every run and both backends get the same graph. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface SyntheticGraph {
  units: NewRow<"businessUnit">[];
  goals: NewRow<"businessGoal">[];
  capabilities: NewRow<"capability">[];
  services: NewRow<"itService">[];
  serviceCapabilities: NewRow<"serviceCapability">[];
  capabilityGoals: NewRow<"capabilityGoal">[];
  unitServices: NewRow<"unitService">[];
  serviceDependencies: NewRow<"serviceDependency">[];
  slaTargets: NewRow<"serviceSlaTarget">[];
}

const buildGraph = (seed: number): SyntheticGraph => {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pickFrom = <T>(items: T[]) => items[int(items.length)] as T;
  const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
  const unitIds = ids(SIZES.units);
  const units = unitIds.map((id, i) => ({
    id,
    name: `Unit ${i}`,
    // The first eight are top-level divisions; the others hang under an earlier unit.
    parentId: i < 8 ? null : (unitIds[int(i)] ?? null),
    headcount: 10 + int(500),
    description: "",
  }));
  const strategic = ids(SIZES.strategic);
  const middle = ids(SIZES.goals);
  const objectives = ids(SIZES.objectives);
  const goal = (
    id: string,
    i: number,
    level: "strategic" | "goal" | "objective",
    parentId: string | null,
  ) => ({
    id,
    name: `${level} ${i}`,
    level,
    parentId,
    ownerBusinessUnitId: pickFrom(unitIds),
    priorityWeight: 1,
    status: "active",
    description: "",
  });
  const goals = [
    ...strategic.map((id, i) => goal(id, i, "strategic", null)),
    ...middle.map((id, i) => goal(id, i, "goal", pickFrom(strategic))),
    ...objectives.map((id, i) => goal(id, i, "objective", pickFrom(middle))),
  ];
  const goalIds = goals.map((g) => g.id);
  const capabilityIds = ids(SIZES.capabilities);
  const capabilities = capabilityIds.map((id, i) => ({
    id,
    name: `Capability ${i}`,
    parentId: i < 50 ? null : (capabilityIds[int(i)] ?? null),
    ownerBusinessUnitId: random() < 0.1 ? null : pickFrom(unitIds),
    downtimeCostPerHourCents: int(5_000_000),
    users: int(2000),
    criticality: "medium",
    description: "",
  }));
  const serviceIds = ids(SIZES.services);
  const services = serviceIds.map((id, i) => ({
    id,
    name: `Service ${i}`,
    lifecycleStatus: random() < 0.05 ? "retired" : "live",
    criticalityTier: 1 + int(4),
    description: "",
  }));
  const pairs = <T>(count: number, make: () => [string, string, T]) => {
    const seen = new Map<string, [string, string, T]>();
    while (seen.size < count) {
      const p = make();
      if (p[0] !== p[1]) seen.set(`${p[0]}/${p[1]}`, p);
    }
    return [...seen.values()];
  };
  const serviceCapabilities = pairs(10_000, () => [
    pickFrom(serviceIds),
    pickFrom(capabilityIds),
    Math.round(random() * 10) / 10,
  ]).map(([serviceId, capabilityId, strength]) => ({ serviceId, capabilityId, strength }));
  const capabilityGoals = pairs(4000, () => [pickFrom(capabilityIds), pickFrom(goalIds), 10 + int(91)]).map(
    ([capabilityId, goalId, weight]) => ({ capabilityId, goalId, weight }),
  );
  // Acyclic: a service only depends on services with a lower index.
  const serviceDependencies = pairs(3000, () => {
    const i = 1 + int(SIZES.services - 1);
    return [serviceIds[i] as string, serviceIds[int(i)] as string, null];
  }).map(([serviceId, dependsOnServiceId]) => ({ serviceId, dependsOnServiceId }));
  const unitServices = pairs(7500, () => [pickFrom(unitIds), pickFrom(serviceIds), 10 + int(91)]).map(
    ([businessUnitId, serviceId, share]) => ({ businessUnitId, serviceId, share }),
  );
  const slaTargets = serviceIds
    .filter(() => random() < 0.6)
    .map((serviceId) => ({ serviceId, priority: 1, responseSeconds: 900, resolutionSeconds: 14_400 }));
  return {
    units,
    goals,
    capabilities,
    services,
    serviceCapabilities,
    capabilityGoals,
    unitServices,
    serviceDependencies,
    slaTargets,
  };
};

/** Plain multi-row INSERTs, 1000 rows each (well under PostgreSQL's parameter limit). */
const insertAll = async (db: Db, g: SyntheticGraph) => {
  const chunks = async <T extends keyof SyntheticGraph>(
    table: Parameters<Db["insertInto"]>[0],
    rows: SyntheticGraph[T],
  ) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + 1000) as never)
        .execute();
    }
  };
  // Parents come before children in every list, so the immediate foreign keys hold row by row.
  await chunks("businessUnit", g.units);
  await chunks("businessGoal", g.goals);
  await chunks("capability", g.capabilities);
  await chunks("itService", g.services);
  await chunks("serviceCapability", g.serviceCapabilities);
  await chunks("capabilityGoal", g.capabilityGoals);
  await chunks("unitService", g.unitServices);
  await chunks("serviceDependency", g.serviceDependencies);
  await chunks("serviceSlaTarget", g.slaTargets);
  // Fresh bulk data: give the planner statistics, as autovacuum would soon after an import.
  await sql`ANALYZE`.execute(db);
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Timing {
  question: string;
  runs: number;
  p50: number;
  p95: number;
}

const time = async (
  question: string,
  runs: number,
  once: (i: number) => Promise<unknown>,
): Promise<Timing> => {
  for (let i = 0; i < Math.min(WARM_UP, runs); i++) await once(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { question, runs, p50: percentile(ms, 50), p95: percentile(ms, 95) };
};

const benchStore = async (label: string, store: Store, graph: SyntheticGraph) => {
  const loadStarted = performance.now();
  await migrate(store.db);
  await insertAll(store.db, graph);
  const loadMs = performance.now() - loadStarted;
  const repo = createRepositories(store.db, systemActor("bench")).graph;
  const random = prng(7);
  const serviceIds = graph.services.map((s) => s.id);
  const goalIds = graph.goals.map((g) => g.id);
  const pick = (items: string[]) => items[Math.floor(random() * items.length)] as string;
  const timings = [
    await time("trace-up", RUNS.traceUp, () => repo.traceUp(pick(serviceIds))),
    await time("trace-down", RUNS.traceDown, () => repo.traceDown(pick(goalIds))),
    await time("outage-impact", RUNS.outageImpact, () => repo.outageImpact(pick(serviceIds))),
    await time("gaps", RUNS.gaps, () => repo.gaps()),
    await time("map", RUNS.map, () => repo.map()),
  ];
  console.log(`\n${label} (migrate + bulk insert ${(loadMs / 1000).toFixed(1)} s)`);
  console.log("  question        runs    p50 ms    p95 ms   p95 / 20 ms");
  for (const t of timings) {
    console.log(
      `  ${t.question.padEnd(14)} ${String(t.runs).padStart(5)} ${t.p50.toFixed(2).padStart(9)} ${t.p95
        .toFixed(2)
        .padStart(9)} ${(t.p95 / TARGET_MS).toFixed(2).padStart(12)}`,
    );
  }
};

const graph = buildGraph(42);
console.log(
  `graph questions on a synthetic organisation: ${graph.services.length} services, ${graph.capabilities.length} capabilities, ` +
    `${graph.goals.length} goals, ${graph.units.length} units, ${graph.serviceCapabilities.length} service→capability, ` +
    `${graph.capabilityGoals.length} capability→goal, ${graph.serviceDependencies.length} dependencies, ` +
    `${graph.unitServices.length} unit→service links`,
);
console.log(
  `baseline: ${TARGET_MS} ms target (p95 per question); ${WARM_UP} warm-up runs per question not counted`,
);

const dataDir = await mkdtemp(join(tmpdir(), "tandem-bench-graph-"));
try {
  const store = await openStore({ kind: "pglite", dataDir });
  try {
    await benchStore("PGlite", store, graph);
  } finally {
    await store.close();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const dbName = `tandem_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    const store = await openStore({ kind: "postgres", connectionString: url.toString() });
    try {
      await benchStore(`PostgreSQL (${url.host}, throwaway database ${dbName})`, store, graph);
    } finally {
      await store.close();
    }
  } finally {
    // pg's pool resolves end() before its connections have said goodbye; let them, or FORCE would cut them off mid-way.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log("\nPostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL to include it)");
}
