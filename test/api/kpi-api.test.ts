import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeGoal, makeService } from "../support/factories.js";
import { makeKpi } from "../support/kpi-factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

describe.each(testBackends())("KPIs over the API (%s)", (backend) => {
  let t: TestApp;
  let sales: { id: string };
  let hr: { id: string };
  let shopGoal: { id: string };
  let hrGoal: { id: string };
  let shop: { id: string };

  beforeAll(async () => {
    t = await openTestApp(backend, "2026-11-25T10:00:00Z");
    sales = await makeBusinessUnit(t.repos, { name: "Sales" });
    hr = await makeBusinessUnit(t.repos, { name: "HR" });
    const root = await makeGoal(t.repos, {
      name: "Grow online revenue",
      ownerBusinessUnitId: sales.id,
      priorityWeight: 3,
    });
    shopGoal = await makeGoal(t.repos, {
      name: "Double web shop conversion",
      level: "goal",
      parentId: root.id,
      ownerBusinessUnitId: sales.id,
    });
    hrGoal = await makeGoal(t.repos, {
      name: "Keep good people",
      ownerBusinessUnitId: hr.id,
      priorityWeight: 1,
    });
    shop = await makeService(t.repos, { name: "Web Shop" });
  }, 60_000);
  afterAll(() => t.close());

  const post = (url: string, payload: object, token?: string) =>
    t.inject({ method: "POST", url, payload, ...(token ? { token } : {}) });

  it("creates a KPI on a goal and lists it with its definition", async () => {
    const res = await post("/api/v1/kpis", {
      name: "Weekly online sales",
      layer: "strategic",
      goalId: shopGoal.id,
      source: { kind: "measurement", aggregation: "sum" },
      unit: "cents",
      direction: "higher",
      frequency: "weekly",
      definition: "Net online sales per week.",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: "Weekly online sales",
      source: { kind: "measurement", aggregation: "sum" },
      greenFrom: 90,
      amberFrom: 75,
    });
    const list = await t.inject({ method: "GET", url: `/api/v1/kpis?goalId=${shopGoal.id}` });
    expect(list.json().items.map((k: { definition: string }) => k.definition)).toEqual([
      "Net online sales per week.",
    ]);
  });

  it("refuses bad formulas with errors naming the KPI and the field", async () => {
    const base = { layer: "operational", goalId: shopGoal.id, direction: "higher", frequency: "monthly" };
    const noAnchor = await post("/api/v1/kpis", {
      ...base,
      goalId: undefined,
      name: "Loose",
      source: { kind: "measurement" },
      unit: "count",
    });
    expect(noAnchor.statusCode).toBe(422);
    expect(noAnchor.json().issues[0].path).toBe("goalId");

    const unknownMetric = await post("/api/v1/kpis", {
      ...base,
      name: "Uptime",
      source: { kind: "metric", metric: "uptimePct", serviceId: shop.id },
      unit: "percent",
    });
    expect(unknownMetric.statusCode).toBe(422);
    expect(unknownMetric.json().detail ?? unknownMetric.json().title).toBeDefined();
    expect(unknownMetric.json().issues[0]).toMatchObject({ path: "source.metric" });
    expect(JSON.stringify(unknownMetric.json())).toContain('KPI \\"Uptime\\"');

    const wrongUnit = await post("/api/v1/kpis", {
      ...base,
      name: "Shop availability",
      source: { kind: "metric", metric: "availabilityPct", serviceId: shop.id },
      unit: "hours",
    });
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json().issues).toEqual([
      { path: "unit", message: "expected percent for availabilityPct" },
    ]);

    const missingService = await post("/api/v1/kpis", {
      ...base,
      name: "Ghost availability",
      source: {
        kind: "metric",
        metric: "availabilityPct",
        serviceId: "00000000-0000-4000-8000-00000000abcd",
      },
      unit: "percent",
    });
    expect(missingService.statusCode).toBe(422);
    expect(missingService.json()).toMatchObject({
      code: "unknown_reference",
      issues: [{ path: "source.serviceId" }],
    });
  });

  it("refuses a target equal to its baseline or against the KPI's direction", async () => {
    const k = await makeKpi(t.repos, { goalId: shopGoal.id });
    const same = await t.inject({
      method: "PUT",
      url: `/api/v1/kpis/${k.id}/targets`,
      payload: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 5, target: 5 },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().issues[0]).toEqual({
      path: "target",
      message: "must differ from baseline, or achievement is undefined",
    });
    const backwards = await t.inject({
      method: "PUT",
      url: `/api/v1/kpis/${k.id}/targets`,
      payload: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 5, target: 3 },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().detail ?? backwards.json().title).toBeTruthy();
    expect(JSON.stringify(backwards.json())).toContain("higher is better");
  });

  it("imports measurements all or nothing, refusing gaps and duplicates by KPI and line", async () => {
    const k = await makeKpi(t.repos, { goalId: shopGoal.id, name: "Orders shipped" });
    const bad = await post("/api/v1/kpis/measurements/import", {
      csv: "kpi,date,value\nOrders shipped,2026-11-02,10\nOrders shipped,2026-11-03,11\nOrders shipped,2026-11-16,12\nNo such KPI,2026-11-02,1\n",
    });
    expect(bad.statusCode).toBe(422);
    const issues = bad.json().issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual([
      "line 3, column date",
      "line 4, column date",
      "line 5, column kpi",
    ]);
    expect(issues[0]?.message).toMatch(
      /KPI "Orders shipped" \(weekly\): date 2026-11-03 is a duplicate of line 2/,
    );
    expect(issues[1]?.message).toMatch(/gap, no value for 2026-W46/);
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM kpi_measurement WHERE kpi_id = ${k.id}`.execute(t.store.db);
    expect(stored.rows[0]?.n).toBe(0);

    const good = await post("/api/v1/kpis/measurements/import", {
      csv: "kpi,date,value\nOrders shipped,2026-11-02,10\nOrders shipped,2026-11-09,11\n",
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ inserted: 2, kpis: [{ kpiId: k.id, name: "Orders shipped", rows: 2 }] });
    const rows = await sql<{
      value: number;
      origin: string;
    }>`SELECT value, origin FROM kpi_measurement WHERE kpi_id = ${k.id} ORDER BY measured_on`.execute(
      t.store.db,
    );
    expect(rows.rows.map((r) => [Number(r.value), r.origin])).toEqual([
      [10, "import"],
      [11, "import"],
    ]);
  });

  it("reads a KPI's value, target and status for a period, and keeps history when data changes", async () => {
    const k = await makeKpi(t.repos, {
      goalId: shopGoal.id,
      name: "Net sales",
      frequency: "monthly",
      source: { kind: "measurement", aggregation: "sum" },
    });
    await t.inject({
      method: "PUT",
      url: `/api/v1/kpis/${k.id}/targets`,
      payload: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 1000, target: 2000 },
    });
    for (const [d, v] of [
      ["2026-10-05", 700],
      ["2026-10-20", 1000],
    ] as const) {
      const r = await post(`/api/v1/kpis/${k.id}/measurements`, { measuredOn: d, value: v });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().recordedBy).toMatch(/admin/);
    }
    const readings = await t.inject({ method: "GET", url: "/api/v1/kpis/readings?period=2026-10" });
    const mine = readings.json().items.find((i: { kpiId: string }) => i.kpiId === k.id);
    // 700 + 1000 = 1700; (1700 − 1000) / (2000 − 1000) = 70 % → red.
    expect(mine).toMatchObject({
      value: 1700,
      baseline: 1000,
      target: 2000,
      achievementPct: 70,
      status: "red",
      asOf: "2026-10-20",
    });

    expect((await post("/api/v1/kpis/recompute", { period: "2026-10" })).statusCode).toBe(200);
    await post(`/api/v1/kpis/${k.id}/measurements`, { measuredOn: "2026-10-20", value: 1200 });
    const again = await post("/api/v1/kpis/recompute", { period: "2026-10" });
    expect(again.json().changed).toBeGreaterThanOrEqual(1);
    const history = await t.inject({ method: "GET", url: `/api/v1/kpis/${k.id}/history` });
    expect(history.json()).toEqual([
      expect.objectContaining({
        period: "2026-10",
        value: 1700,
        achievementPct: 70,
        status: "red",
        recomputedValue: 1900,
        recomputedAchievementPct: 90,
        recomputedStatus: "green",
      }),
    ]);
  });

  it("gives the alignment score with its tree and the sentences of why it moved", async () => {
    const k = await makeKpi(t.repos, {
      goalId: hrGoal.id,
      name: "Staff turnover",
      unit: "percent",
      direction: "lower",
      frequency: "monthly",
      source: { kind: "measurement", aggregation: "last" },
    });
    await t.inject({
      method: "PUT",
      url: `/api/v1/kpis/${k.id}/targets`,
      payload: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 16, target: 12 },
    });
    await post(`/api/v1/kpis/${k.id}/measurements`, { measuredOn: "2026-09-30", value: 12 });
    await post(`/api/v1/kpis/${k.id}/measurements`, { measuredOn: "2026-10-30", value: 14 });
    await post("/api/v1/kpis/recompute", { period: "2026-09" });
    await post("/api/v1/kpis/recompute", { period: "2026-10" });
    const res = await t.inject({
      method: "GET",
      url: "/api/v1/alignment-score?period=2026-10&compareTo=2026-09",
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.tree.kind).toBe("score");
    expect(body.previous.period).toBe("2026-09");
    const turnover = body.changes.find((c: { id: string }) => c.id === k.id);
    // Turnover 12 → 14 against baseline 16, target 12: achievement 100 → 50.
    expect(turnover.sentence).toMatch(
      /^−\d+: Staff turnover rose to 14 %, short of its 12 % target; (goal weight \d\.\d\d|weight \d\.\d\d → \d\.\d\d)$/,
    );
  });

  it("answers the same score again until KPIs, goals or snapshots change", async () => {
    const url = "/api/v1/alignment-score?period=2026-10&compareTo=2026-09";
    const first = (await t.inject({ method: "GET", url })).json();
    expect((await t.inject({ method: "GET", url })).json()).toEqual(first);
    const turnover = (await t.inject({ method: "GET", url: "/api/v1/kpis?q=Staff%20turnover" })).json()
      .items[0];
    const patched = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${turnover.id}`,
      payload: { weight: 0 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = (await t.inject({ method: "GET", url })).json();
    const find = (n: { id: string; weight: number; children: unknown[] }): { weight: number } | undefined =>
      n.id === turnover.id ? n : (n.children as (typeof n)[]).map(find).find((x) => x !== undefined);
    expect(find(first.tree)?.weight).toBe(1);
    expect(find(after.tree)?.weight).toBe(0);
  });

  it("adds a library KPI to a goal in one step, and lists about 25 templates and the shipped benchmarks", async () => {
    const library = await t.inject({ method: "GET", url: "/api/v1/kpis/library" });
    expect(library.json().length).toBeGreaterThanOrEqual(25);
    const res = await post("/api/v1/kpis/from-template", {
      templateKey: "availability",
      goalId: shopGoal.id,
      serviceId: shop.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: "Availability of a business-critical service (Double web shop conversion)",
      unit: "percent",
      source: { kind: "metric", metric: "availabilityPct", serviceId: shop.id },
      templateKey: "availability",
    });
    const unknown = await post("/api/v1/kpis/from-template", { templateKey: "nope", goalId: shopGoal.id });
    expect(unknown.statusCode).toBe(422);
    const sets = await t.inject({ method: "GET", url: "/api/v1/benchmarks" });
    expect(sets.json()[0]).toMatchObject({
      shipped: true,
      values: expect.arrayContaining([
        expect.objectContaining({ name: "Incident happiness", value: 67, year: 2019 }),
      ]),
    });
    const added = await post("/api/v1/benchmarks", {
      name: "Retail peers 2025",
      values: [{ name: "Availability", source: "Peer survey", value: 99.7, unit: "percent", year: 2025 }],
    });
    expect(added.statusCode, added.body).toBe(201);
  });

  it("shows a business stakeholder only the KPIs of their units", async () => {
    const hrKpi = await makeKpi(t.repos, { goalId: hrGoal.id, name: "HR only" });
    const token = await t.tokenFor("business_stakeholder", { unitIds: [sales.id] });
    const list = await t.inject({ method: "GET", url: "/api/v1/kpis?limit=500", token });
    const names = list.json().items.map((k: { name: string }) => k.name);
    expect(names).toContain("Weekly online sales");
    expect(names).not.toContain("HR only");
    for (const url of [
      `/api/v1/kpis/${hrKpi.id}`,
      `/api/v1/kpis/${hrKpi.id}/history`,
      `/api/v1/kpis/${hrKpi.id}/targets`,
      `/api/v1/kpis/${hrKpi.id}/measurements`,
    ]) {
      expect((await t.inject({ method: "GET", url, token })).statusCode, url).toBe(404);
    }
    const write = await post(
      `/api/v1/kpis/${hrKpi.id}/measurements`,
      { measuredOn: "2026-11-02", value: 1 },
      token,
    );
    expect(write.statusCode).toBe(403);
  });

  it("correlates two KPIs week by week at lags 0-8, saying it is not cause", async () => {
    const itKpi = await makeKpi(t.repos, {
      goalId: shopGoal.id,
      name: "Shop MTTR weekly",
      unit: "hours",
      direction: "lower",
      source: { kind: "measurement", aggregation: "mean" },
    });
    const bizKpi = await makeKpi(t.repos, { goalId: shopGoal.id, name: "Shop sales weekly" });
    const mttr = [5, 1, 4, 2, 8, 3, 7, 1, 6, 2];
    const lines = ["kpi,date,value"];
    mttr.forEach((v, i) => {
      const monday = new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10);
      lines.push(`Shop MTTR weekly,${monday},${v}`);
      lines.push(`Shop sales weekly,${monday},${100 - 3 * v + (i % 2)}`);
    });
    expect(
      (await post("/api/v1/kpis/measurements/import", { csv: `${lines.join("\n")}\n` })).statusCode,
    ).toBe(200);
    const res = await t.inject({
      method: "GET",
      url: `/api/v1/kpis/correlation?itKpiId=${itKpi.id}&businessKpiId=${bizKpi.id}&from=2026-09-07&to=2026-11-15`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.it.points).toHaveLength(10);
    expect(body.lags).toHaveLength(9);
    expect(body.lags[0].pairs).toBe(10);
    expect(body.lags[0].r).toBeLessThan(-0.95);
    expect(body.caveat).toMatch(/Correlation, not cause/);
  });
});
