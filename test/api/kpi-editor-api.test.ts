import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeGoal, makePerson, makeService } from "../support/factories.js";
import { makeKpi } from "../support/kpi-factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

const GHOST = "00000000-0000-4000-8000-00000000dead";

/** What the web's KPI editor sends: a KPI from scratch (POST), an edit (PATCH with If-Match), benchmarks. */
describe.each(testBackends())("the KPI editor over the API (%s)", (backend) => {
  let t: TestApp;
  let sales: { id: string };
  let goal: { id: string };
  let shop: { id: string };
  let owner: { id: string };
  let counter = 0;

  beforeAll(async () => {
    t = await openTestApp(backend, "2026-11-25T10:00:00Z");
    sales = await makeBusinessUnit(t.repos, { name: "Sales" });
    goal = await makeGoal(t.repos, { name: "Grow online revenue", ownerBusinessUnitId: sales.id });
    shop = await makeService(t.repos, { name: "Web Shop" });
    owner = await makePerson(t.repos, { name: "Olga Owner" });
  }, 60_000);
  afterAll(() => t.close());

  /** A sound KPI body with a fresh name; each test changes what it is about. */
  const body = (o: Record<string, unknown> = {}) => {
    counter += 1;
    return {
      name: `Editor KPI ${counter}`,
      layer: "operational",
      goalId: goal.id,
      source: { kind: "metric", metric: "availabilityPct", serviceId: shop.id, businessUnitId: sales.id },
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      ownerPersonId: owner.id,
      definition: "Share of agreed service time the web shop was up.",
      ...o,
    };
  };
  const post = (payload: object, token?: string) =>
    t.inject({ method: "POST", url: "/api/v1/kpis", payload, ...(token ? { token } : {}) });
  const stored = async (id: string) =>
    (
      await sql<{
        name: string;
        layer: string;
        goalId: string | null;
        serviceId: string | null;
        businessUnitId: string | null;
        source: unknown;
        unit: string;
        direction: string;
        frequency: string;
        ownerPersonId: string | null;
        definition: string;
        weight: number;
        greenFrom: number;
        amberFrom: number;
        templateKey: string | null;
        version: number;
      }>`SELECT * FROM kpi WHERE id = ${id}`.execute(t.store.db)
    ).rows[0];
  const sourceOf = (raw: unknown) => (typeof raw === "string" ? JSON.parse(raw) : raw);

  it("creates a KPI from every field, stores each one and audits the write", async () => {
    const res = await post(
      body({
        name: "Shop availability (Sales)",
        weight: 2.5,
        greenFrom: 95,
        amberFrom: 80,
        templateKey: "availability",
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/kpis/${res.json().id}`);
    const row = await stored(res.json().id);
    expect({ ...row, source: sourceOf(row?.source), weight: Number(row?.weight) }).toMatchObject({
      name: "Shop availability (Sales)",
      layer: "operational",
      goalId: goal.id,
      serviceId: null,
      businessUnitId: null,
      source: { kind: "metric", metric: "availabilityPct", serviceId: shop.id, businessUnitId: sales.id },
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      ownerPersonId: owner.id,
      definition: "Share of agreed service time the web shop was up.",
      weight: 2.5,
      templateKey: "availability",
    });
    const audit = await sql<{
      action: string;
      actorLabel: string;
    }>`SELECT action, actor_label FROM audit_event WHERE entity_type = 'kpi' AND entity_id = ${res.json().id}`.execute(
      t.store.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create"]);
  });

  it("accepts each formula source kind with the fields its schema defines, on a goal, a service or a unit", async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ source: { kind: "measurement", aggregation: "last" }, unit: "count" }, { goalId: goal.id }],
      [
        {
          source: { kind: "survey", measure: "csatPct", surveyId: null, serviceId: shop.id },
          unit: "percent",
        },
        { goalId: null, serviceId: shop.id },
      ],
      [
        {
          source: { kind: "feedback", measure: "happiness", serviceId: shop.id },
          unit: "score",
          layer: "experience",
        },
        { goalId: null, businessUnitId: sales.id },
      ],
      [
        {
          source: { kind: "cost", measure: "allocatedCents", serviceId: null, businessUnitId: sales.id },
          unit: "cents",
          direction: "lower",
        },
        { goalId: goal.id },
      ],
    ];
    for (const [fields, anchor] of cases) {
      const res = await post(body({ ...fields, ...anchor }));
      expect(res.statusCode, res.body).toBe(201);
      const row = await stored(res.json().id);
      expect(sourceOf(row?.source)).toEqual(fields.source);
      expect([row?.goalId ?? null, row?.serviceId ?? null, row?.businessUnitId ?? null]).toEqual([
        (anchor.goalId as string | undefined) ?? null,
        (anchor.serviceId as string | undefined) ?? null,
        (anchor.businessUnitId as string | undefined) ?? null,
      ]);
    }
  });

  it("refuses each bad field with a 422 naming that field, and stores nothing", async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM kpi`.execute(t.store.db)).rows[0]
      ?.n;
    const bad: [string, Record<string, unknown>][] = [
      ["name", { name: "  " }],
      ["layer", { layer: "tactical" }],
      ["unit", { unit: "furlongs" }],
      ["direction", { direction: "up" }],
      ["frequency", { frequency: "daily" }],
      ["definition", { definition: "x".repeat(301) }],
      ["weight", { weight: -1 }],
      ["greenFrom", { greenFrom: "ninety" }],
      ["amberFrom", { greenFrom: 80, amberFrom: 85 }],
      ["goalId", { goalId: null }],
      ["goalId", { serviceId: shop.id }],
      ["ownerPersonId", { ownerPersonId: "not-a-uuid" }],
      ["source.aggregation", { source: { kind: "measurement", aggregation: "median" }, unit: "count" }],
      ["source.metric", { source: { kind: "metric", metric: "uptimePct" } }],
      ["source.measure", { source: { kind: "survey", measure: "loyalty" }, unit: "score" }],
      [
        "source.serviceId",
        { source: { kind: "feedback", measure: "happiness", serviceId: "shop" }, unit: "score" },
      ],
      ["unit", { unit: "hours" }],
    ];
    for (const [field, change] of bad) {
      const res = await post(body(change));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(
        res.json().issues.map((i: { path: string }) => i.path),
        `${JSON.stringify(change)}: ${res.body}`,
      ).toContain(field);
    }
    const kind = await post(body({ source: { kind: "oracle" } }));
    expect(kind.statusCode).toBe(422);
    expect(kind.json().issues[0].path).toMatch(/^source/);
    const after = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM kpi`.execute(t.store.db)).rows[0]
      ?.n;
    expect(after).toBe(before);
  });

  it("refuses a goal, service, unit or owner that does not exist with a field error", async () => {
    for (const [field, change] of [
      ["goalId", { goalId: GHOST }],
      ["serviceId", { goalId: null, serviceId: GHOST }],
      ["businessUnitId", { goalId: null, businessUnitId: GHOST }],
      ["ownerPersonId", { ownerPersonId: GHOST }],
      ["source.serviceId", { source: { kind: "metric", metric: "availabilityPct", serviceId: GHOST } }],
      [
        "source.businessUnitId",
        { source: { kind: "metric", metric: "availabilityPct", businessUnitId: GHOST } },
      ],
    ] as const) {
      const res = await post(body(change));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.json().code).toBe("unknown_reference");
      expect(res.json().issues, field).toEqual([expect.objectContaining({ path: field })]);
    }
  });

  it("refuses a business stakeholder and a viewer: creating and editing KPIs is for those who shape goals", async () => {
    const kpi = await makeKpi(t.repos, { goalId: goal.id });
    for (const role of ["business_stakeholder", "viewer"] as const) {
      const token = await t.tokenFor(role, role === "business_stakeholder" ? { unitIds: [sales.id] } : {});
      const created = await post(body(), token);
      expect(created.statusCode, created.body).toBe(403);
      const patched = await t.inject({
        method: "PATCH",
        url: `/api/v1/kpis/${kpi.id}`,
        payload: { definition: "mine now" },
        token,
      });
      expect(patched.statusCode).toBe(403);
    }
    const relationshipManager = await t.tokenFor("relationship_manager");
    expect((await post(body(), relationshipManager)).statusCode).toBe(201);
    expect((await stored(kpi.id))?.definition).toBe("Net online sales per week.");
  });

  it("edits a KPI with If-Match: keeps what the patch leaves out, refuses a stale version with 412", async () => {
    const created = (
      await post(body({ weight: 3, greenFrom: 95, amberFrom: 85, templateKey: "availability" }))
    ).json();
    const first = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${created.id}`,
      payload: { definition: "Edited one line." },
      headers: { "if-match": '"1"' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const row = await stored(created.id);
    // Left out of the patch, so unchanged (not reset to the create schema's defaults).
    expect([Number(row?.weight), Number(row?.greenFrom), Number(row?.amberFrom)]).toEqual([3, 95, 85]);
    expect([row?.templateKey, row?.ownerPersonId, row?.definition]).toEqual([
      "availability",
      owner.id,
      "Edited one line.",
    ]);

    const stale = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${created.id}`,
      payload: { name: "Lost update" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe("precondition_failed");
    expect((await stored(created.id))?.name).toBe(created.name);

    const full = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${created.id}`,
      payload: {
        name: "Shop sales per week",
        layer: "strategic",
        source: { kind: "measurement", aggregation: "sum" },
        unit: "cents",
        frequency: "weekly",
        templateKey: "weekly-online-sales",
      },
      headers: { "if-match": '"2"' },
    });
    expect(full.statusCode, full.body).toBe(200);
    const edited = await stored(created.id);
    expect([edited?.name, edited?.layer, sourceOf(edited?.source), edited?.unit, edited?.version]).toEqual([
      "Shop sales per week",
      "strategic",
      { kind: "measurement", aggregation: "sum" },
      "cents",
      3,
    ]);
    const audit = await sql<{
      action: string;
    }>`SELECT action FROM audit_event WHERE entity_type = 'kpi' AND entity_id = ${created.id} ORDER BY at, id`.execute(
      t.store.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update", "update"]);

    const mismatch = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${created.id}`,
      payload: { source: { kind: "metric", metric: "mttaHours" } },
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().issues).toEqual([{ path: "unit", message: "expected hours for mttaHours" }]);
    const thresholds = await t.inject({
      method: "PATCH",
      url: `/api/v1/kpis/${created.id}`,
      payload: { amberFrom: 99 },
    });
    expect(thresholds.statusCode).toBe(422);
    expect(thresholds.json().issues.map((i: { path: string }) => i.path)).toContain("amberFrom");
  });

  it("reads one KPI's value for a period without the others", async () => {
    const a = await makeKpi(t.repos, { goalId: goal.id, name: "Orders this month", frequency: "monthly" });
    await makeKpi(t.repos, { goalId: goal.id, name: "Other KPI" });
    await t.inject({
      method: "POST",
      url: `/api/v1/kpis/${a.id}/measurements`,
      payload: { measuredOn: "2026-11-02", value: 40 },
    });
    await t.inject({
      method: "POST",
      url: `/api/v1/kpis/${a.id}/measurements`,
      payload: { measuredOn: "2026-11-09", value: 2 },
    });
    const res = await t.inject({ method: "GET", url: `/api/v1/kpis/readings?period=2026-11&kpiId=${a.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ kpiId: a.id, period: "2026-11", value: 42 }),
    ]);
    const bad = await t.inject({ method: "GET", url: "/api/v1/kpis/readings?kpiId=nope" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].path).toMatch(/kpiId/);
  });

  it("adds a benchmark set, audited, naming a bad figure's field by its row", async () => {
    const bad = await t.inject({
      method: "POST",
      url: "/api/v1/benchmarks",
      payload: {
        name: "Retail peers",
        values: [
          { name: "Availability", source: "Peer survey", value: 99.7, unit: "percent", year: 2025 },
          { name: "Happiness", source: " ", value: 80, unit: "score", year: 1800 },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["values.1.source", "values.1.year"]);
    const good = await t.inject({
      method: "POST",
      url: "/api/v1/benchmarks",
      payload: {
        name: "Retail peers",
        values: [
          {
            name: "Availability",
            source: "Peer survey",
            value: 99.7,
            unit: "percent",
            year: 2025,
            templateKey: "availability",
          },
        ],
      },
    });
    expect(good.statusCode, good.body).toBe(201);
    const sets = (await t.inject({ method: "GET", url: "/api/v1/benchmarks" })).json();
    expect(sets.map((s: { name: string }) => s.name)).toContain("Retail peers");
    const audit = await sql<{
      action: string;
    }>`SELECT action FROM audit_event WHERE entity_type = 'benchmark_set' AND entity_id = ${good.json().id}`.execute(
      t.store.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create"]);
    const token = await t.tokenFor("business_stakeholder", { unitIds: [sales.id] });
    const refused = await t.inject({
      method: "POST",
      url: "/api/v1/benchmarks",
      payload: { name: "Mine", values: [{ name: "X", source: "Me", value: 1, unit: "count", year: 2025 }] },
      token,
    });
    expect(refused.statusCode).toBe(403);
  });
});
