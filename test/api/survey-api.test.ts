import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Survey } from "../../src/domain/schemas/survey.js";
import { smtpMailSender } from "../../src/mail/smtp-mail-sender.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { type FakeSmtp, startFakeSmtp } from "../support/fake-smtp.js";
import {
  CAMPAIGN_DEADLINE,
  CAMPAIGN_START,
  DURING,
  makeItStaff,
  makeStaffedUnit,
} from "../support/survey-factories.js";
import { openTestStore } from "../support/test-store.js";

let store: Store;
let smtp: FakeSmtp;
let mailing: TandemApp;
let copying: TandemApp;
let sys: Repositories;
let survey: Survey;
let adminToken: string;
let salesStakeholderToken: string;
const units: Record<string, string> = {};

const tokenFor = async (role: "admin" | "business_stakeholder", unitIds: string[] = []) => {
  const user = await sys.users.create({
    email: `${role}${Math.random().toString(36).slice(2, 8)}@test.example`,
    name: role,
    role,
    businessUnitIds: unitIds,
    passwordHash: null,
  });
  const actor = {
    kind: "user" as const,
    userId: user.id,
    name: user.email,
    role,
    businessUnitIds: unitIds,
    tokenScope: null,
  };
  return (await createRepositories(store.db, actor).tokens.create("t", "read-write")).token;
};

const appAt = (instant: Date | string, mail: "smtp" | null) =>
  buildApp({
    store,
    webRoot: null,
    clock: fixedClock(instant),
    mail: mail === "smtp" ? smtpMailSender(smtp.settings) : null,
    publicUrl: "https://tandem.test",
    surveyAnswersPerMinute: 10_000,
  });

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const linkToken = (url: string) => url.split("/s/")[1] as string;

const likertAnswers = (value: number) => ({
  answers: survey.questions.filter((q) => q.type === "likert").map((q) => ({ questionId: q.id, value })),
});

beforeAll(async () => {
  store = await openTestStore("pglite");
  smtp = await startFakeSmtp();
  sys = createRepositories(store.db, systemActor("test"));
  survey = await sys.surveys.valuePerception();
  units.sales = (await makeStaffedUnit(sys, "Sales", 6)).unit.id;
  units.hr = (await makeStaffedUnit(sys, "HR", 3)).unit.id;
  mailing = await appAt(DURING, "smtp");
  copying = await appAt(DURING, null);
  adminToken = await tokenFor("admin");
  salesStakeholderToken = await tokenFor("business_stakeholder", [units.sales]);
}, 60_000);
afterAll(async () => {
  await mailing.close();
  await copying.close();
  await smtp.close();
  await store.close();
});

const createCampaign = (app: TandemApp, body: object) =>
  app.inject({
    method: "POST",
    url: "/api/v1/campaigns",
    headers: as(adminToken),
    payload: {
      surveyId: survey.id,
      name: "Value perception 2026",
      startsAt: CAMPAIGN_START,
      deadline: CAMPAIGN_DEADLINE,
      ...body,
    },
  });

describe("survey campaigns over HTTP", () => {
  it("lists the built-in value-perception survey with twelve statements and their mirrors", async () => {
    const res = await copying.inject({ method: "GET", url: "/api/v1/surveys", headers: as(adminToken) });
    expect(res.statusCode).toBe(200);
    const builtIn = res.json().items[0];
    expect(builtIn.builtIn).toBe(true);
    const likert = builtIn.questions.filter((q: { type: string }) => q.type === "likert");
    expect(likert).toHaveLength(12);
    expect(likert[0].mirrorText).toMatch(/^The business would say: /);
  });

  it("mails every invitee a single-use link through SMTP, and the link takes exactly one answer", async () => {
    const before = smtp.messages.length;
    const res = await createCampaign(mailing, { businessUnitIds: [units.sales] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mailed).toBe(6);
    expect(res.json().links).toEqual([]);
    const messages = (await smtp.waitFor(before + 6)).slice(before);
    expect(messages).toHaveLength(6);
    const first = messages[0];
    expect(first?.subject).toBe("Value perception 2026");
    const url = /https:\/\/tandem\.test\/s\/\S+/.exec(first?.text ?? "")?.[0] as string;
    expect(url).toBeTruthy();
    const token = linkToken(url);
    // The stored row holds a hash, never the token.
    const rows = await store.db.selectFrom("campaignInvitation").select("tokenHash").execute();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);

    const form = await mailing.inject({ method: "GET", url: `/api/v1/survey-links/${token}` });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().audience).toBe("business");
    expect(form.json().questions[0].text).toBe("IT understands my unit's priorities.");
    const answered = await mailing.inject({
      method: "POST",
      url: `/api/v1/survey-links/${token}`,
      payload: likertAnswers(4),
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const again = await mailing.inject({
      method: "POST",
      url: `/api/v1/survey-links/${token}`,
      payload: likertAnswers(5),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/used already/);
    const reread = await mailing.inject({ method: "GET", url: `/api/v1/survey-links/${token}` });
    expect(reread.statusCode).toBe(409);
  });

  it("returns the links to copy when no SMTP server is configured, IT ones phrased as the mirror", async () => {
    const it = await makeItStaff(sys, 2);
    const res = await createCampaign(copying, {
      name: "Mirror check",
      itRespondents: it.map((p) => ({ personId: p.id, aboutBusinessUnitId: units.sales })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const links = res.json().links as { url: string; audience: string; mailed: boolean }[];
    expect(links).toHaveLength(2);
    expect(
      links.every((l) => l.audience === "it" && !l.mailed && l.url.startsWith("https://tandem.test/s/")),
    ).toBe(true);
    const form = await copying.inject({
      method: "GET",
      url: `/api/v1/survey-links/${linkToken(links[0]?.url ?? "")}`,
    });
    expect(form.json().questions[0].text).toMatch(
      /^The business would say: IT understands their unit's priorities/,
    );
  });

  describe("abuse", () => {
    let tokens: string[];
    beforeAll(async () => {
      const res = await createCampaign(copying, { name: "Abuse", businessUnitIds: [units.hr] });
      tokens = (res.json().links as { url: string }[]).map((l) => linkToken(l.url));
    });

    it("refuses a forged or malformed token as not found", async () => {
      for (const token of ["A".repeat(43), "short", "%3Cscript%3E", "x".repeat(150)]) {
        const res = await copying.inject({
          method: "POST",
          url: `/api/v1/survey-links/${token}`,
          payload: likertAnswers(3),
        });
        // The router itself refuses a path parameter over 100 characters (422).
        expect(res.statusCode, token).toBe(token.length > 100 ? 422 : 404);
        expect(res.headers["content-type"]).toMatch(/problem\+json/);
      }
    });

    it("refuses an answer out of range, naming the field, and leaves the link usable", async () => {
      const payload = likertAnswers(3);
      (payload.answers[2] as { value: number }).value = 6;
      const res = await copying.inject({ method: "POST", url: `/api/v1/survey-links/${tokens[0]}`, payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues).toEqual([{ path: "answers.2.value", message: "must be from 1 to 5" }]);
      const ok = await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${tokens[0]}`,
        payload: likertAnswers(3),
      });
      expect(ok.statusCode).toBe(200);
    });

    it("refuses a missing required answer and a question of another survey", async () => {
      const res = await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${tokens[1]}`,
        payload: { answers: [{ questionId: "00000000-0000-4000-8000-000000000000", value: 3 }] },
      });
      expect(res.statusCode).toBe(422);
      const paths = (res.json().issues as { path: string }[]).map((i) => i.path);
      expect(paths).toContain("answers.0.questionId");
      expect(paths).toContain("answers");
    });

    it("refuses oversized text (422) and an oversized body (413)", async () => {
      const free = survey.questions.find((q) => q.type === "free_text")?.id as string;
      const long = { answers: [...likertAnswers(3).answers, { questionId: free, text: "x".repeat(2001) }] };
      const res = await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${tokens[1]}`,
        payload: long,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues[0].path).toBe("answers.12.text");
      const huge = await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${tokens[1]}`,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ answers: [], pad: "y".repeat(70_000) }),
      });
      expect(huge.statusCode).toBe(413);
    });

    it("refuses an expired link", async () => {
      const later = await appAt("2026-12-01T00:00:00Z", null);
      const res = await later.inject({
        method: "POST",
        url: `/api/v1/survey-links/${tokens[2]}`,
        payload: likertAnswers(3),
      });
      await later.close();
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toMatch(/expired on 2026-11-30/);
    });
  });

  it("stores markup as text and never names an unsigned respondent", async () => {
    const people = await makeStaffedUnit(sys, "Markup unit", 5);
    const res = await createCampaign(copying, { name: "Markup", businessUnitIds: [people.unit.id] });
    const tokens = (res.json().links as { url: string }[]).map((l) => linkToken(l.url));
    const free = survey.questions.find((q) => q.type === "free_text")?.id as string;
    const markup = `<script>alert("x")</script><b>bold</b>`;
    for (const [i, token] of tokens.entries()) {
      const r = await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${token}`,
        payload: {
          answers: [
            ...likertAnswers(3).answers,
            { questionId: free, text: i === 0 ? markup : `comment ${i}` },
          ],
          ...(i === 1 ? { signedName: "Ada from Markup" } : {}),
        },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const results = await copying.inject({
      method: "GET",
      url: `/api/v1/campaigns/${res.json().campaign.id}/results`,
      headers: as(adminToken),
    });
    expect(results.headers["content-type"]).toMatch(/application\/json/);
    const comments = results.json().questions.find((q: { type: string }) => q.type === "free_text").comments;
    expect(comments).toContainEqual({ text: markup, signedBy: null });
    expect(comments).toContainEqual({ text: "comment 1", signedBy: "Ada from Markup" });
    expect(comments.filter((c: { signedBy: string | null }) => c.signedBy !== null)).toHaveLength(1);
  });

  it("withholds results of fewer than five respondents in the API and the CSV export", async () => {
    const small = await makeStaffedUnit(sys, "Small unit", 4);
    const res = await createCampaign(copying, { name: "Small", businessUnitIds: [small.unit.id] });
    for (const l of res.json().links as { url: string }[])
      await copying.inject({
        method: "POST",
        url: `/api/v1/survey-links/${linkToken(l.url)}`,
        payload: likertAnswers(2),
      });
    const id = res.json().campaign.id;
    const json = await copying.inject({
      method: "GET",
      url: `/api/v1/campaigns/${id}/results`,
      headers: as(adminToken),
    });
    expect(json.json().campaign.responded).toBe(4);
    expect(
      json
        .json()
        .questions.every(
          (q: { suppressed: boolean; distribution: unknown; mean: unknown }) =>
            q.suppressed && q.distribution === null && q.mean === null,
        ),
    ).toBe(true);
    const csv = await copying.inject({
      method: "GET",
      url: `/api/v1/campaigns/${id}/results.csv`,
      headers: as(adminToken),
    });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const lines = csv.body.trim().split("\n").slice(1);
    expect(lines.length).toBeGreaterThan(0);
    // Columns after "suppressed" (mean, favourable, score, value, answers) are all empty.
    expect(lines.every((l) => l.endsWith(",true,,,,,"))).toBe(true);
  });

  it("hides another unit's campaign from a business stakeholder, and shows them their own", async () => {
    const list = await copying.inject({
      method: "GET",
      url: "/api/v1/campaigns",
      headers: as(salesStakeholderToken),
    });
    expect(list.statusCode).toBe(200);
    const names = (list.json().items as { name: string }[]).map((c) => c.name);
    expect(names).toContain("Value perception 2026");
    expect(names).not.toContain("Abuse");
    const all = await copying.inject({ method: "GET", url: "/api/v1/campaigns", headers: as(adminToken) });
    const abuse = (all.json().items as { id: string; name: string }[]).find((c) => c.name === "Abuse");
    const res = await copying.inject({
      method: "GET",
      url: `/api/v1/campaigns/${abuse?.id}/results`,
      headers: as(salesStakeholderToken),
    });
    expect(res.statusCode).toBe(404);
  });

  it("reminds the unanswered with a fresh link once a reminder day has come", async () => {
    const unit = await makeStaffedUnit(sys, "Reminder unit", 2);
    const res = await createCampaign(copying, {
      name: "Reminders",
      businessUnitIds: [unit.unit.id],
      reminderDays: [3],
    });
    const [first, second] = (res.json().links as { url: string }[]).map((l) => linkToken(l.url));
    await copying.inject({ method: "POST", url: `/api/v1/survey-links/${first}`, payload: likertAnswers(4) });
    const id = res.json().campaign.id;
    const early = await mailing.inject({
      method: "POST",
      url: `/api/v1/campaigns/${id}/reminders`,
      headers: as(adminToken),
    });
    expect(early.json().reminded).toBe(0);
    const before = smtp.messages.length;
    const late = await appAt("2026-11-28T09:00:00Z", "smtp");
    const due = await late.inject({
      method: "POST",
      url: `/api/v1/campaigns/${id}/reminders`,
      headers: as(adminToken),
    });
    expect(due.json()).toMatchObject({ reminded: 1, mailed: 1 });
    const again = await late.inject({
      method: "POST",
      url: `/api/v1/campaigns/${id}/reminders`,
      headers: as(adminToken),
    });
    expect(again.json().reminded).toBe(0);
    const mail = (await smtp.waitFor(before + 1))[before];
    expect(mail?.subject).toBe("Reminder: Reminders");
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe(unit.staff[1]?.email);
    const fresh = linkToken(/https:\/\/tandem\.test\/s\/\S+/.exec(mail?.text ?? "")?.[0] ?? "");
    expect((await late.inject({ method: "GET", url: `/api/v1/survey-links/${second}` })).statusCode).toBe(
      404,
    );
    expect((await late.inject({ method: "GET", url: `/api/v1/survey-links/${fresh}` })).statusCode).toBe(200);
    await late.close();
  });

  it("refuses a campaign without invitees and one whose deadline is before its start", async () => {
    const none = await createCampaign(copying, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().issues[0].path).toBe("businessUnitIds");
    const backwards = await createCampaign(copying, {
      businessUnitIds: [units.sales],
      deadline: "2026-10-01T00:00:00Z",
    });
    expect(backwards.json().issues.map((i: { path: string }) => i.path)).toContain("deadline");
  });
});
