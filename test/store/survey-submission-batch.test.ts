import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TandemError } from "../../src/domain/errors.js";
import type { SubmissionInput, Survey } from "../../src/domain/schemas/survey.js";
import { systemActor } from "../../src/store/actor.js";
import { type Store, transactionsAtOnce } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import {
  type SubmissionOutcome,
  SurveyLinkRepository,
} from "../../src/store/repositories/survey-link-repository.js";
import { NIL_UUID } from "../../src/store/repositories/survey-tables.js";
import { foldPendingAnswers } from "../../src/store/repositories/survey-tally.js";
import { SurveySubmissionQueue, submissionQueueOf } from "../../src/use-cases/survey-submission-queue.js";
import { makeService } from "../support/factories.js";
import {
  DURING,
  issueCampaign,
  likertSubmission,
  makeItStaff,
  makeStaffedUnit,
} from "../support/survey-factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/** Every tally cell, as "scope|scopeId|month|question|audience|value" → answers, as stored now. */
const storedCells = async (store: Store) => {
  const rows = await sql<{ key: string; value: number; n: number }>`
    SELECT scope || '|' || scope_id || '|' || month || '|' || question_id || '|' || audience AS key, v.value, v.n
    FROM survey_tally,
      LATERAL (VALUES (0, c0), (1, c1), (2, c2), (3, c3), (4, c4), (5, c5), (6, c6), (7, c7), (8, c8), (9, c9), (10, c10)) AS v (value, n)
    WHERE v.n > 0`.execute(store.db);
  return Object.fromEntries(rows.rows.map((r) => [`${r.key}|${r.value}`, r.n]));
};

/** The tally as a reader sees it: the answers still waiting are counted first. */
const tallyCells = async (store: Store) => {
  await foldPendingAnswers(store.db);
  return storedCells(store);
};

const waiting = async (store: Store) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM survey_tally_pending`.execute(store.db)).rows[0]
    ?.n;

/** The same cells counted straight from the stored responses (raw SQL, not the tally). */
const recountedCells = async (store: Store) => {
  const rows = await sql<{ key: string; value: number; n: number }>`
    WITH v AS (
      SELECT r.audience, coalesce(r.business_unit_id, ${NIL_UUID}::uuid) AS unit, coalesce(r.service_id, ${NIL_UUID}::uuid) AS service,
             to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM') || '-01' AS month, q.id AS question_id,
             r.scale_values[q.position + 1] AS value
      FROM survey_response r JOIN campaign c ON c.id = r.campaign_id JOIN survey_question q ON q.survey_id = c.survey_id
      WHERE r.scale_values[q.position + 1] IS NOT NULL)
    SELECT 'all|' || ${NIL_UUID} || '|' || month || '|' || question_id || '|' || audience AS key, value, count(*)::int AS n
    FROM v GROUP BY 1, 2
    UNION ALL
    SELECT 'unit|' || unit || '|' || month || '|' || question_id || '|' || audience, value, count(*)::int FROM v GROUP BY 1, 2
    UNION ALL
    SELECT 'service|' || service || '|' || month || '|' || question_id || '|' || audience, value, count(*)::int FROM v GROUP BY 1, 2`.execute(
    store.db,
  );
  return Object.fromEntries(rows.rows.map((r) => [`${r.key}|${r.value}`, r.n]));
};

const codeOf = (o: SubmissionOutcome | PromiseSettledResult<unknown>) => {
  const error = "status" in o ? (o.status === "rejected" ? o.reason : null) : "error" in o ? o.error : null;
  return error instanceof TandemError ? error.code : error === null ? "accepted" : String(error);
};
const detailOf = (o: SubmissionOutcome) => ("error" in o ? o.error.message : "");

describe.each(testBackends())("answers written in batches on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  let survey: Survey;
  let links: SurveyLinkRepository;
  let free: string;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    survey = await sys.surveys.valuePerception();
    free = survey.questions.find((q) => q.type === "free_text")?.id as string;
    links = new SurveyLinkRepository(store.db);
    units.a = (await makeStaffedUnit(sys, "Unit A", 30)).unit.id;
    units.b = (await makeStaffedUnit(sys, "Unit B", 20)).unit.id;
  }, 120_000);
  afterAll(async () => {
    submissionQueueOf(store.db).stop();
    await store.close();
  });

  it("runs one transaction at a time on PGlite and a pool of them on PostgreSQL (the answering queue then writes two batches at once)", () => {
    // The queue asks how many transactions the store runs at once (survey-submission-queue.ts).
    expect(transactionsAtOnce(store.db)).toBe(backend === "pglite" ? 1 : 10);
  });

  const likert = (value: number | ((i: number) => number)) =>
    likertSubmission(survey, typeof value === "number" ? () => value : value);

  it("gives each submission of one batch its own outcome, the refusals exactly as alone", async () => {
    const service = await makeService(sys, { name: "Batch service" });
    const { invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [units.a as string],
      serviceId: service.id,
    });
    const closed = await issueCampaign(sys, { surveyId: survey.id, businessUnitIds: [units.b as string] });
    await sys.campaigns.close(closed.campaignId, DURING);
    const t = invitations.map((i) => i.token);
    await links.submit(t[0] as string, likert(3), DURING);
    const outOfRange = likert(3);
    (outOfRange.answers[2] as { value: number }).value = 6;
    const markup = `<script>alert("x")</script>`;
    const cases: [string, SubmissionInput, Date][] = [
      [t[1] as string, likert(5), DURING],
      ["A".repeat(43), likert(3), DURING], // forged
      ["short", likert(3), DURING], // malformed
      [t[0] as string, likert(3), DURING], // used before this batch
      [t[2] as string, outOfRange, DURING],
      [t[3] as string, likert(4), new Date("2026-12-01T00:00:00Z")], // after the deadline
      [t[4] as string, likert(4), new Date("2026-10-01T00:00:00Z")], // before the start
      [closed.invitations[0]?.token as string, likert(4), DURING],
      [t[5] as string, { answers: likert(4).answers.slice(1) }, DURING], // a statement left out
      [t[6] as string, likert(2), DURING],
      [t[6] as string, likert(1), DURING], // the same link twice in one batch
      [t[7] as string, outOfRange, DURING],
      [t[7] as string, likert(1), DURING], // the first refused, so the second may still answer
      [
        t[8] as string,
        { answers: [...likert(4).answers, { questionId: free, text: markup }], signedName: "Ada" },
        DURING,
      ],
      [t[9] as string, { ...likert(4), signedName: "Bob" }, DURING], // a name without free text is dropped
      [
        t[10] as string,
        { answers: [...likert(4).answers, { questionId: free, text: "nul \u0000" }] },
        DURING,
      ],
    ];
    const outcomes = await links.submitMany(
      cases.map(([token, submission, at]) => ({ token, submission, at })),
    );
    expect(outcomes.map(codeOf)).toEqual([
      "accepted",
      "not_found",
      "not_found",
      "conflict",
      "validation",
      "conflict",
      "conflict",
      "conflict",
      "validation",
      "accepted",
      "conflict",
      "validation",
      "accepted",
      "accepted",
      "accepted",
      "validation",
    ]);
    expect((outcomes[15] as { error: TandemError }).error.issues).toEqual([
      { path: "answers.12.text", message: "must not contain a NUL character" },
    ]);
    expect(detailOf(outcomes[3] as SubmissionOutcome)).toMatch(/used already/);
    expect(detailOf(outcomes[5] as SubmissionOutcome)).toMatch(/expired on 2026-11-30/);
    expect(detailOf(outcomes[6] as SubmissionOutcome)).toMatch(/opens on 2026-11-01/);
    expect(detailOf(outcomes[7] as SubmissionOutcome)).toMatch(/closed/);
    expect(detailOf(outcomes[10] as SubmissionOutcome)).toMatch(/used already/);
    const refused = outcomes[4] as { error: TandemError };
    expect(refused.error.issues).toEqual([{ path: "answers.2.value", message: "must be from 1 to 5" }]);
    expect((outcomes[8] as { error: TandemError }).error.issues.map((i) => i.path)).toEqual(["answers"]);

    // A refused submission leaves its link usable; an accepted one spends it.
    await expect(links.submit(t[2] as string, likert(2), DURING)).resolves.toHaveProperty("responseId");
    await expect(links.submit(t[5] as string, likert(2), DURING)).resolves.toHaveProperty("responseId");
    await expect(links.submit(t[1] as string, likert(2), DURING)).rejects.toMatchObject({ code: "conflict" });
    const closedSpent = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM campaign_invitation
      WHERE used_at IS NOT NULL AND campaign_id = ${closed.campaignId}`.execute(store.db);
    expect(closedSpent.rows[0]?.n).toBe(0);

    // Stored: t0 (before), t1, t6, t7, t8, t9 in the batch, then t2 and t5: eight responses.
    const responses = await sql<{ values: (number | null)[]; signedName: string | null; serviceId: string }>`
      SELECT r.scale_values AS values, r.signed_name, r.service_id FROM survey_response r
      JOIN campaign c ON c.id = r.campaign_id WHERE c.service_id = ${service.id}`.execute(store.db);
    expect(responses.rows).toHaveLength(8);
    const likertValues = (r: { values: (number | null)[] }) => r.values.filter((v) => v !== null);
    expect(responses.rows.map((r) => likertValues(r)[0]).sort()).toEqual([1, 2, 2, 2, 3, 4, 4, 5]);
    expect(responses.rows.every((r) => likertValues(r).length === 12)).toBe(true);
    expect(responses.rows.map((r) => r.signedName).filter((n) => n !== null)).toEqual(["Ada"]);
    const words = await sql<{ text: string }>`SELECT text FROM survey_answer WHERE text IS NOT NULL`.execute(
      store.db,
    );
    expect(words.rows.map((w) => w.text)).toContain(markup);
  });

  it("takes many concurrent answers through the queue, each with its own result, and tallies them exactly", async () => {
    const itStaff = await makeItStaff(sys, 10);
    const issued = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [units.a as string, units.b as string],
      itRespondents: itStaff.map((p, i) => ({ personId: p.id, aboutBusinessUnitId: i < 5 ? units.a : null })),
    });
    const tokens = issued.invitations.map((i) => i.token);
    expect(tokens).toHaveLength(60);
    const cellsBefore = await tallyCells(store);
    const queue = submissionQueueOf(store.db);
    // Every sixth answer is bad (out of range); every seventh link is sent twice at once; one is forged.
    const plan = tokens.flatMap((token, i) => {
      const value = 1 + (i % 5);
      const bad = i % 6 === 5;
      const submission = bad ? likert((k) => (k === 0 ? 9 : value)) : likert(value);
      const once = { token, submission, value, bad, forged: false };
      return i % 7 === 0 ? [once, { ...once }] : [once];
    });
    plan.push({ token: "B".repeat(43), submission: likert(3), value: 3, bad: false, forged: true });
    const outcomes = await Promise.allSettled(
      plan.map((p) => queue.submit({ token: p.token, submission: p.submission, at: DURING })),
    );
    const results = outcomes.map(codeOf);
    // Per link: a bad submission is refused (validation; its twin too), a good one accepted once.
    const expected = plan.map((p, i) => {
      if (p.forged) return "not_found";
      if (p.bad) return "validation";
      return plan.findIndex((q) => q.token === p.token) === i ? "accepted" : "conflict";
    });
    expect(results).toEqual(expected);

    // The tally holds exactly the accepted answers: by hand, then cell by cell against a raw recount.
    const accepted = plan.filter((_, i) => results[i] === "accepted");
    expect(accepted).toHaveLength(50);
    const cells = await tallyCells(store);
    const added = (key: string) => (cells[key] ?? 0) - (cellsBefore[key] ?? 0);
    const statement = survey.questions.find((q) => q.type === "likert")?.id as string;
    const month = "2026-11-01";
    for (const audience of ["business", "it"] as const)
      for (const value of [1, 2, 3, 4, 5])
        expect(
          added(`all|${NIL_UUID}|${month}|${statement}|${audience}|${value}`),
          `${audience} ${value}`,
        ).toBe(
          accepted.filter(
            (p) =>
              p.value === value && issued.invitations.find((i) => i.token === p.token)?.audience === audience,
          ).length,
        );
    expect(cells).toEqual(await recountedCells(store));
  });

  it("loses and double-counts nothing when a whole batch fails and is written one by one", async () => {
    const { campaignId, invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [units.b as string],
    });
    let failed = 0;
    const queue = new SurveySubmissionQueue(async (batch) => {
      // The store refuses the first batch of several as a whole (as a lost connection would).
      if (batch.length > 1 && failed++ === 0) throw new Error("connection lost");
      return links.submitMany(batch);
    });
    const outcomes = await Promise.allSettled(
      invitations.map((i, k) =>
        queue.submit({ token: i.token, submission: likert(1 + (k % 5)), at: DURING }),
      ),
    );
    expect(failed).toBe(1);
    expect(outcomes.map(codeOf)).toEqual(invitations.map(() => "accepted"));
    const count = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM survey_response WHERE campaign_id = ${campaignId}`.execute(store.db);
    expect(count.rows[0]?.n).toBe(invitations.length);
    expect(await tallyCells(store)).toEqual(await recountedCells(store));
  });

  it("takes exactly one of several simultaneous submissions through the same link via the queue", async () => {
    const unit = await makeStaffedUnit(sys, "Race unit", 1);
    const { invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [unit.unit.id],
    });
    const token = invitations[0]?.token as string;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        submissionQueueOf(store.db).submit({ token, submission: likert(4), at: DURING }),
      ),
    );
    expect(outcomes.map(codeOf).sort()).toEqual(["accepted", "conflict", "conflict", "conflict"]);
  });

  it("spends each link once when separate batches race for the same links (two servers on one store)", async () => {
    // Each batch is its own transaction (on PostgreSQL, on its own connection, truly at once):
    // a link both batches try to spend must be taken by exactly one of them.
    const unit = await makeStaffedUnit(sys, "Two servers unit", 10);
    const { invitations, campaignId } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [unit.unit.id],
    });
    const tokens = invitations.map((i) => i.token);
    const batch = (order: string[]) => order.map((token) => ({ token, submission: likert(3), at: DURING }));
    const [first, second] = await Promise.all([
      new SurveyLinkRepository(store.db).submitMany(batch(tokens)),
      new SurveyLinkRepository(store.db).submitMany(batch([...tokens].reverse())),
    ]);
    const accepted = tokens.map(
      (_, i) =>
        Number(codeOf(first?.[i] as SubmissionOutcome) === "accepted") +
        Number(codeOf(second?.[tokens.length - 1 - i] as SubmissionOutcome) === "accepted"),
    );
    expect(accepted).toEqual(tokens.map(() => 1));
    const stored = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM survey_response WHERE campaign_id = ${campaignId}`.execute(store.db);
    expect(stored.rows[0]?.n).toBe(tokens.length);
    expect(await tallyCells(store)).toEqual(await recountedCells(store));
  });

  it("keeps stored answers waiting for the tally until a fold or a reader counts them, each once", async () => {
    const unit = await makeStaffedUnit(sys, "Waiting unit", 8);
    const { invitations, campaignId } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [unit.unit.id],
    });
    const before = await tallyCells(store);
    expect(await waiting(store)).toBe(0);
    const outcomes = await links.submitMany(
      invitations.map((i, k) => ({ token: i.token, submission: likert(1 + (k % 5)), at: DURING })),
    );
    expect(outcomes.map(codeOf)).toEqual(invitations.map(() => "accepted"));
    // Stored, not yet counted: the tally is as it was, the eight answers wait.
    expect(await waiting(store)).toBe(8);
    expect(await storedCells(store)).toEqual(before);

    // A reader counts them before it reads: the unit's figures hold the eight answers.
    const results = createRepositories(store.db, systemActor("test")).surveyResults;
    const gap = await results.perceptionGap({
      from: "2026-11-01",
      to: "2026-11-30",
      businessUnitId: unit.unit.id,
    });
    expect(gap.overall[0]?.business.respondents).toBe(8);
    expect(await waiting(store)).toBe(0);
    expect(await storedCells(store)).toEqual(await recountedCells(store));

    // Folding again, or several folds at once, counts nothing twice.
    const more = await makeStaffedUnit(sys, "Waiting unit 2", 6);
    const second = await issueCampaign(sys, { surveyId: survey.id, businessUnitIds: [more.unit.id] });
    await links.submitMany(
      second.invitations.map((i) => ({ token: i.token, submission: likert(2), at: DURING })),
    );
    const folded = await Promise.all([1, 2, 3].map(() => foldPendingAnswers(store.db)));
    expect(folded.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await foldPendingAnswers(store.db)).toBe(0);
    expect(await storedCells(store)).toEqual(await recountedCells(store));
    const count = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM survey_response WHERE campaign_id = ${campaignId}`.execute(store.db);
    expect(count.rows[0]?.n).toBe(8);
  });

  it("answers many copies of one link in a batch as if they came one after the other", async () => {
    const unit = await makeStaffedUnit(sys, "Copies unit", 2);
    const { invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [unit.unit.id],
    });
    const [good, refunded] = invitations.map((i) => i.token) as [string, string];
    const forged = "C".repeat(43);
    const bad = likert((k) => (k === 0 ? 9 : 3));
    const outcomes = await links.submitMany([
      ...Array.from({ length: 30 }, () => ({ token: forged, submission: likert(3), at: DURING })),
      ...Array.from({ length: 30 }, () => ({ token: good, submission: likert(3), at: DURING })),
      // The first copy's answers are refused, so the link is given back and the second is stored.
      { token: refunded, submission: bad, at: DURING },
      { token: refunded, submission: likert(4), at: DURING },
      { token: refunded, submission: likert(4), at: DURING },
    ]);
    expect(outcomes.map(codeOf)).toEqual([
      ...Array(30).fill("not_found"),
      "accepted",
      ...Array(29).fill("conflict"),
      "validation",
      "accepted",
      "conflict",
    ]);
    expect(detailOf(outcomes[31] as SubmissionOutcome)).toMatch(/used already/);
  });

  it("keeps no instant that joins an answer to its invitee: a response keeps only its month", async () => {
    const { campaignId, invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [units.a as string],
    });
    // Six answers a few minutes apart, one batch: each link keeps the instant it was used.
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 10, 12, minute));
    const outcomes = await links.submitMany(
      invitations.slice(0, 6).map((inv, i) => ({ token: inv.token, submission: likert(4), at: at(i * 7) })),
    );
    expect(outcomes.every((o) => "responseId" in o)).toBe(true);
    const used = await sql<{ usedAt: string }>`
      SELECT used_at FROM campaign_invitation WHERE campaign_id = ${campaignId}::uuid AND used_at IS NOT NULL
      ORDER BY used_at`.execute(store.db);
    expect(used.rows.map((r) => r.usedAt)).toEqual([0, 7, 14, 21, 28, 35].map((m) => at(m).toISOString()));
    const kept = await sql<{ submittedAt: string }>`
      SELECT submitted_at FROM survey_response WHERE campaign_id = ${campaignId}::uuid`.execute(store.db);
    expect(kept.rows.map((r) => r.submittedAt)).toEqual(Array(6).fill("2026-11-01T00:00:00.000Z"));
    const joined = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM campaign_invitation i
      JOIN survey_response r ON r.campaign_id = i.campaign_id AND r.submitted_at = i.used_at
      WHERE i.campaign_id = ${campaignId}::uuid`.execute(store.db);
    expect(joined.rows[0]?.n).toBe(0);
  });

  it("refuses a malformed submission without spending its link", async () => {
    const unit = await makeStaffedUnit(sys, "Shape unit", 1);
    const { invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [unit.unit.id],
    });
    const token = invitations[0]?.token as string;
    const [outcome] = await links.submitMany([
      { token, submission: { answers: "nope" } as unknown as SubmissionInput, at: DURING },
    ]);
    expect(outcome && "error" in outcome ? outcome.error.name : "").toBe("ZodError");
    await expect(links.submit(token, likert(4), DURING)).resolves.toHaveProperty("responseId");
  });
});
