import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FeedbackWorld, makeFeedbackWorld, makeTickets } from "../support/feedback-factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";

/** Inputs PostgreSQL cannot store or that try to break out of the text: refused or kept, never a 500. */
describe("ticket feedback and pain points under hostile input", () => {
  let t: TestApp;
  let world: FeedbackWorld;

  beforeAll(async () => {
    t = await openTestApp("pglite", "2026-03-01T12:00:00Z");
    world = await makeFeedbackWorld(t.store.db);
  }, 60_000);
  afterAll(async () => t.close());

  it("refuses NUL characters with a 4xx naming the field", async () => {
    const [ticket] = await makeTickets(t.store.db, [{ serviceId: world.crm, businessUnitId: world.sales }]);
    const links = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/links",
      payload: { ticketIds: [ticket?.id] },
    });
    const token = links.json().links[0].token as string;
    const answer = await t.inject({
      method: "POST",
      url: `/api/v1/feedback-links/${token}`,
      payload: { score: 5, comment: "bad\u0000byte" },
    });
    expect(answer.statusCode, answer.body).toBe(422);
    expect(JSON.stringify(answer.json())).toContain("comment");
    const point = await t.inject({
      method: "POST",
      url: "/api/v1/pain-points",
      payload: { title: "x\u0000", businessUnitId: world.sales, frequency: "daily", hoursLostPerWeek: 1 },
    });
    expect(point.statusCode).toBe(422);
    const imported = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/import",
      payload: { csv: "ticket,score,answered_at\nA\u0000B,5,2026-01-01T00:00:00Z\n" },
    });
    expect(imported.statusCode).toBe(422);
    const forged = await t.inject({ method: "GET", url: "/api/v1/feedback-links/%00" });
    expect(forged.statusCode).toBeLessThan(500);
  });

  it("answers every random body and query on these routes with a problem, never a 5xx", async () => {
    const [ticket] = await makeTickets(t.store.db, [{ serviceId: world.crm, businessUnitId: world.sales }]);
    const links = await t.inject({
      method: "POST",
      url: "/api/v1/feedback/links",
      payload: { ticketIds: [ticket?.id] },
    });
    const token = links.json().links[0].token as string;
    const point = await t.inject({
      method: "POST",
      url: "/api/v1/pain-points",
      payload: { title: "Fuzz", businessUnitId: world.sales, frequency: "daily", hoursLostPerWeek: 1 },
    });
    const id = point.json().id as string;
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("", "\u0000", "<script>", "1e309", "-1", "x".repeat(5000)),
    );
    const routes = [
      `POST /api/v1/feedback-links/${token}`,
      "POST /api/v1/feedback/links",
      "POST /api/v1/feedback/import",
      "POST /api/v1/pain-points",
      `POST /api/v1/pain-points/${id}/triage`,
      `POST /api/v1/pain-points/${id}/comments`,
      "GET /api/v1/feedback/happiness",
      "GET /api/v1/feedback/themes",
      "GET /api/v1/feedback/measurements",
      "GET /api/v1/pain-points",
    ];
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          score: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double(), text),
          lostMinutes: fc.oneof(fc.integer(), fc.constant(null), text),
          comment: text,
          signedBy: fc.oneof(text, fc.constant(null)),
          csv: text.map((c) => `ticket,score,answered_at\n${c},${c},${c}\n`),
          title: text,
          businessUnitId: fc.constantFrom(world.sales, world.hr, "nope"),
          frequency: text,
          hoursLostPerWeek: fc.oneof(fc.double(), fc.integer()),
          status: fc.constantFrom("new", "declined", "done", "x"),
          reason: text,
          body: text,
          ticketIds: fc.array(fc.uuid()),
          resolvedFrom: text,
        },
        { requiredKeys: [] },
      ),
    );
    const query = fc.dictionary(
      fc.constantFrom("from", "to", "businessUnitId", "status", "quickWins"),
      text,
      {
        maxKeys: 3,
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, query, async (route, payload, q) => {
        const [method, path] = route.split(" ") as ["GET" | "POST", string];
        const res = await t.inject({
          method,
          url: `${path}?${new URLSearchParams(q).toString()}`,
          ...(method === "POST" ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, `${route} ${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 8 },
    );
  }, 120_000);
});
