import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { makeBusinessUnit, makeGoal } from "../support/factories.js";
import { makeKpi } from "../support/kpi-factories.js";
import { runCli } from "../support/run-cli.js";

let root: string;
const run = (args: string[]) => runCli(args, join(root, "store"));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-kpis-"));
  const store = await openStore({ kind: "pglite", dataDir: join(root, "store") });
  await migrate(store.db);
  const sys = createRepositories(store.db, systemActor("test"));
  const unit = await makeBusinessUnit(sys, { name: "Sales" });
  const goal = await makeGoal(sys, { name: "Grow online revenue", ownerBusinessUnitId: unit.id });
  const kpi = await makeKpi(sys, {
    goalId: goal.id,
    name: "Online sales",
    frequency: "quarterly",
    unit: "count",
  });
  await sys.kpiData.setTarget(kpi.id, {
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    baseline: 100,
    target: 200,
    steps: [],
  });
  await store.close();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe("tandem kpis", () => {
  it("refuses a measurement file with problems, naming line, column and KPI, and writes nothing", async () => {
    const file = join(root, "bad.csv");
    await writeFile(
      file,
      "kpi,date,value\nOnline sales,2026-07-15,120\nOnline sales,2026-08-01,130\nOnline sales,2026-13-01,1\n",
    );
    const { code, lines } = await run(["kpis", "import", file]);
    expect(code).toBe(2);
    const text = lines.error.join("\n");
    expect(text).toMatch(/line 4, column 2: date: expected YYYY-MM-DD/);
    expect(text).toMatch(
      /line 3, column date: KPI "Online sales" \(quarterly\): date 2026-08-01 is a duplicate of line 2/,
    );
  });

  it("imports a good file, recomputes and prints each KPI's latest value, target and status as JSON", async () => {
    const file = join(root, "good.csv");
    await writeFile(file, "kpi,date,value\nOnline sales,2026-07-15,120\nOnline sales,2026-10-15,190\n");
    const imported = await run(["kpis", "import", file]);
    expect(imported.code, imported.lines.error.join("\n")).toBe(0);
    expect(imported.lines.result[0]).toBe("imported 2 measurements (Online sales: 2)");
    const recomputed = await run(["kpis", "recompute", "2026-Q4"]);
    expect(recomputed.lines.result[0]).toBe(
      "recomputed 1 KPIs for 2026-Q4: 1 new snapshots, 0 changed since first computed",
    );
    const listed = await run(["kpis", "--json", "--period", "2026-Q4"]);
    expect(listed.code).toBe(0);
    // 190 against baseline 100, target 200: 90 % → green.
    expect(JSON.parse(listed.lines.result.join("\n"))).toEqual([
      expect.objectContaining({
        name: "Online sales",
        period: "2026-Q4",
        value: 190,
        target: 200,
        achievementPct: 90,
        status: "green",
      }),
    ]);
  });
});
