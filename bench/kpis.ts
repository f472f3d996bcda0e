/**
 * KPIs at scale (issue 7): 500 goals and 2,000 KPIs (1,400 business measurements with 26 weekly
 * values each, 600 Tandem metrics over 200 services), every one with a target. Times recomputing
 * every KPI for a quarter (target < 5 s) and the alignment score with its full explanation tree and
 * the change against the quarter before (target p95 < 150 ms). PGlite in a temporary directory and,
 * when DATABASE_URL or TEST_DATABASE_URL is set, PostgreSQL (a throwaway database).
 * The metric KPIs read the ticket rollups, whose histogram rows grow with the ticket count (about
 * one per ticket at the month × service grain): with BENCH_TICKET_STORE, the store that
 * bench/scorecard.ts generated and kept (BENCH_STORE_DIR; 5,000,000 incidents by default, 500
 * services) is used instead of an empty one, its services carry the metric KPIs, and the 500 goals
 * are added to it (use a copy of the kept store: the bench writes into it). Without it the ticket
 * store is empty (the figures then leave the ticket-dependent part out).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { addDays, parsePeriod } from "../src/domain/kpis/period.js";
import { seededRandom } from "../src/domain/seeded-random.js";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";
import { WorkspaceRepository } from "../src/store/repositories/workspace-repository.js";
import { computeAlignmentScore } from "../src/use-cases/compute-alignment-score.js";
import { defaultKpiSources } from "../src/use-cases/kpi-source-registry.js";
import { recomputeKpis } from "../src/use-cases/recompute-kpis.js";
import { syntheticWorkspace } from "./synthetic-workspace.js";
import { benchServerUrl, withThrowawayDatabase } from "./throwaway-database.js";

const MEASURED = 1400;
const METRIC = 600;
const RECOMPUTE_TARGET_MS = 5000;
const SCORE_TARGET_MS = 150;
const SCORE_RUNS = 40;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const graph = syntheticWorkspace({ units: 40, services: 200, capabilities: 300, goals: 500 }, 42);
const TICKET_STORE = process.env.BENCH_TICKET_STORE;
/** The workspace bench/scorecard.ts wrote into the ticket store (the same seed and sizes). */
const ticketStoreServices = syntheticWorkspace(
  { units: 20, services: 500, capabilities: 200, goals: 50 },
  5,
).services;

/** Only the 500 goals, renamed and without owners, to add to the ticket store beside its workspace. */
const goalsOnly = () => {
  const emptied = Object.fromEntries(
    Object.entries(graph).map(([k, v]) => [k, Array.isArray(v) ? [] : v]),
  ) as unknown as typeof graph;
  return {
    ...emptied,
    links: Object.fromEntries(Object.keys(graph.links).map((k) => [k, []])) as unknown as typeof graph.links,
    goals: graph.goals.map((g) => ({ ...g, name: `KPI bench ${g.name}`, ownerBusinessUnitId: null })),
  };
};

const benchStore = async (label: string, store: Store, withTickets = false) => {
  const loadStarted = performance.now();
  await migrate(store.db);
  await new WorkspaceRepository(store.db).write(withTickets ? goalsOnly() : graph, "bench");
  const services = withTickets ? ticketStoreServices : graph.services;
  const r = seededRandom(11);
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const metrics = [
    ["availabilityPct", "percent", "higher", 99, 99.9],
    ["mttrHours.mean", "hours", "lower", 24, 8],
    ["slaAttainmentPct", "percent", "higher", 80, 95],
  ] as const;
  const kpis: Record<string, unknown>[] = [];
  const targets: Record<string, unknown>[] = [];
  for (let i = 0; i < MEASURED + METRIC; i++) {
    const id = randomUUID();
    const goal = graph.goals[i % graph.goals.length];
    const measured = i < MEASURED;
    const m = metrics[i % metrics.length] as (typeof metrics)[number];
    kpis.push({
      id,
      name: `Bench KPI ${i}`,
      layer: measured ? "strategic" : "operational",
      goalId: goal?.id,
      source: JSON.stringify(
        measured
          ? { kind: "measurement", aggregation: r.pick(["sum", "mean", "last"]) }
          : {
              kind: "metric",
              metric: m[0],
              serviceId: services[i % 200]?.id ?? null,
              businessUnitId: null,
            },
      ),
      unit: measured ? "number" : m[1],
      direction: measured ? "higher" : m[2],
      frequency: measured ? "weekly" : "monthly",
      definition: "bench",
    });
    targets.push({
      id: randomUUID(),
      kpiId: id,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      baseline: measured ? 100 : m[3],
      target: measured ? 200 : m[4],
      steps: "[]",
    });
  }
  for (let i = 0; i < kpis.length; i += 500)
    await db
      .insertInto("kpi")
      .values(kpis.slice(i, i + 500))
      .execute();
  for (let i = 0; i < targets.length; i += 500)
    await db
      .insertInto("kpiTarget")
      .values(targets.slice(i, i + 500))
      .execute();
  const measurements: Record<string, unknown>[] = [];
  for (const k of kpis.slice(0, MEASURED)) {
    for (let w = 0; w < 26; w++) {
      measurements.push({
        kpiId: k.id,
        measuredOn: addDays(parsePeriod("2026-Q2").start, 7 * w + 2),
        value: r.int(60, 220),
        recordedBy: "bench",
        origin: "import",
      });
    }
  }
  for (let i = 0; i < measurements.length; i += 2000)
    await db
      .insertInto("kpiMeasurement")
      .values(measurements.slice(i, i + 2000))
      .execute();
  const loadMs = performance.now() - loadStarted;

  const repositories = createRepositories(store.db, systemActor("bench"));
  const sources = defaultKpiSources(repositories);
  const recompute = async (period: string) => {
    const started = performance.now();
    const result = await recomputeKpis({ repositories, sources, period, now: new Date().toISOString() });
    return { ms: performance.now() - started, result };
  };
  const q2 = await recompute("2026-Q2");
  const first = await recompute("2026-Q3");
  // A changed value: the same period recomputed keeps the first snapshot and stores the difference.
  await db
    .updateTable("kpiMeasurement")
    .set({ value: 999 })
    .where("measuredOn", ">=", "2026-07-01")
    .where("measuredOn", "<", "2026-07-08")
    .execute();
  const again = await recompute("2026-Q3");

  // Cold: the store changed before every ask (a KPI touched), so nothing remembered applies.
  // Warm: the same question again with nothing changed (the remembered report, one fingerprint query).
  const firstKpi = String(kpis[0]?.id);
  const timeScores = async (cold: boolean) => {
    const ms: number[] = [];
    let nodes = 0;
    let changes = 0;
    for (let i = 0; i < SCORE_RUNS + 5; i++) {
      if (cold) {
        await db
          .updateTable("kpi")
          .set({ updatedAt: new Date(Date.now() + i * 1000).toISOString() })
          .where("id", "=", firstKpi)
          .execute();
      }
      const started = performance.now();
      const report = await computeAlignmentScore({ repositories, period: "2026-Q3", compareTo: "2026-Q2" });
      const took = performance.now() - started;
      if (i >= 5) ms.push(took);
      const count = (n: { children: unknown[] }): number =>
        1 + (n.children as { children: unknown[] }[]).reduce((s, c) => s + count(c), 0);
      nodes = count(report.tree);
      changes = report.changes.length;
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), nodes, changes };
  };
  const cold = await timeScores(true);
  const warm = await timeScores(false);
  console.log(
    `\n${label} (migrate + load ${(loadMs / 1000).toFixed(1)} s: ${kpis.length} KPIs, ${measurements.length} measurements, ${graph.goals.length} goals)`,
  );
  console.log(
    `  recompute 2026-Q2 (first)          ${q2.ms.toFixed(0).padStart(6)} ms  (${q2.result.kpis} KPIs, ${q2.result.created} snapshots)`,
  );
  console.log(
    `  recompute 2026-Q3 (first)          ${first.ms.toFixed(0).padStart(6)} ms  target < ${RECOMPUTE_TARGET_MS} ms`,
  );
  console.log(
    `  recompute 2026-Q3 (after a change) ${again.ms.toFixed(0).padStart(6)} ms  (${again.result.changed} snapshots now differ)`,
  );
  console.log(
    `  alignment score + tree + why-moved, cold: p50 ${cold.p50.toFixed(1)} ms, p95 ${cold.p95.toFixed(1)} ms; remembered: p50 ${warm.p50.toFixed(1)} ms, p95 ${warm.p95.toFixed(1)} ms; target p95 < ${SCORE_TARGET_MS} ms (${SCORE_RUNS} runs each, ${cold.nodes} tree nodes, ${cold.changes} change sentences)`,
  );
};

console.log(`KPIs: ${MEASURED} measured + ${METRIC} metric KPIs on ${graph.goals.length} goals`);
if (TICKET_STORE) {
  const store = await openStore({ kind: "pglite", dataDir: TICKET_STORE });
  try {
    const tickets = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ticket`.execute(store.db);
    const rollups = await sql<{ n: number }>`
      SELECT count(*) AS n FROM ticket_rollup`.execute(store.db);
    await benchStore(
      `PGlite with the ticket store ${TICKET_STORE} (${Number(tickets.rows[0]?.n).toLocaleString("en")} tickets, ${Number(rollups.rows[0]?.n).toLocaleString("en")} rollup rows)`,
      store,
      true,
    );
  } finally {
    await store.close();
  }
} else {
  const dataDir = await mkdtemp(join(tmpdir(), "tandem-bench-kpis-"));
  try {
    const store = await openStore({ kind: "pglite", dataDir });
    try {
      await benchStore("PGlite (empty ticket store)", store);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
const serverUrl = benchServerUrl();
if (serverUrl) await withThrowawayDatabase(serverUrl, (store, label) => benchStore(label, store));
else console.log("\nPostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL to include it)");
