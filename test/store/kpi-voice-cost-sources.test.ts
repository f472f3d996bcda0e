import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";
import { getGoalCosts } from "../../src/use-cases/get-goal-costs.js";
import { costSource, surveySource } from "../../src/use-cases/kpi-voice-and-cost-sources.js";
import { openTestStore } from "../support/test-store.js";

/** The survey and cost KPI sources read the same figures as their modules, over the KPI's whole period. */
describe("KPI sources for surveys and costs", () => {
  let store: Store;
  let r: Repositories;
  const kpi = (kind: "survey" | "cost", measure: string, extra: Record<string, string | null> = {}) => ({
    id: `${kind}-${measure}-${Object.keys(extra).length}`,
    name: measure,
    unit: "percent" as const,
    formula: { kind, measure, serviceId: null, businessUnitId: null, surveyId: null, ...extra } as never,
  });

  beforeAll(async () => {
    store = await openTestStore("pglite");
    await createDemoOrganisation({ db: store.db, seed: 5, tickets: 2000 });
    r = createRepositories(store.db, systemActor("test"));
  }, 300_000);
  afterAll(() => store.close());

  it("gives the demo campaign's NPS-style and gap figures, and no data outside it", async () => {
    const october = { label: "2026-10", start: "2026-10-01", end: "2026-11-01" };
    const kpis = [kpi("survey", "perceptionGap"), kpi("survey", "csatPct"), kpi("survey", "agreePct")];
    const readings = await surveySource(r).read(kpis, october);
    const gap = await r.surveyResults.perceptionGap({ from: "2026-10-01", to: "2026-10-31" });
    const gaps = gap.overall.flatMap((row) => (row.gapPoints === null ? [] : [row.gapPoints]));
    expect(gaps.length).toBeGreaterThan(0);
    expect(readings.get(kpis[0]?.id as string)?.value).toBeCloseTo(
      gaps.reduce((a, b) => a + b, 0) / gaps.length,
      9,
    );
    expect(readings.get(kpis[2]?.id as string)?.value).toBeNull();
    const empty = await surveySource(r).read(kpis, {
      label: "2025-01",
      start: "2025-01-01",
      end: "2025-02-01",
    });
    expect(empty.get(kpis[0]?.id as string)?.value).toBeNull();
  });

  it("sums a quarter's monthly allocations for the share on top-priority goals", async () => {
    const kpis = [
      kpi("cost", "spendOnTopPrioritiesPct"),
      kpi("cost", "allocatedCents"),
      kpi("cost", "allocatedCents", { serviceId: "x" }),
    ];
    const months = ["2026-07", "2026-08", "2026-09"];
    const spends = await Promise.all(months.map((period) => getGoalCosts({ repositories: r, period })));
    const total = spends.reduce((n, s) => n + s.totalCents, 0);
    const top = spends.reduce((n, s) => n + s.topPriorityCents, 0);
    expect(total).toBeGreaterThan(0);
    const readings = await costSource(r).read(kpis, {
      label: "2026-Q3",
      start: "2026-07-01",
      end: "2026-10-01",
    });
    expect(readings.get(kpis[0]?.id as string)?.value).toBeCloseTo((top / total) * 100, 9);
    expect(readings.get(kpis[1]?.id as string)?.value).toBe(total);
    expect(readings.get(kpis[2]?.id as string)?.value).toBeNull();
  });
});
