import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestSecret } from "../../src/domain/credentials.js";
import {
  addFeedbackRow,
  type FeedbackWorld,
  makeFeedbackWorld,
  makeTickets,
} from "../support/feedback-factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

const NOW = "2026-03-01T12:00:00Z";

describe.each(testBackends())("ticket feedback API (%s)", (backend) => {
  let t: TestApp;
  let world: FeedbackWorld;
  let it_: string;

  beforeAll(async () => {
    t = await openTestApp(backend, NOW);
    world = await makeFeedbackWorld(t.store.db);
    it_ = await t.tokenFor("it");
  }, 60_000);
  afterAll(async () => t.close());

  const links = async (ticketIds: string[]) => {
    const res = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/links",
      token: it_,
      payload: { ticketIds },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().links as { ticketId: string; token: string; path: string; expiresAt: string }[];
  };
  const answer = (token: string, payload: object) =>
    t.inject({ method: "POST", url: `/api/v1/feedback-links/${token}`, payload });

  it("answers a link once, without login, and refuses reuse, forgery and expiry", async () => {
    const [ticket] = await makeTickets(t.store.db, [{ serviceId: world.crm, businessUnitId: world.sales }]);
    const [link] = await links([ticket?.id ?? ""]);
    expect(link?.path).toBe(`/feedback/${link?.token}`);
    expect(link?.expiresAt).toBe("2026-03-15T12:00:00.000Z");
    // Only the hash is stored.
    const stored = await sql<{ tokenHash: string }>`SELECT token_hash FROM feedback_link`.execute(t.store.db);
    expect(stored.rows.map((r) => r.tokenHash)).toEqual([digestSecret(link?.token ?? "")]);

    const question = await t.inject({ method: "GET", url: `/api/v1/feedback-links/${link?.token}` });
    expect(question.statusCode, question.body).toBe(200);
    expect(question.json().ticketNumber).toBe(ticket?.number);
    expect(question.json().lostTimeChoices.length).toBeGreaterThan(3);

    const markup = '<img src=x onerror="alert(1)"> slow <b>CRM</b>';
    const first = await answer(link?.token ?? "", { score: 9, lostMinutes: 30, comment: markup });
    expect(first.statusCode, first.body).toBe(201);
    const second = await answer(link?.token ?? "", { score: 0 });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail ?? second.json().title).toMatch(/already been used/);
    const rows = await sql<{ score: number; comment: string; lostMinutes: number }>`
      SELECT score, comment, lost_minutes FROM ticket_feedback WHERE ticket_id = ${ticket?.id}`.execute(
      t.store.db,
    );
    expect(rows.rows).toEqual([{ score: 9, comment: markup, lostMinutes: 30 }]);

    const forged = await answer("A".repeat(43), { score: 5 });
    expect(forged.statusCode).toBe(404);
    const [expiredTicket] = await makeTickets(t.store.db, [
      { serviceId: world.crm, businessUnitId: world.sales },
    ]);
    await sql`INSERT INTO feedback_link (id, ticket_id, token_hash, created_at, expires_at, created_by)
      VALUES (gen_random_uuid(), ${expiredTicket?.id}, ${digestSecret("expired-token")},
              '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 'test')`.execute(t.store.db);
    const expired = await answer("expired-token", { score: 5 });
    expect(expired.statusCode).toBe(409);
    expect(JSON.stringify(expired.json())).toMatch(/expired/);
    // A ticket that has a link gets no second one.
    expect(await links([ticket?.id ?? ""])).toEqual([]);
  });

  it("accepts one of two simultaneous answers on the same link", async () => {
    const [ticket] = await makeTickets(t.store.db, [{ serviceId: world.crm, businessUnitId: world.sales }]);
    const [link] = await links([ticket?.id ?? ""]);
    const results = await Promise.all([
      answer(link?.token ?? "", { score: 1 }),
      answer(link?.token ?? "", { score: 10 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ticket_feedback WHERE ticket_id = ${ticket?.id}`.execute(t.store.db);
    expect(rows.rows[0]?.n).toBe(1);
  });

  it("refuses answers out of range, unknown lost-time choices and oversized comments, naming the field", async () => {
    const [ticket] = await makeTickets(t.store.db, [{ serviceId: world.crm, businessUnitId: world.sales }]);
    const [link] = await links([ticket?.id ?? ""]);
    const token = link?.token ?? "";
    for (const [payload, field] of [
      [{ score: 11 }, "score"],
      [{ score: -1 }, "score"],
      [{ score: 7.5 }, "score"],
      [{ score: "10" }, "score"],
      [{ score: 8, lostMinutes: 7 }, "lostMinutes"],
      [{ score: 8, comment: "x".repeat(2001) }, "comment"],
      [{ score: 8, extra: true }, ""],
    ] as const) {
      const res = await answer(token, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    // None of the refusals spent the link.
    expect((await answer(token, { score: 8 })).statusCode).toBe(201);
  });

  it("imports answers from CSV all or nothing, naming line and column", async () => {
    const tickets = await makeTickets(t.store.db, [
      { serviceId: world.crm, businessUnitId: world.sales },
      { serviceId: world.payroll, businessUnitId: world.hr },
    ]);
    const [a, b] = tickets;
    const bad = [
      "ticket,score,lost_minutes,comment,answered_at",
      `${a?.number},10,0,fine,2026-02-02T10:00:00Z`,
      `${b?.number},12,30,too high,2026-02-02T10:00:00Z`,
      `NOPE,5,,,2026-02-02T10:00:00Z`,
    ].join("\n");
    const refused = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/import",
      token: it_,
      payload: { fileName: "other-tool.csv", csv: bad },
    });
    expect(refused.statusCode).toBe(422);
    const paths = (refused.json().issues as { path: string; message: string }[]).map((i) => i.path);
    expect(paths).toEqual(["line 3, column 2", "line 4, column 1"]);
    const count = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM ticket_feedback WHERE source = 'import'`.execute(t.store.db)
        ).rows[0]?.n,
      );
    expect(await count()).toBe(0);

    const good = [
      "ticket,score,lost_minutes,comment,answered_at,signed_by",
      `${a?.number},10,0,fine,2026-02-02T10:00:00Z,`,
      `sys-${b?.number.replace(/^INC0*/, "")},3,120,"slow, again",2026-02-03T10:00:00Z,Jo Smith`,
    ].join("\n");
    const ok = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/import",
      token: it_,
      payload: { csv: good },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ read: 2, inserted: 2, alreadyAnswered: 0 });
    const again = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/import",
      token: it_,
      payload: { csv: good },
    });
    expect(again.json()).toEqual({ read: 2, inserted: 0, alreadyAnswered: 2 });
    expect(await count()).toBe(2);
  });
});

describe.each(testBackends())("happiness report (%s)", (backend) => {
  let t: TestApp;
  let world: FeedbackWorld;

  beforeAll(async () => {
    t = await openTestApp(backend, NOW);
    world = await makeFeedbackWorld(t.store.db);
    // CRM (Sales): 6 answers. Payroll (HR): 2 answers.
    const crm = await makeTickets(
      t.store.db,
      [0, 0, 1, 1, 2, 4].map((reassignmentCount, i) => ({
        serviceId: world.crm,
        businessUnitId: world.sales,
        record: { reassignmentCount, channel: i < 3 ? "portal" : "phone", assignmentGroup: "CRM support" },
      })),
    );
    const crmScores: [number, number | null][] = [
      [10, 0],
      [9, 30],
      [8, 60],
      [6, 120],
      [3, 240],
      [10, null],
    ];
    for (const [index, ticket] of crm.entries()) {
      const [score, lost] = crmScores[index] ?? [0, null];
      await addFeedbackRow(t.store.db, ticket.id, score, lost, `CRM comment ${index}`);
    }
    const payroll = await makeTickets(t.store.db, [
      { serviceId: world.payroll, businessUnitId: world.hr, record: { channel: "portal" } },
      { serviceId: world.payroll, businessUnitId: world.hr, record: { channel: "portal" } },
    ]);
    for (const ticket of payroll) await addFeedbackRow(t.store.db, ticket.id, 0, 480, "payroll broke");
  }, 60_000);
  afterAll(async () => t.close());

  const report = async (query = "", token?: string) => {
    const res = await t.inject({
      method: "GET",
      url: `/api/v1/feedback/happiness${query}`,
      ...(token ? { token } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("scores happiness and lost time, hiding small groups and what would reveal them by subtraction", async () => {
    const body = await report();
    // 8 answers: promoters 10, 9, 10 = 3; detractors 6, 3, 0, 0 = 4 → (3 - 4) / 8 = -12.5
    // lost time: (0 + 30 + 60 + 120 + 240 + 480 + 480) / 7 answers that gave one = 201.4
    expect(body.overall).toEqual({
      suppressed: false,
      respondents: 8,
      happiness: -12.5,
      meanLostMinutes: 201,
    });
    const services = Object.fromEntries(body.dimensions.service.map((g: { label: string }) => [g.label, g]));
    // Payroll (2) is too small; CRM (6) would give Payroll away as total - CRM, so it is hidden too.
    expect(services.Payroll.suppressed).toBe(true);
    expect(services.CRM.suppressed).toBe(true);
    expect(services.CRM.happiness).toBeNull();
    // By channel: portal 3 CRM + 2 Payroll = 5, phone 3 → phone hidden; portal would reveal it: hidden too.
    expect(body.dimensions.channel.every((g: { suppressed: boolean }) => g.suppressed)).toBe(true);
    expect(body.benchmark.incident).toEqual({ happiness: 67, lostMinutes: 181 });
  });

  it("shows groups once they are large enough", async () => {
    const more = await makeTickets(
      t.store.db,
      [1, 2, 3].map(() => ({
        serviceId: world.payroll,
        businessUnitId: world.hr,
        record: { channel: "phone" },
      })),
    );
    for (const ticket of more) await addFeedbackRow(t.store.db, ticket.id, 9, 15, "better now");
    const body = await report();
    const services = Object.fromEntries(body.dimensions.service.map((g: { label: string }) => [g.label, g]));
    // CRM: promoters 3, detractors 2 of 6 → 16.7; lost (0+30+60+120+240)/5 = 90
    expect(services.CRM).toMatchObject({
      suppressed: false,
      respondents: 6,
      happiness: 16.7,
      meanLostMinutes: 90,
    });
    // Payroll: 0, 0, 9, 9, 9 → (3 - 2) / 5 = 20; lost (480+480+15+15+15)/5 = 201
    expect(services.Payroll).toMatchObject({
      suppressed: false,
      respondents: 5,
      happiness: 20,
      meanLostMinutes: 201,
    });
  });

  it("limits a stakeholder to the answers on their units' tickets", async () => {
    const stakeholder = await t.tokenFor("business_stakeholder", { unitIds: [world.hr] });
    const body = await report("", stakeholder);
    expect(body.overall.respondents).toBe(5);
    expect(body.dimensions.service.map((g: { label: string }) => g.label)).toEqual(["Payroll"]);
    const other = await t.inject({
      method: "GET",
      url: `/api/v1/feedback/happiness?businessUnitId=${world.sales}`,
      token: stakeholder,
    });
    expect(other.statusCode).toBe(404);
  });

  it("reports comment themes with example comments, hiding fewer than five comments", async () => {
    const res = await t.inject({ method: "GET", url: "/api/v1/feedback/themes" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.comments).toBe(11);
    const crm = body.themes.find((theme: { theme: string }) => theme.theme === "crm");
    expect(crm?.count).toBe(6);
    expect(crm?.examples[0].signedBy).toBeNull();
    const stakeholder = await t.tokenFor("business_stakeholder", { unitIds: [world.hr] });
    const few = await t.inject({
      method: "GET",
      url: "/api/v1/feedback/themes?from=2099-01-01",
      token: stakeholder,
    });
    expect(few.json()).toEqual({ comments: null, suppressed: true, themes: [] });
  });

  it("hides a group of a one-unit report that the whole report would give away by subtraction", async () => {
    // Two answers on CRM tickets from HR: CRM has 8 in all, 6 of them from Sales.
    const hrOnCrm = await makeTickets(t.store.db, [
      { serviceId: world.crm, businessUnitId: world.hr },
      { serviceId: world.crm, businessUnitId: world.hr },
    ]);
    for (const ticket of hrOnCrm) await addFeedbackRow(t.store.db, ticket.id, 0, 960);
    const whole = await report();
    const crm = whole.dimensions.service.find((g: { label: string }) => g.label === "CRM");
    expect(crm).toMatchObject({ suppressed: false, respondents: 8 });
    const sales = await report(`?businessUnitId=${world.sales}`);
    expect(sales.overall.respondents).toBe(6);
    // Shown, CRM for Sales (6) beside CRM for all (8) would reveal HR's two answers.
    const salesCrm = sales.dimensions.service.find((g: { label: string }) => g.label === "CRM");
    expect(salesCrm).toMatchObject({ suppressed: true, happiness: null });
  });
});
