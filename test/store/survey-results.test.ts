import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Survey } from "../../src/domain/schemas/survey.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { foldPendingAnswers } from "../../src/store/repositories/survey-tally.js";
import { repositoriesAs } from "../support/actors.js";
import {
  DURING,
  issueCampaign,
  likertSubmission,
  makeItStaff,
  makeStaffedUnit,
  submit,
} from "../support/survey-factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

const period = { from: "2026-01-01", to: "2026-12-31" };

describe.each(testBackends())("survey results and the perception gap on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  let survey: Survey;
  const units: Record<string, string> = {};
  let campaignId: string;
  // Values every respondent of a group gives to every statement (by respondent index).
  const salesValues = [4, 2, 2, 2, 2, 1];
  const hrValues = [5, 5, 4];
  const opsValues = [3, 3, 4, 2, 2, 1, 5];
  const itWholeValues = [4, 4, 4, 4, 2, 5];
  const itSalesValues = [5, 4, 4, 3, 4];

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    survey = await sys.surveys.valuePerception();
    const sales = await makeStaffedUnit(sys, "Sales", salesValues.length);
    const hr = await makeStaffedUnit(sys, "HR", hrValues.length);
    const ops = await makeStaffedUnit(sys, "Operations", opsValues.length);
    units.sales = sales.unit.id;
    units.hr = hr.unit.id;
    units.ops = ops.unit.id;
    const itWhole = await makeItStaff(sys, itWholeValues.length);
    const itSales = await makeItStaff(sys, itSalesValues.length);
    const issued = await issueCampaign(sys, {
      surveyId: survey.id,
      businessUnitIds: [sales.unit.id, hr.unit.id, ops.unit.id],
      itRespondents: [
        ...itWhole.map((p) => ({ personId: p.id, aboutBusinessUnitId: null })),
        ...itSales.map((p) => ({ personId: p.id, aboutBusinessUnitId: sales.unit.id })),
      ],
    });
    campaignId = issued.campaignId;
    const emailOf = new Map(
      [...sales.staff, ...hr.staff, ...ops.staff].map((p) => [p.email, p.businessUnitId] as const),
    );
    const answer = async (token: string, value: number) =>
      submit(
        store.db,
        token,
        likertSubmission(survey, () => value),
      );
    const business = issued.invitations.filter((i) => i.audience === "business");
    const byUnit = (unitId: string) => business.filter((i) => emailOf.get(i.email ?? "") === unitId);
    for (const [unitId, values] of [
      [units.sales, salesValues],
      [units.hr, hrValues],
      [units.ops, opsValues],
    ] as const)
      for (const [i, inv] of byUnit(unitId as string).entries()) await answer(inv.token, values[i] as number);
    const it = issued.invitations.filter((i) => i.audience === "it");
    const itWholeEmails = new Set(itWhole.map((p) => p.email));
    const whole = it.filter((i) => itWholeEmails.has(i.email ?? ""));
    const aboutSales = it.filter((i) => !itWholeEmails.has(i.email ?? ""));
    for (const [i, inv] of whole.entries()) await answer(inv.token, itWholeValues[i] as number);
    for (const [i, inv] of aboutSales.entries()) await answer(inv.token, itSalesValues[i] as number);
  }, 120_000);
  afterAll(async () => store.close());

  const agree = (values: number[]) => (100 * values.filter((v) => v >= 4).length) / values.length;

  it("shows both distributions and the gap per statement for the organisation, largest first", async () => {
    const gap = await sys.surveyResults.perceptionGap(period);
    expect(gap.overall).toHaveLength(12);
    const business = [...salesValues, ...hrValues, ...opsValues];
    const it = [...itWholeValues, ...itSalesValues];
    const row = gap.overall[0];
    expect(row?.business.respondents).toBe(16);
    expect(row?.it.respondents).toBe(11);
    expect(row?.business.agreePct).toBeCloseTo(agree(business), 1);
    expect(row?.it.agreePct).toBeCloseTo(agree(it), 1);
    // IT agreeing: 5 of 6 + 4 of 5 = 9/11; business: 1 + 3 + 2 = 6/16. 9/11 - 6/16 = 0.4432 -> 44.3 points.
    expect(row?.gapPoints).toBeCloseTo(44.3, 1);
    expect(row?.significant).toBe(true);
    expect(row?.ciLow).toBeGreaterThan(0);
    expect(row?.ciHigh).toBeLessThanOrEqual(100);
    expect(row?.business.distribution).toEqual([
      { value: 1, answers: 2 },
      { value: 2, answers: 6 },
      { value: 3, answers: 2 },
      { value: 4, answers: 3 },
      { value: 5, answers: 3 },
    ]);
  });

  it("never shows a group under five, nor one that total minus the shown groups would reveal", async () => {
    const gap = await sys.surveyResults.perceptionGap(period);
    const hr = gap.units.find((u) => u.id === units.hr);
    const sales = gap.units.find((u) => u.id === units.sales);
    const ops = gap.units.find((u) => u.id === units.ops);
    const hrRow = hr?.rows[0];
    expect(hrRow?.business.suppressed).toBe(true);
    expect(hrRow?.business.distribution).toBeNull();
    expect(hrRow?.business.agreePct).toBeNull();
    expect(hrRow?.gapPoints).toBeNull();
    // Sales (6) is the smallest shown group, so it is withheld too: HR + Sales = 9 respondents.
    expect(sales?.rows[0]?.business.suppressed).toBe(true);
    expect(ops?.rows[0]?.business.suppressed).toBe(false);
    // The attack: organisation minus every shown unit. What remains must not be HR's answers alone.
    const overall = gap.overall.find((r) => r.questionId === hrRow?.questionId);
    const remainder = (overall?.business.distribution ?? []).map(({ value, answers }) => ({
      value,
      answers:
        answers -
        gap.units
          .flatMap((u) => u.rows.filter((r) => r.questionId === hrRow?.questionId))
          .reduce((s, r) => s + (r.business.distribution?.find((d) => d.value === value)?.answers ?? 0), 0),
    }));
    const remaining = remainder.reduce((s, d) => s + d.answers, 0);
    expect(remaining).toBeGreaterThanOrEqual(5);
    const hrDistribution = [1, 2, 3, 4, 5].map((value) => ({
      value,
      answers: hrValues.filter((v) => v === value).length,
    }));
    expect(remainder).not.toEqual(hrDistribution);
  });

  it("gives a business stakeholder their units only", async () => {
    const asSales = repositoriesAs(store.db, "business_stakeholder", [units.sales as string]);
    const gap = await asSales.surveyResults.perceptionGap(period);
    expect(gap.units.map((u) => u.id)).toEqual([units.sales]);
    expect(gap.services).toEqual([]);
    const row = gap.overall[0];
    expect(row?.business.respondents).toBe(6);
    expect(row?.it.respondents).toBe(5);
    expect(row?.business.agreePct).toBeCloseTo(agree(salesValues), 1);
    expect(row?.it.agreePct).toBeCloseTo(agree(itSalesValues), 1);
    const results = await asSales.surveyResults.campaignQuestions(campaignId);
    expect(results.find((q) => q.audience === "business")?.respondents).toBe(6);
    const asHr = repositoriesAs(store.db, "business_stakeholder", [units.hr as string]);
    const hrResults = await asHr.surveyResults.campaignQuestions(campaignId);
    expect(hrResults.every((q) => q.suppressed && q.distribution === null)).toBe(true);
    await expect(
      asHr.surveyResults.perceptionGap({ ...period, businessUnitId: units.sales as string }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("counts the tally exactly as the raw answers say", async () => {
    const raw = await sql<{
      n: number;
    }>`SELECT count(v)::int AS n FROM survey_response, unnest(scale_values) AS v`.execute(store.db);
    await foldPendingAnswers(store.db); // the answers still waiting are counted, as a reader would
    const tally = await sql<{
      n: number;
    }>`SELECT sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10)::int AS n FROM survey_tally WHERE scope = 'all'`.execute(
      store.db,
    );
    expect(tally.rows[0]?.n).toBe(raw.rows[0]?.n);
    expect(raw.rows[0]?.n).toBe((16 + 11) * 12);
  });

  it("takes exactly one of two simultaneous submissions through the same link", async () => {
    const unit = await makeStaffedUnit(sys, "Race unit", 1);
    const issued = await issueCampaign(sys, { surveyId: survey.id, businessUnitIds: [unit.unit.id] });
    const token = issued.invitations[0]?.token as string;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        submit(
          store.db,
          token,
          likertSubmission(survey, () => 4),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused.map((o) => o.reason.code)).toEqual(["conflict", "conflict", "conflict"]);
    const stored = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM survey_response WHERE campaign_id = ${issued.campaignId}`.execute(
      store.db,
    );
    expect(stored.rows[0]?.n).toBe(1);
  });

  it("keeps every answer when the campaign closes, and takes no more", async () => {
    const late = await makeStaffedUnit(sys, "Late unit", 1);
    const issued = await issueCampaign(sys, { surveyId: survey.id, businessUnitIds: [late.unit.id] });
    const before = await sys.surveyResults.campaignQuestions(campaignId);
    await sys.campaigns.close(campaignId, DURING);
    const after = await sys.surveyResults.campaignQuestions(campaignId);
    expect(after).toEqual(before);
    await sys.campaigns.close(issued.campaignId, DURING);
    await expect(
      submit(
        store.db,
        issued.invitations[0]?.token as string,
        likertSubmission(survey, () => 3),
      ),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/closed/) });
  });

  it("computes CSAT, NPS and eNPS for a period and unit", async () => {
    const pulse = await sys.surveys.create({
      name: "Pulse",
      questions: [
        { type: "csat", text: "How satisfied are you with IT?" },
        { type: "nps", text: "Would you recommend IT's services to a colleague?" },
        { type: "enps", text: "Would you recommend IT as a place to work?" },
      ],
    });
    const unit = await makeStaffedUnit(sys, "Pulse unit", 5);
    const issued = await issueCampaign(sys, { surveyId: pulse.id, businessUnitIds: [unit.unit.id] });
    const csat = [5, 4, 3, 2, 5];
    const nps = [10, 9, 8, 6, 0];
    const enps = [9, 9, 9, 9, 7];
    for (const [i, inv] of issued.invitations.entries())
      await submit(store.db, inv.token, {
        answers: [
          { questionId: pulse.questions[0]?.id as string, value: csat[i] as number },
          { questionId: pulse.questions[1]?.id as string, value: nps[i] as number },
          { questionId: pulse.questions[2]?.id as string, value: enps[i] as number },
        ],
      });
    const forUnit = { ...period, businessUnitId: unit.unit.id };
    expect(await sys.surveyResults.csat(forUnit)).toEqual({ value: 60, respondents: 5, suppressed: false });
    expect(await sys.surveyResults.nps(forUnit)).toEqual({ value: 0, respondents: 5, suppressed: false });
    expect(await sys.surveyResults.enps(forUnit)).toEqual({ value: 80, respondents: 5, suppressed: false });
    expect(await sys.surveyResults.csat({ from: "2025-01-01", to: "2025-12-31" })).toEqual({
      value: null,
      respondents: 0,
      suppressed: false,
    });
  });
});
