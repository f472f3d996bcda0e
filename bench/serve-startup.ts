/**
 * How long `tandem serve` takes to be ready on an existing store (target: under 2 s).
 * Creates a demo store once, then starts the real CLI as a child process several times and
 * measures from spawn to the "ready at" line and to the first successful /healthz.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../src/store/migrate.js";
import { openStore } from "../src/store/open-store.js";
import { createDemoOrganisation } from "../src/use-cases/create-demo-organisation.js";

const TARGET_MS = 2000;
const RUNS = 5;
const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/tandem.js");

const startOnce = (dataDir: string) =>
  new Promise<{ readyMs: number; healthyMs: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--data-dir", dataDir], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let ready = false;
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    // A server that dies before it is ready must fail the bench, not leave it waiting.
    child.once("exit", (code) => {
      if (!ready)
        reject(new Error(`tandem serve exited (${code}) before it was ready:\n${err.slice(-2000)}`));
    });
    child.stdout.on("data", async (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(out);
      if (!match?.[1] || ready) return;
      ready = true;
      const readyMs = performance.now() - started;
      const res = await fetch(new URL("healthz", match[1]));
      const healthyMs = performance.now() - started;
      child.kill("SIGTERM");
      child.once("exit", () =>
        res.ok ? resolve({ readyMs, healthyMs }) : reject(new Error(`healthz ${res.status}`)),
      );
    });
    child.once("error", reject);
  });

const dataDir = await mkdtemp(join(tmpdir(), "tandem-bench-serve-"));
try {
  const store = await openStore({ kind: "pglite", dataDir });
  await migrate(store.db);
  await createDemoOrganisation({ db: store.db, seed: 42 });
  await store.close();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await startOnce(dataDir));
  const sorted = runs.map((r) => r.healthyMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const worst = sorted.at(-1) ?? Number.NaN;
  console.log(`serve startup on an existing PGlite store (demo organisation), ${RUNS} runs`);
  console.log(`  spawn → ready line: ${runs.map((r) => r.readyMs.toFixed(0)).join(", ")} ms`);
  console.log(`  spawn → first /healthz 200: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms`);
  console.log(`  worst / target (${TARGET_MS} ms) = ${(worst / TARGET_MS).toFixed(2)}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
