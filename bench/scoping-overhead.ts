/**
 * Issue 4's target: scoping adds at most 10 % to the p95 of list endpoints. Measured in one
 * process on one store: the same requests as an IT user (no scoping) and as a business
 * stakeholder who holds every top-level unit (so the same rows come back, through the scoped
 * query). A stakeholder of three units is shown too, for the usual case.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/api/build-app.js";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";
import { WorkspaceRepository } from "../src/store/repositories/workspace-repository.js";
import { syntheticWorkspace } from "./synthetic-workspace.js";
import { benchServerUrl, withThrowawayDatabase } from "./throwaway-database.js";

const ROUNDS = 5;
const RUNS = 300;
const TARGET_RATIO = 1.1;
const endpoints = [
  "/api/v1/services?limit=50",
  "/api/v1/services?limit=200&q=Service%201",
  "/api/v1/capabilities?limit=50",
  "/api/v1/goals?limit=50",
  "/api/v1/business-units?limit=50",
];

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

const measure = async (store: Store, label: string) => {
  const workspace = syntheticWorkspace({ units: 40, services: 5000, capabilities: 2000, goals: 500 }, 7);
  await new WorkspaceRepository(store.db).write(workspace, "bench");
  const app = await buildApp({ store, webRoot: null, signInAttemptsPerMinute: 1_000_000 });
  const sys = createRepositories(store.db, systemActor("bench"));
  const tokenFor = async (role: "it" | "business_stakeholder", units: string[]) => {
    const user = await sys.users.create({
      email: `${role}-${units.length}@bench.test`,
      name: role,
      role,
      businessUnitIds: units,
      passwordHash: null,
    });
    const repos = createRepositories(store.db, {
      kind: "user",
      userId: user.id,
      name: user.email,
      role,
      businessUnitIds: units,
      tokenScope: null,
    });
    return (await repos.tokens.create("bench", "read")).token;
  };
  const topLevel = workspace.businessUnits.filter((u) => u.parentId === null).map((u) => u.id);
  const who = {
    it: await tokenFor("it", []),
    stakeholderAll: await tokenFor("business_stakeholder", topLevel),
    stakeholderThree: await tokenFor("business_stakeholder", topLevel.slice(0, 3)),
  };
  console.log(
    `\n${label}: 40 units, 5000 services, 2000 capabilities, 500 goals; ${ROUNDS} rounds of ${RUNS} requests per side, median of the rounds' p50 and p95`,
  );
  console.log(
    "endpoint                                      IT p50/p95 ms   scoped(all) p50/p95   ratio p95   scoped(3 units) p95",
  );
  let worst = 0;
  let worstMedian = 0;
  const keys = Object.keys(who) as (keyof typeof who)[];
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
  for (const url of endpoints) {
    // Per round and side: p50 and p95. The figure reported is the median over rounds, so that one
    // unlucky pause (GC, the other backend's checkpoint) in one round does not decide the result.
    const perRound: Record<keyof typeof who, { p50: number[]; p95: number[] }> = {
      it: { p50: [], p95: [] },
      stakeholderAll: { p50: [], p95: [] },
      stakeholderThree: { p50: [], p95: [] },
    };
    for (let round = 0; round < ROUNDS; round++) {
      const times: Record<keyof typeof who, number[]> = { it: [], stakeholderAll: [], stakeholderThree: [] };
      for (let i = 0; i < RUNS + 20; i++) {
        // Interleaved, alternating the order, so that drift hits every side alike.
        for (const key of i % 2 === 0 ? keys : [...keys].reverse()) {
          const started = performance.now();
          const res = await app.inject({
            method: "GET",
            url,
            headers: { authorization: `Bearer ${who[key]}` },
          });
          const took = performance.now() - started;
          if (res.statusCode !== 200) throw new Error(`${url} as ${key}: ${res.statusCode} ${res.body}`);
          if (i >= 20) times[key].push(took);
        }
      }
      for (const key of keys) {
        const sorted = times[key].sort((x, y) => x - y);
        perRound[key].p50.push(p(sorted, 0.5));
        perRound[key].p95.push(p(sorted, 0.95));
      }
    }
    const fig = (key: keyof typeof who, q: "p50" | "p95") => median(perRound[key][q]);
    const ratio = fig("stakeholderAll", "p95") / fig("it", "p95");
    worst = Math.max(worst, ratio);
    worstMedian = Math.max(worstMedian, fig("stakeholderAll", "p50") / fig("it", "p50"));
    console.log(
      `${url.padEnd(45)} ${fig("it", "p50").toFixed(2).padStart(6)} / ${fig("it", "p95").toFixed(2).padEnd(6)}  ${fig("stakeholderAll", "p50").toFixed(2).padStart(8)} / ${fig("stakeholderAll", "p95").toFixed(2).padEnd(8)} ${ratio.toFixed(2).padStart(8)}   ${fig("stakeholderThree", "p95").toFixed(2).padStart(10)}`,
    );
  }
  console.log(
    `worst p95 ratio scoped / unscoped = ${worst.toFixed(2)} (target ≤ ${TARGET_RATIO.toFixed(2)}); worst p50 ratio = ${worstMedian.toFixed(2)}`,
  );
  await app.close();
};

const dataDir = await mkdtemp(join(tmpdir(), "tandem-bench-scoping-"));
try {
  const store = await openStore({ kind: "pglite", dataDir });
  await migrate(store.db);
  await measure(store, "PGlite");
  await store.close();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
const serverUrl = benchServerUrl();
if (serverUrl)
  await withThrowawayDatabase(serverUrl, async (store) => {
    await migrate(store.db);
    await measure(store, "PostgreSQL");
  });
