import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Survey } from "../../src/domain/schemas/survey.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { foldPendingAnswers } from "../../src/store/repositories/survey-tally.js";
import { DURING, issueCampaign, likertSubmission, makeStaffedUnit } from "../support/survey-factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

describe.each(testBackends())("answering survey links concurrently over HTTP on %s", (backend) => {
  let store: Store;
  let survey: Survey;
  let now: TandemApp;
  let afterDeadline: TandemApp;
  let tokens: string[];

  const appAt = (instant: Date | string) =>
    buildApp({
      store,
      webRoot: null,
      clock: fixedClock(instant),
      mail: null,
      publicUrl: "https://tandem.test",
      surveyAnswersPerMinute: 10_000,
    });

  beforeAll(async () => {
    store = await openTestStore(backend);
    const sys = createRepositories(store.db, systemActor("test"));
    survey = await sys.surveys.valuePerception();
    const unit = await makeStaffedUnit(sys, "Answering unit", 24);
    tokens = (
      await issueCampaign(sys, { surveyId: survey.id, businessUnitIds: [unit.unit.id] })
    ).invitations.map((i) => i.token);
    now = await appAt(DURING);
    afterDeadline = await appAt("2026-12-01T00:00:00Z");
  }, 120_000);
  afterAll(async () => {
    await now.close();
    await afterDeadline.close();
    await store.close();
  });

  it("answers every request with its own status and problem, the good ones all stored once", async () => {
    const likert = (value: number) => likertSubmission(survey, () => value);
    const outOfRange = likertSubmission(survey, (i) => (i === 3 ? 0 : 4));
    const requests = [
      ...tokens
        .slice(0, 16)
        .map((token, i) => ({ app: now, token, payload: likert(1 + (i % 5)), status: 200 })),
      { app: now, token: tokens[0] as string, payload: likert(3), status: 409 }, // the same link again, at once
      { app: now, token: tokens[16] as string, payload: outOfRange, status: 422 },
      { app: afterDeadline, token: tokens[17] as string, payload: likert(3), status: 409 }, // expired
      { app: now, token: "C".repeat(43), payload: likert(3), status: 404 }, // forged
      {
        app: now,
        token: tokens[18] as string,
        payload: { answers: [...likert(3).answers, { questionId: survey.questions[0]?.id, value: 3 }] },
        status: 422, // a statement answered twice
      },
    ];
    const responses = await Promise.all(
      requests.map((r) =>
        r.app.inject({ method: "POST", url: `/api/v1/survey-links/${r.token}`, payload: r.payload }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(requests.map((r) => r.status));
    for (const r of responses.filter((x) => x.statusCode !== 200))
      expect(r.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(responses[16]?.json().detail).toMatch(/used already/);
    expect(responses[17]?.json().issues).toEqual([
      { path: "answers.3.value", message: "must be from 1 to 5" },
    ]);
    expect(responses[18]?.json().detail).toMatch(/expired on 2026-11-30/);
    expect(responses[20]?.json().issues.map((i: { message: string }) => i.message)).toContain(
      "answered twice",
    );

    // Sixteen responses of twelve statements: the organisation-wide tally counts 16 × 12 answers,
    // and the refused links still take an answer.
    await foldPendingAnswers(store.db); // the answers still waiting are counted, as a reader would
    const tallied = await sql<{ n: number }>`
      SELECT sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10)::int AS n
      FROM survey_tally WHERE scope = 'all'`.execute(store.db);
    const stored = await sql<{ n: number }>`
      SELECT count(v)::int AS n FROM survey_response, unnest(scale_values) AS v`.execute(store.db);
    expect(stored.rows[0]?.n).toBe(16 * 12);
    expect(tallied.rows[0]?.n).toBe(16 * 12);
    for (const token of [tokens[16], tokens[18]]) {
      const again = await now.inject({
        method: "POST",
        url: `/api/v1/survey-links/${token}`,
        payload: likert(2),
      });
      expect(again.statusCode, again.body).toBe(200);
    }
  });
});
