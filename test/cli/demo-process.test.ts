import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The first ten minutes of a new user: `tandem demo` as a real child process on a fresh data
 * directory, read through HTTP like a browser would. Needs the build (`npm test` builds first).
 */
const bin = join(import.meta.dirname, "../../bin/tandem.js");
const built = existsSync(join(import.meta.dirname, "../../dist/cli/main.js"));

describe.skipIf(!built)("tandem demo as a child process", () => {
  let child: ChildProcess;
  let dataDir: string;
  let url: string;
  let stdout = "";
  let stderr = "";
  let cookie = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tandem-demo-"));
    child = spawn(process.execPath, [bin, "demo", "--port", "0", "--data-dir", dataDir], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stderr: ${stderr}`)), 60_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        stdout = out;
        const match = /ready at (http:\/\/\S+)/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`tandem demo exited with ${code}: ${stderr}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it("prints one account per role with a generated password, and the admin can sign in", async () => {
    for (const role of ["admin", "it", "relationship_manager", "business_stakeholder", "viewer"])
      expect(stdout).toContain(role);
    const password = /password: (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^[\w-]{20,}$/);
    const res = await fetch(new URL("api/v1/auth/sign-in", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@nordwind.example", password }),
    });
    expect(res.status).toBe(200);
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^tandem_session=/);
    const anonymous = await fetch(new URL("api/v1/graph/map", url));
    expect(anonymous.status).toBe(401);
  });

  it("serves the demo organisation's alignment map through the API", async () => {
    const res = await fetch(new URL("api/v1/graph/map", url), { headers: { cookie } });
    expect(res.status).toBe(200);
    const map = (await res.json()) as { nodes: { kind: string; name: string }[]; edges: unknown[] };
    const kinds = (kind: string) => map.nodes.filter((n) => n.kind === kind).length;
    expect(kinds("unit")).toBeGreaterThanOrEqual(6);
    expect(kinds("goal")).toBeGreaterThanOrEqual(12);
    expect(kinds("capability")).toBeGreaterThanOrEqual(30);
    expect(kinds("service")).toBeGreaterThanOrEqual(30);
    expect(map.nodes.map((n) => n.name)).toContain("Web Shop");
    expect(map.edges.length).toBeGreaterThan(100);
  });

  it("serves the web app's HTML at / and for client-side routes", async () => {
    for (const path of ["", "services", "gaps"]) {
      const res = await fetch(new URL(path, url));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      expect(html).toMatch(/<script type="module"[^>]+src="\/assets\/[^"]+\.js"/);
    }
  });

  it("serves the app's script as JavaScript, and a missing asset as 404 rather than the app's HTML", async () => {
    const html = await (await fetch(url)).text();
    const script =
      /<script type="module"[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "/assets/none.js";
    const res = await fetch(new URL(script.slice(1), url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect((await res.text()).length).toBeGreaterThan(1000);
    const missing = await fetch(new URL("assets/not-there-0000.js", url));
    expect(missing.status).toBe(404);
  });

  it("stops cleanly on SIGTERM, even with a client that stopped reading", async () => {
    // A response whose body is never read keeps its connection busy; shutdown must not wait for it forever.
    const html = await (await fetch(url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "/assets/none.js";
    const stalled = await fetch(new URL(script.slice(1), url));
    expect(stalled.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const started = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stderr).toContain("SIGTERM received");
  });
});
