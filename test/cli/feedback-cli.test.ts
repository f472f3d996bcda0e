import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliOutput } from "../../src/cli/output.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { makeFeedbackWorld, makeTickets } from "../support/feedback-factories.js";

const run = async (args: string[], dataDir: string) => {
  const lines = { result: [] as string[], info: [] as string[], error: [] as string[] };
  const out: CliOutput = {
    result: (t) => lines.result.push(t),
    info: (t) => lines.info.push(t),
    error: (t) => lines.error.push(t),
  };
  const code = await main(["node", "tandem", ...args], out, { TANDEM_DATA_DIR: dataDir });
  return { code, lines };
};

let root: string;
let dataDir: string;
let numbers: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-feedback-cli-"));
  dataDir = join(root, "data");
  const store = await openStore({ kind: "pglite", dataDir });
  await migrate(store.db);
  const world = await makeFeedbackWorld(store.db);
  const tickets = await makeTickets(
    store.db,
    Array.from({ length: 6 }, () => ({ serviceId: world.crm, businessUnitId: world.sales })),
  );
  numbers = tickets.map((t) => t.number);
  await sql`INSERT INTO pain_point (id, title, business_unit_id, frequency, hours_lost_per_week, status,
      posted_by, created_at, updated_at)
    VALUES (gen_random_uuid(), 'Slow VPN', ${world.sales}, 'daily', 2, 'new', 'test', now(), now())`.execute(
    store.db,
  );
  await store.close();
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem feedback and pain-points", () => {
  it("creates links once per resolved ticket", async () => {
    const first = await run(
      ["feedback", "links", "--base-url", "https://tandem.example/", "--json"],
      dataDir,
    );
    expect(first.code, first.lines.error.join("\n")).toBe(0);
    const links = JSON.parse(first.lines.result.join("\n")) as { ticket: string; url: string }[];
    expect(links.map((l) => l.ticket).sort()).toEqual([...numbers].sort());
    expect(links[0]?.url).toMatch(/^https:\/\/tandem\.example\/feedback\/[A-Za-z0-9_-]{43}$/);
    const again = await run(["feedback", "links", "--json"], dataDir);
    expect(JSON.parse(again.lines.result.join("\n"))).toEqual([]);
    const bad = await run(["feedback", "links", "--resolved-from", "2026-13-45"], dataDir);
    expect(bad.code).toBe(2);
  });

  it("imports a CSV all or nothing and reports, hiding fewer than five", async () => {
    const bad = join(root, "bad.csv");
    await writeFile(
      bad,
      `ticket,score,answered_at\n${numbers[0]},10,2026-02-01T00:00:00Z\n${numbers[1]},x,2026-02-01T00:00:00Z\n`,
    );
    const refused = await run(["feedback", "import", bad], dataDir);
    expect(refused.code).toBe(2);
    expect(refused.lines.error.join("\n")).toMatch(/bad\.csv/);
    const good = join(root, "good.csv");
    await writeFile(
      good,
      `ticket,score,lost_minutes,answered_at\n${numbers
        .slice(0, 4)
        .map((n) => `${n},10,30,2026-02-01T00:00:00Z`)
        .join("\n")}\n`,
    );
    const imported = await run(["feedback", "import", good], dataDir);
    expect(imported.code, imported.lines.error.join("\n")).toBe(0);
    expect(imported.lines.result[0]).toBe("4 answer(s) read: 4 imported, 0 already answered");
    const hidden = await run(["feedback", "report"], dataDir);
    expect(hidden.lines.result[0]).toMatch(/happiness hidden \(<5\)/);
    const fifth = join(root, "fifth.csv");
    await writeFile(fifth, `ticket,score,answered_at\n${numbers[4]},0,2026-02-02T00:00:00Z\n`);
    await run(["feedback", "import", fifth], dataDir);
    const report = await run(["feedback", "report", "--json"], dataDir);
    // 4 promoters, 1 detractor of 5 → 60; lost 30 min over the 4 answers that gave it
    expect(JSON.parse(report.lines.result.join("\n")).overall).toEqual({
      suppressed: false,
      respondents: 5,
      happiness: 60,
      meanLostMinutes: 30,
    });
  });

  it("lists pain points", async () => {
    const listed = await run(["pain-points", "--status", "new"], dataDir);
    expect(listed.code).toBe(0);
    expect(listed.lines.result.join("\n")).toMatch(/new\s+0 votes Sales: Slow VPN \(2 h\/week/);
  });
});
