import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoWorkspace } from "../../src/domain/demo/build-demo-workspace.js";
import { nordwindKpis } from "../../src/domain/demo/nordwind-kpis.js";
import type { AlignmentNode } from "../../src/domain/kpis/alignment-score.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { computeAlignmentScore } from "../../src/use-cases/compute-alignment-score.js";
import { createDemoKpis } from "../../src/use-cases/create-demo-kpis.js";
import { importWorkspace } from "../../src/use-cases/import-workspace.js";
import { repositoriesAs } from "../support/actors.js";
import { openTestStore, testBackends } from "../support/test-store.js";

const leafPoints = (n: AlignmentNode): number =>
  n.children.length === 0 ? n.points : n.children.reduce((s, c) => s + leafPoints(c), 0);

describe.each(testBackends())("demo KPIs (%s)", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(backend);
    await importWorkspace({ db: store.db, workspace: buildDemoWorkspace(42) });
    await createDemoKpis({ db: store.db, seed: 42, today: "2026-11-25" });
  }, 120_000);
  afterAll(() => store.close());

  it("puts the demo KPIs on the demo goals, with weekly online sales measured every week", async () => {
    const kpis = await sql<{ name: string; goal: string }>`
      SELECT k.name, g.name AS goal FROM kpi k JOIN business_goal g ON g.id = k.goal_id ORDER BY k.name`.execute(
      store.db,
    );
    expect(kpis.rows).toHaveLength(nordwindKpis.length);
    expect(kpis.rows).toContainEqual({ name: "Weekly online sales", goal: "Double web shop conversion" });
    // 2025-W01 (Mon 30 Dec 2024) to the week ending Sun 22 Nov 2026: 99 weeks.
    const weeks = await sql<{ n: number; first: string; last: string }>`
      SELECT count(*)::int AS n, min(measured_on)::text AS first, max(measured_on)::text AS last FROM kpi_measurement m
      JOIN kpi k ON k.id = m.kpi_id WHERE k.name = 'Weekly online sales'`.execute(store.db);
    expect(weeks.rows[0]).toEqual({ n: 99, first: "2025-01-05", last: "2026-11-22" });
  });

  it("keeps snapshots of the last three quarters and gives a score whose tree adds up", async () => {
    const periods = await sql<{
      period: string;
    }>`SELECT DISTINCT period FROM kpi_snapshot ORDER BY period`.execute(store.db);
    expect(periods.rows.map((r) => r.period)).toEqual(["2026-Q2", "2026-Q3", "2026-Q4"]);
    const report = await computeAlignmentScore({
      repositories: createRepositories(store.db, systemActor("t")),
      period: "2026-Q4",
    });
    expect(report.score).not.toBeNull();
    expect(report.score as number).toBeGreaterThan(0);
    expect(report.score as number).toBeLessThanOrEqual(100);
    expect(leafPoints(report.tree)).toBeCloseTo(report.score as number, 6);
    expect(report.previous?.period).toBe("2026-Q3");
    expect(report.changes.length).toBeGreaterThan(0);
  });

  it("gives a business stakeholder the score of their own goals only", async () => {
    const hr = await sql<{ id: string }>`SELECT id FROM business_unit WHERE name = 'Human Resources'`.execute(
      store.db,
    );
    const report = await computeAlignmentScore({
      repositories: repositoriesAs(store.db, "business_stakeholder", [hr.rows[0]?.id as string]),
      period: "2026-Q4",
    });
    const goalNames = report.tree.children[0]?.children.map((g) => g.name);
    expect(goalNames).toEqual(["Attract and keep good people"]);
    expect(report.effortPct).toBeNull();
  });
});
