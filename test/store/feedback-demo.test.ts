import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { worseningService } from "../../src/domain/demo/nordwind-tickets.js";
import { nordwindPainPoints } from "../../src/domain/demo/nordwind-voice.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";
import { reportCommentThemes } from "../../src/use-cases/report-comment-themes.js";
import { reportHappiness } from "../../src/use-cases/report-happiness.js";
import { openTestStore } from "../support/test-store.js";

describe("the demo's voice of the business", () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore("pglite");
    await createDemoOrganisation({ db: store.db, seed: 42, tickets: 8000 });
  }, 120_000);
  afterAll(async () => store.close());

  it("answers a share of the resolved tickets, with the Store Staff Planner's users unhappy", async () => {
    // Independent route: the scores straight from SQL, per service.
    const rows = await sql<{ service: string; n: number; happiness: number }>`
      SELECT s.name AS service, count(*)::int AS n,
             round(100.0 * (count(*) FILTER (WHERE f.score >= 9) - count(*) FILTER (WHERE f.score <= 6)) / count(*), 1)::float8 AS happiness
      FROM ticket_feedback f JOIN ticket t ON t.id = f.ticket_id JOIN it_service s ON s.id = t.service_id
      GROUP BY s.name`.execute(store.db);
    const total = rows.rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThan(100);
    const planner = rows.rows.find((r) => r.service === worseningService);
    expect(planner?.n).toBeGreaterThanOrEqual(5);
    for (const other of rows.rows.filter((r) => r.service !== worseningService && r.n >= 5))
      expect(planner?.happiness ?? 0).toBeLessThan(other.happiness);

    const report = await reportHappiness({ repositories: createRepositories(store.db, systemActor("test")) });
    const shown = report.dimensions.service.find((g) => g.label === worseningService);
    expect(shown?.happiness).toBe(planner?.happiness);
    expect(report.overall.respondents).toBe(total);
  });

  it("registers the pain points in their states, with reasons for the declined", async () => {
    const points = await sql<{ status: string; statusReason: string | null }>`
      SELECT status, status_reason FROM pain_point`.execute(store.db);
    expect(points.rows).toHaveLength(nordwindPainPoints.length);
    const statuses = new Set(points.rows.map((p) => p.status));
    for (const status of ["new", "acknowledged", "planned", "in_progress", "done", "declined"])
      expect(statuses).toContain(status);
    expect(points.rows.filter((p) => p.status === "declined").every((p) => p.statusReason)).toBe(true);
    const list = await createRepositories(store.db, systemActor("test")).painPoints.list({}, new Date());
    expect(list.some((p) => p.quickWin)).toBe(true);
  });

  it("finds the staff planner among the comment themes", async () => {
    const themes = await reportCommentThemes({
      repositories: createRepositories(store.db, systemActor("test")),
    });
    expect(themes.themes.map((t) => t.theme)).toContain("staff planner");
  });
});
