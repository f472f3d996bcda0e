/**
 * Web performance of the cockpit home on the demo organisation (issue 10; targets: initial
 * JavaScript under 350 kB gzip, content within 1.5 s of navigation).
 *
 * Builds the web app into a temporary folder, creates the demo organisation (with its ticket
 * history) in a temporary PGlite store, serves both on a local port, and opens the cockpit home
 * in Debian's headless Chromium (playwright-core) as an IT user. Per run it reports, from the
 * Performance API: first contentful paint, largest contentful paint, the moment every tile has
 * its content (no "Loading…" left), and the bytes transferred. The first run is cold (empty
 * cache); the others reuse the browser's cache, as a returning user would.
 *
 * Env: BENCH_WEB_RUNS (default 5), BENCH_WEB_TICKETS (default: the demo's 60,000),
 * BENCH_WEB_DATA_DIR (a store kept between runs: seeded only when empty; seeding takes minutes).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { buildApp } from "../src/api/build-app.js";
import { hashPassword } from "../src/domain/credentials.js";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";
import {
  createDemoOrganisation,
  demoTicketCount,
  isStoreEmpty,
} from "../src/use-cases/create-demo-organisation.js";

const CONTENT_TARGET_MS = 1500;
const INITIAL_JS_TARGET_KB = 350;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const TICKETS = Number(process.env.BENCH_WEB_TICKETS ?? demoTicketCount);
/** The repository: the nearest folder above this file that holds the web app's Vite config. */
const repositoryRoot = (): string => {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "web/vite.config.ts"))) return dir;
  }
  return process.cwd();
};
const root = repositoryRoot();
const chromiumPath = "/usr/bin/chromium";

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The JavaScript a first visit must fetch before anything is drawn: index.html's module script and its preloads. */
const initialJavaScript = async (webRoot: string) => {
  const html = await readFile(join(webRoot, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const bytes = await readFile(join(webRoot, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const all = (await readdir(join(webRoot, "assets"))).filter((f) => f.endsWith(".js"));
  return { files: files.length, raw, gzip, chunks: all.length };
};

if (!existsSync(chromiumPath)) {
  console.log(`web bench SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium)`);
  process.exit(0);
}

const work = await mkdtemp(join(tmpdir(), "tandem-bench-web-"));
try {
  const webRoot = join(work, "web");
  // Vite is a development dependency: load it only here, when the bench runs.
  const { build } = await import("vite");
  await build({
    configFile: join(root, "web/vite.config.ts"),
    logLevel: "warn",
    build: { outDir: webRoot, emptyOutDir: true },
  });
  const js = await initialJavaScript(webRoot);

  const store = await openStore({
    kind: "pglite",
    dataDir: process.env.BENCH_WEB_DATA_DIR ?? join(work, "store"),
  });
  await migrate(store.db);
  const seeded = performance.now();
  const password = "bench-correct-horse-battery";
  if (await isStoreEmpty(store.db)) {
    await createDemoOrganisation({ db: store.db, seed: 42, tickets: TICKETS });
    await createRepositories(store.db, systemActor("bench")).users.create({
      email: "bench-it@nordwind.example",
      name: "Bench Itstaff",
      role: "it",
      businessUnitIds: [],
      passwordHash: await hashPassword(password),
    });
  }
  const seedMs = performance.now() - seeded;
  const app = await buildApp({ store, webRoot, signInAttemptsPerMinute: 10_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("server has no TCP address");
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.request.post(`${baseUrl}/api/v1/auth/sign-in`, {
      data: { email: "bench-it@nordwind.example", password },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);

    const runs: {
      fcp: number;
      lcp: number;
      content: number;
      complete: number;
      transfer: number;
      requests: number;
      api: { path: string; start: number; ms: number }[];
    }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      // LCP is reported only to observers registered before it happens: register at document start.
      // The moments are recorded in the page itself, on the DOM change that completes them, so that
      // the bench's polling adds nothing to them.
      await page.addInitScript(`
        window.__lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__lcp = entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        window.__content = 0;
        window.__complete = 0;
        new MutationObserver(() => {
          const main = document.querySelector("main");
          if (!main || !main.querySelector("h1")) return;
          const drawn = main.querySelectorAll("[data-testid^=tile-]").length >= 7 && !/Loading/.test(main.textContent);
          if (drawn && !window.__content) window.__content = performance.now();
          if (drawn && !window.__complete && main.querySelectorAll('[aria-busy="true"]').length === 0)
            window.__complete = performance.now();
        }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      `);
      await page.goto(`${baseUrl}/`);
      // Content: the cockpit's heading and every tile drawn, nothing left loading; complete: every
      // per-service figure filled in too (rows fetch their scorecards on their own).
      await page.waitForFunction(
        () => (globalThis as unknown as { __complete: number }).__complete > 0,
        undefined,
        {
          polling: 50,
          timeout: 60_000,
        },
      );
      const { content, complete } = (await page.evaluate(
        "({ content: window.__content, complete: window.__complete })",
      )) as {
        content: number;
        complete: number;
      };
      // Let the last paint land before reading LCP.
      await page.waitForTimeout(300);
      const figures = (await page.evaluate(`(() => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
        return {
          fcp: paint ? paint.startTime : NaN,
          lcp: window.__lcp,
          transfer: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
          requests: entries.length,
          api: performance.getEntriesByType("resource")
            .filter((e) => e.name.includes("/api/"))
            .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, ms: e.responseEnd - e.startTime })),
        };
      })()`)) as {
        fcp: number;
        lcp: number;
        transfer: number;
        requests: number;
        api: { path: string; start: number; ms: number }[];
      };
      runs.push({ ...figures, content, complete });
      await page.close();
    }

    const cold = runs[0]!;
    const warm = runs.slice(1);
    console.log(
      `web: cockpit home on the demo organisation (${TICKETS} tickets, seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  initial JavaScript: ${kb(js.gzip)} kB gzip (${kb(js.raw)} kB raw, ${js.files} file(s); ${js.chunks} chunks in all); target < ${INITIAL_JS_TARGET_KB} kB gzip: ${js.gzip / 1024 < INITIAL_JS_TARGET_KB ? "met" : "MISSED"}`,
    );
    console.log(
      `  cold: FCP ${cold.fcp.toFixed(0)} ms, LCP ${cold.lcp.toFixed(0)} ms, content ${cold.content.toFixed(0)} ms, every figure ${cold.complete.toFixed(0)} ms, transfer ${kb(cold.transfer)} kB in ${cold.requests} requests`,
    );
    if (warm.length > 0) {
      console.log(
        `  warm (${warm.length} runs, median): FCP ${median(warm.map((r) => r.fcp)).toFixed(0)} ms, LCP ${median(warm.map((r) => r.lcp)).toFixed(0)} ms, content ${median(warm.map((r) => r.content)).toFixed(0)} ms, every figure ${median(warm.map((r) => r.complete)).toFixed(0)} ms, transfer ${kb(median(warm.map((r) => r.transfer)))} kB`,
      );
    }
    const slowest = [...(runs.at(-1)?.api ?? [])].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `  slowest API calls (last run): ${slowest.map((c) => `${c.path} ${c.ms.toFixed(0)} ms`).join(", ")}`,
    );
    if (process.env.BENCH_WEB_VERBOSE) {
      for (const c of runs.at(-1)?.api ?? []) {
        console.log(`    ${c.start.toFixed(0).padStart(5)} ms +${c.ms.toFixed(0).padStart(5)} ms ${c.path}`);
      }
    }
    const worst = Math.max(...runs.map((r) => r.content));
    console.log(
      `  worst content time ${worst.toFixed(0)} ms / target ${CONTENT_TARGET_MS} ms = ${(worst / CONTENT_TARGET_MS).toFixed(2)}`,
    );
  } finally {
    await browser.close();
    await app.close();
    await store.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
