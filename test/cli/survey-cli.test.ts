import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignResults, PerceptionGap } from "../../src/domain/schemas/campaign.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";
import { runCli } from "../support/run-cli.js";

let root: string;
/** Share agreeing per statement and audience, straight from the raw answers (not the tally). */
let rawAgree: Map<string, number>;

const run = (args: string[]) => runCli(args, join(root, "demo"));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-survey-cli-"));
  const store = await openStore({ kind: "pglite", dataDir: join(root, "demo") });
  await migrate(store.db);
  await createDemoOrganisation({ db: store.db, seed: 7, tickets: 0 });
  const rows = await sql<{ questionId: string; audience: string; pct: number }>`
    SELECT q.id AS question_id, r.audience, 100.0 * avg(CASE WHEN r.scale_values[q.position + 1] >= 4 THEN 1 ELSE 0 END) AS pct
    FROM survey_response r JOIN campaign c ON c.id = r.campaign_id JOIN survey_question q ON q.survey_id = c.survey_id
    WHERE r.scale_values[q.position + 1] IS NOT NULL GROUP BY q.id, r.audience`.execute(store.db);
  rawAgree = new Map(rows.rows.map((r) => [`${r.questionId}|${r.audience}`, Number(r.pct)]));
  await store.close();
}, 120_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem survey", () => {
  it("prints a campaign's results as JSON", async () => {
    const { code, lines } = await run(["survey", "results", "Value perception 2026", "--json"]);
    expect(code).toBe(0);
    const results = JSON.parse(lines.result.join("\n")) as CampaignResults;
    expect(results.campaign.status).toBe("closed");
    // 171 business and 41 IT respondents in the demo (nordwind-surveys.ts).
    expect(results.campaign.responded).toBe(171 + 41);
    const business = results.questions.find((q) => q.audience === "business" && q.type === "likert");
    expect(business?.respondents).toBe(171);
    expect(business?.favourablePct).toBeCloseTo(rawAgree.get(`${business?.questionId}|business`) ?? -1, 1);
    const comments =
      results.questions.find((q) => q.type === "free_text" && q.audience === "business")?.comments ?? [];
    expect(comments.length).toBeGreaterThan(5);
    const themes =
      results.questions.find((q) => q.type === "free_text" && q.audience === "business")?.themes ?? [];
    expect(themes.length).toBeGreaterThan(0);
    for (const t of themes) {
      expect(t.count).toBeGreaterThanOrEqual(2);
      expect(comments.map((c) => c.text)).toEqual(expect.arrayContaining(t.examples));
    }
  });

  it("prints the perception gap with the cost statements on top and small units withheld", async () => {
    const { code, lines } = await run([
      "survey",
      "gap",
      "--from",
      "2026-01-01",
      "--to",
      "2026-11-30",
      "--json",
    ]);
    expect(code).toBe(0);
    const gap = JSON.parse(lines.result.join("\n")) as PerceptionGap;
    expect(gap.overall).toHaveLength(12);
    for (const row of gap.overall) {
      expect(row.business.agreePct).toBeCloseTo(rawAgree.get(`${row.questionId}|business`) ?? -1, 1);
      expect(row.it.agreePct).toBeCloseTo(rawAgree.get(`${row.questionId}|it`) ?? -1, 1);
    }
    const top = gap.overall.slice(0, 3).map((r) => r.statement);
    expect(top.filter((s) => /cost|pays/i.test(s)).length).toBeGreaterThanOrEqual(2);
    expect(gap.overall[0]?.significant).toBe(true);
    const board = gap.units.find((u) => u.name === "Executive Board");
    expect(board?.rows.every((r) => r.business.suppressed && r.business.distribution === null)).toBe(true);
  });

  it("prints a readable gap table, and refuses a bad date and an unknown campaign", async () => {
    const text = await run(["survey", "gap", "--from", "2026-01-01"]);
    expect(text.code).toBe(0);
    expect(text.lines.result[0]).toMatch(/^Perception gap 2026-01-01/);
    expect(text.lines.result.length).toBe(13);
    const bad = await run(["survey", "gap", "--from", "2026-13-01"]);
    expect(bad.code).toBe(2);
    expect(bad.lines.error.join("\n")).toMatch(/--from/);
    const missing = await run(["survey", "results", "No such campaign"]);
    expect(missing.code).toBe(4);
  });
});
