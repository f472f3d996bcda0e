import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FeedbackWorld, makeFeedbackWorld } from "../support/feedback-factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

const NOW = "2026-03-01T12:00:00Z";

describe.each(testBackends())("pain-point register API (%s)", (backend) => {
  let t: TestApp;
  let world: FeedbackWorld;
  let it_: string;
  let salesPerson: string;
  let hrPerson: string;
  let viewer: string;

  beforeAll(async () => {
    t = await openTestApp(backend, NOW);
    world = await makeFeedbackWorld(t.store.db);
    it_ = await t.tokenFor("it");
    salesPerson = await t.tokenFor("business_stakeholder", { unitIds: [world.sales] });
    hrPerson = await t.tokenFor("business_stakeholder", { unitIds: [world.hr] });
    viewer = await t.tokenFor("viewer");
  }, 60_000);
  afterAll(async () => t.close());

  const post = (token: string, body: object) =>
    t.inject({ method: "POST", url: "/api/v1/pain-points", token, payload: body });
  const painPoint = (over: object = {}) => ({
    title: "Shift plans take ages to publish",
    description: "Every Monday the planner times out <b>twice</b>",
    serviceId: world.crm,
    businessUnitId: world.sales,
    frequency: "weekly",
    hoursLostPerWeek: 3.5,
    ...over,
  });

  it("lets the business post for its own units only, and viewers only read", async () => {
    const made = await post(salesPerson, painPoint());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      status: "new",
      votes: 0,
      quickWin: false,
      hoursToAcknowledge: null,
      ageHours: 0,
      hoursLostPerWeek: 3.5,
      description: "Every Monday the planner times out <b>twice</b>",
    });
    expect((await post(salesPerson, painPoint({ businessUnitId: world.hr }))).statusCode).toBe(403);
    expect((await post(viewer, painPoint())).statusCode).toBe(403);
    const bad = await post(salesPerson, painPoint({ hoursLostPerWeek: -1, frequency: "hourly" }));
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toMatch(/hoursLostPerWeek/);
    expect(JSON.stringify(bad.json())).toMatch(/frequency/);

    const hrPoint = await post(
      hrPerson,
      painPoint({ businessUnitId: world.hr, serviceId: world.payroll, title: "Payslips late" }),
    );
    expect(hrPoint.statusCode).toBe(201);
    const salesList = await t.inject({ method: "GET", url: "/api/v1/pain-points", token: salesPerson });
    const titles = salesList.json().items.map((p: { title: string }) => p.title);
    expect(titles).toContain("Shift plans take ages to publish");
    expect(titles).not.toContain("Payslips late");
    const other = await t.inject({
      method: "GET",
      url: `/api/v1/pain-points/${hrPoint.json().id}`,
      token: salesPerson,
    });
    expect(other.statusCode).toBe(404);
    expect(
      (await t.inject({ method: "GET", url: "/api/v1/pain-points", token: viewer })).json().items,
    ).toHaveLength(2);
  });

  it("counts one vote per person and flags small, voted pain points as quick wins", async () => {
    const id = (await post(salesPerson, painPoint({ title: "Printer queue" }))).json().id as string;
    const vote = (token: string) =>
      t.inject({ method: "POST", url: `/api/v1/pain-points/${id}/vote`, token });
    expect((await vote(salesPerson)).json()).toMatchObject({ votes: 1, votedByMe: true });
    expect((await vote(salesPerson)).json().votes).toBe(1);
    expect((await vote(viewer)).statusCode).toBe(403);
    expect((await vote(hrPerson)).statusCode).toBe(404);
    const colleagues = [
      await t.tokenFor("business_stakeholder", { unitIds: [world.sales] }),
      await t.tokenFor("relationship_manager"),
    ];
    for (const token of colleagues) await vote(token);
    const votes = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pain_point_vote WHERE pain_point_id = ${id}`.execute(t.store.db);
    expect(votes.rows[0]?.n).toBe(3);
    const triaged = await t.inject({
      method: "POST",
      url: `/api/v1/pain-points/${id}/triage`,
      token: it_,
      payload: { status: "acknowledged", effort: "small" },
    });
    expect(triaged.statusCode, triaged.body).toBe(200);
    expect(triaged.json()).toMatchObject({
      status: "acknowledged",
      effort: "small",
      votes: 3,
      quickWin: true,
    });
    const quick = await t.inject({
      method: "GET",
      url: "/api/v1/pain-points?quickWins=true",
      token: salesPerson,
    });
    expect(quick.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    const unvoted = await t.inject({
      method: "DELETE",
      url: `/api/v1/pain-points/${id}/vote`,
      token: salesPerson,
    });
    expect(unvoted.json()).toMatchObject({ votes: 2, quickWin: false, votedByMe: false });
  });

  it("lets only IT triage, requires a reason to decline and shows it to the business", async () => {
    const id = (await post(salesPerson, painPoint({ title: "VPN drops" }))).json().id as string;
    const triage = (token: string, payload: object) =>
      t.inject({ method: "POST", url: `/api/v1/pain-points/${id}/triage`, token, payload });
    expect((await triage(salesPerson, { status: "acknowledged" })).statusCode).toBe(403);
    const noReason = await triage(it_, { status: "declined" });
    expect(noReason.statusCode).toBe(422);
    expect(JSON.stringify(noReason.json())).toMatch(/reason/);
    const declined = await triage(it_, { status: "declined", reason: "Replaced by the new VPN in May" });
    expect(declined.statusCode, declined.body).toBe(200);
    const seen = await t.inject({ method: "GET", url: `/api/v1/pain-points/${id}`, token: salesPerson });
    expect(seen.json()).toMatchObject({
      status: "declined",
      statusReason: "Replaced by the new VPN in May",
      closedAt: "2026-03-01T12:00:00.000Z",
    });
    expect((await triage(it_, { status: "in_progress" })).statusCode).toBe(409);
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ${id}`.execute(t.store.db);
    expect(audit.rows[0]?.n).toBe(1);
  });

  it("keeps comments as text, and lets viewers read but not comment", async () => {
    const id = (await post(salesPerson, painPoint({ title: "Slow laptops" }))).json().id as string;
    const body = "<script>alert('x')</script> still slow";
    const made = await t.inject({
      method: "POST",
      url: `/api/v1/pain-points/${id}/comments`,
      token: salesPerson,
      payload: { body },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(
      (
        await t.inject({
          method: "POST",
          url: `/api/v1/pain-points/${id}/comments`,
          token: viewer,
          payload: { body },
        })
      ).statusCode,
    ).toBe(403);
    const tooLong = await t.inject({
      method: "POST",
      url: `/api/v1/pain-points/${id}/comments`,
      token: salesPerson,
      payload: { body: "x".repeat(2001) },
    });
    expect(tooLong.statusCode).toBe(422);
    const list = await t.inject({ method: "GET", url: `/api/v1/pain-points/${id}/comments`, token: viewer });
    expect(list.json().items.map((c: { body: string }) => c.body)).toEqual([body]);
    expect(
      (await t.inject({ method: "GET", url: `/api/v1/pain-points/${id}`, token: salesPerson })).json()
        .comments,
    ).toBe(1);
  });
});
