/**
 * How fast the graph questions are on a large organisation (target: p95 under 20 ms per question).
 * Builds one synthetic graph (bench/synthetic-workspace.ts: 5000 services, 2000 capabilities in a
 * tree, 500 goals in a 3-level cascade, ~10 000 service→capability and ~4000 capability→goal links,
 * ~5000 acyclic dependencies, 40 units) on PGlite (a temporary directory) and, when DATABASE_URL or
 * TEST_DATABASE_URL is set, on PostgreSQL (a throwaway database), then times the repository's
 * answers on random ids. Same seed, same graph, same ids on both backends.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Workspace } from "../src/domain/schemas/workspace.js";
import { seededRandom } from "../src/domain/seeded-random.js";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";
import { WorkspaceRepository } from "../src/store/repositories/workspace-repository.js";
import { syntheticWorkspace } from "./synthetic-workspace.js";
import { benchServerUrl, withThrowawayDatabase } from "./throwaway-database.js";

const TARGET_MS = 20;
const RUNS = { traceUp: 200, traceDown: 200, outageImpact: 200, gaps: 20, map: 5 };
const WARM_UP = 10;

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

const benchStore = async (label: string, store: Store, graph: Workspace) => {
  const loadStarted = performance.now();
  await migrate(store.db);
  await new WorkspaceRepository(store.db).write(graph, "bench");
  const loadMs = performance.now() - loadStarted;
  const repo = createRepositories(store.db, systemActor("bench")).graph;
  const random = seededRandom(7);
  const serviceIds = graph.services.map((s) => s.id);
  const goalIds = graph.goals.map((g) => g.id);
  const timings = [
    await time("trace-up", RUNS.traceUp, () => repo.traceUp(random.pick(serviceIds))),
    await time("trace-down", RUNS.traceDown, () => repo.traceDown(random.pick(goalIds))),
    await time("outage-impact", RUNS.outageImpact, () => repo.outageImpact(random.pick(serviceIds))),
    await time("gaps", RUNS.gaps, () => repo.gaps()),
    await time("map", RUNS.map, () => repo.map()),
  ];
  console.log(`\n${label} (migrate + bulk import ${(loadMs / 1000).toFixed(1)} s)`);
  console.log("  question        runs    p50 ms    p95 ms   p95 / 20 ms");
  for (const t of timings) {
    console.log(
      `  ${t.question.padEnd(14)} ${String(t.runs).padStart(5)} ${t.p50.toFixed(2).padStart(9)} ${t.p95
        .toFixed(2)
        .padStart(9)} ${(t.p95 / TARGET_MS).toFixed(2).padStart(12)}`,
    );
  }
};

const graph = syntheticWorkspace({ units: 40, services: 5000, capabilities: 2000, goals: 500 }, 42);
const { links } = graph;
console.log(
  `graph questions on a synthetic organisation: ${graph.services.length} services, ${graph.capabilities.length} capabilities, ` +
    `${graph.goals.length} goals, ${graph.businessUnits.length} units, ${links.serviceCapability.length} service→capability, ` +
    `${links.capabilityGoal.length} capability→goal, ${links.serviceDependency.length} dependencies, ` +
    `${links.unitService.length} unit→service links`,
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

const serverUrl = benchServerUrl();
if (serverUrl) await withThrowawayDatabase(serverUrl, (store, label) => benchStore(label, store, graph));
else console.log("\nPostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL to include it)");
