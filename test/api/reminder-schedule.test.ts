import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Survey } from "../../src/domain/schemas/survey.js";
import { smtpMailSender } from "../../src/mail/smtp-mail-sender.js";
import { systemActor } from "../../src/store/actor.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { remindOpenCampaigns } from "../../src/use-cases/remind-open-campaigns.js";
import { type FakeSmtp, startFakeSmtp } from "../support/fake-smtp.js";
import { runCli } from "../support/run-cli.js";
import { DURING, issueCampaign, makeStaffedUnit } from "../support/survey-factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

// The campaigns here run 1 to 30 November 2026 (survey-factories) with a reminder 3 days before
// the deadline: from 27 November 18:00 on.
const BEFORE_REMINDER = "2026-11-20T09:00:00Z";
const REMINDER_DAY = "2026-11-28T09:00:00Z";

describe.each(testBackends())("campaign reminders (%s)", (backend) => {
  let store: Store;
  let smtp: FakeSmtp;
  let sys: Repositories;
  let survey: Survey;

  const likertAnswers = () => ({
    answers: survey.questions.filter((q) => q.type === "likert").map((q) => ({ questionId: q.id, value: 4 })),
  });
  const appAt = (instant: string, mail: "smtp" | "refused" | null, reminderEveryMinutes = 60) =>
    buildApp({
      store,
      webRoot: null,
      clock: fixedClock(instant),
      mail:
        mail === "smtp"
          ? smtpMailSender(smtp.settings)
          : mail === "refused"
            ? smtpMailSender({ ...smtp.settings, password: "wrong" })
            : null,
      publicUrl: "https://tandem.test",
      surveyAnswersPerMinute: 10_000,
      reminderEveryMinutes,
    });
  const linkStatus = async (token: string) => {
    const app = await appAt(REMINDER_DAY, null, 0);
    try {
      return (await app.inject({ method: "GET", url: `/api/v1/survey-links/${token}` })).statusCode;
    } finally {
      await app.close();
    }
  };

  /** A campaign to a unit of three with a reminder 3 days before the deadline; the first person answered. */
  const campaignWithOneAnswer = async (name: string) => {
    const unit = await makeStaffedUnit(sys, name, 3);
    const { campaignId, invitations } = await issueCampaign(sys, {
      surveyId: survey.id,
      name,
      businessUnitIds: [unit.unit.id],
      reminderDays: [3],
    });
    const byEmail = new Map(invitations.map((i) => [i.email, i.token]));
    const answering = await appAt(DURING.toISOString(), null, 0);
    const answered = await answering.inject({
      method: "POST",
      url: `/api/v1/survey-links/${byEmail.get(unit.staff[0]?.email ?? "")}`,
      payload: likertAnswers(),
    });
    await answering.close();
    expect(answered.statusCode, answered.body).toBe(200);
    return {
      campaignId,
      answeredEmail: unit.staff[0]?.email as string,
      waiting: unit.staff
        .slice(1)
        .map((p) => ({ email: p.email as string, token: byEmail.get(p.email) as string })),
    };
  };

  beforeAll(async () => {
    store = await openTestStore(backend);
    smtp = await startFakeSmtp();
    sys = createRepositories(store.db, systemActor("test"));
    survey = await sys.surveys.valuePerception();
  }, 60_000);
  afterAll(async () => {
    await smtp.close();
    await store.close();
  });

  describe("campaign reminders on their own", () => {
    it("the running server mails the unanswered on the reminder day, once, without anyone asking", async () => {
      const c = await campaignWithOneAnswer("Scheduled reminders");
      // Before the reminder day a round finds nothing due.
      const early = await appAt(BEFORE_REMINDER, "smtp");
      const before = smtp.messages.length;
      await early.ready();
      await early.close();
      expect(smtp.messages.length).toBe(before);
      expect(await linkStatus(c.waiting[0]?.token as string)).toBe(200);

      const server = await appAt(REMINDER_DAY, "smtp");
      await server.ready();
      const mails = (await smtp.waitFor(before + 2)).slice(before);
      await server.close();
      expect(mails.map((m) => (m.to && "text" in m.to ? m.to.text : "")).sort()).toEqual(
        c.waiting.map((w) => w.email).sort(),
      );
      expect(mails.every((m) => m.subject === "Reminder: Scheduled reminders")).toBe(true);
      // The reminded get a fresh link; the old one stops working; the one who answered gets nothing.
      for (const w of c.waiting) expect(await linkStatus(w.token)).toBe(404);
      const fresh = /https:\/\/tandem\.test\/s\/(\S+)/.exec(mails[0]?.text ?? "")?.[1] as string;
      expect(await linkStatus(fresh)).toBe(200);
      // A second round on the same reminder day reminds nobody again.
      const again = await remindOpenCampaigns({
        repositories: sys,
        mail: smtpMailSender(smtp.settings),
        publicUrl: "https://tandem.test",
        clock: fixedClock(REMINDER_DAY),
        handOutLinks: false,
      });
      expect(again.campaigns.find((r) => r.campaignId === c.campaignId)).toMatchObject({
        status: "reminded",
        reminded: 0,
      });
    });

    it("a reminder the mail server refuses keeps the invitee's link and is tried again next round", async () => {
      const c = await campaignWithOneAnswer("Refused reminders");
      const refused = await remindOpenCampaigns({
        repositories: sys,
        mail: smtpMailSender({ ...smtp.settings, password: "wrong" }),
        publicUrl: "https://tandem.test",
        clock: fixedClock(REMINDER_DAY),
        handOutLinks: false,
      });
      const mine = refused.campaigns.find((r) => r.campaignId === c.campaignId);
      expect(mine).toMatchObject({ status: "reminded", reminded: 2, mailed: 0, links: [] });
      for (const w of c.waiting) expect(await linkStatus(w.token)).toBe(200);

      const before = smtp.messages.length;
      const retried = await remindOpenCampaigns({
        repositories: sys,
        mail: smtpMailSender(smtp.settings),
        publicUrl: "https://tandem.test",
        clock: fixedClock(REMINDER_DAY),
        handOutLinks: false,
      });
      expect(retried.campaigns.find((r) => r.campaignId === c.campaignId)).toMatchObject({ mailed: 2 });
      const mails = (await smtp.waitFor(before + 2)).slice(before);
      expect(mails.map((m) => (m.to && "text" in m.to ? m.to.text : "")).sort()).toEqual(
        c.waiting.map((w) => w.email).sort(),
      );
      for (const w of c.waiting) expect(await linkStatus(w.token)).toBe(404);
    });

    it("two rounds at once remind each invitee once, and every mailed link works", async () => {
      const c = await campaignWithOneAnswer("Concurrent reminders");
      const before = smtp.messages.length;
      const round = () =>
        remindOpenCampaigns({
          repositories: sys,
          mail: smtpMailSender(smtp.settings),
          publicUrl: "https://tandem.test",
          clock: fixedClock(REMINDER_DAY),
          handOutLinks: false,
        });
      const [a, b] = await Promise.all([round(), round()]);
      const mailedHere = (r: Awaited<ReturnType<typeof round>>) =>
        r.campaigns.find((x) => x.campaignId === c.campaignId && x.status === "reminded");
      const total = [a, b].reduce((s, r) => {
        const m = mailedHere(r);
        return s + (m && m.status === "reminded" ? m.mailed : 0);
      }, 0);
      expect(total).toBe(2);
      const mails = (await smtp.waitFor(before + 2)).slice(before);
      const mine = mails.filter((m) => m.subject === "Reminder: Concurrent reminders");
      expect(mine).toHaveLength(2);
      for (const m of mine) {
        const token = /https:\/\/tandem\.test\/s\/(\S+)/.exec(m.text ?? "")?.[1] as string;
        expect(await linkStatus(token)).toBe(200);
      }
    });
  });
});

describe("tandem survey remind", () => {
  let root: string;
  let waiting: { email: string; token: string }[];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "tandem-remind-cli-"));
    const disk = await openStore({ kind: "pglite", dataDir: join(root, "store") });
    await migrate(disk.db);
    const repos = createRepositories(disk.db, systemActor("test"));
    const unit = await makeStaffedUnit(repos, "CLI reminders", 2);
    // A deadline two days from now, with a reminder from three days before it: due at once.
    const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const { invitations } = await issueCampaign(repos, {
      surveyId: (await repos.surveys.valuePerception()).id,
      name: "CLI reminders",
      businessUnitIds: [unit.unit.id],
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      deadline,
      reminderDays: [3],
    });
    waiting = invitations.map((i) => ({ email: i.email as string, token: i.token }));
    await disk.close();
  }, 60_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it("tandem serve refuses a reminder interval that is not a number of minutes, naming the variable", async () => {
    const run = await runCli(["serve", "--port", "0"], join(root, "store"), {
      TANDEM_REMINDER_MINUTES: "hourly",
    });
    expect(run.code).not.toBe(0);
    expect(run.lines.error.join("\n")).toMatch(/TANDEM_REMINDER_MINUTES: expected a number of minutes/);
  });

  it("needs the public address the links are built on", async () => {
    const run = await runCli(["survey", "remind"], join(root, "store"));
    expect(run.code).not.toBe(0);
    expect(run.lines.error.join("\n")).toMatch(/TANDEM_PUBLIC_URL/);
  });

  it("without SMTP prints a fresh link for everyone who has not answered", async () => {
    const run = await runCli(["survey", "remind", "--json"], join(root, "store"), {
      TANDEM_PUBLIC_URL: "https://tandem.test",
    });
    expect(run.code, run.lines.error.join("\n")).toBe(0);
    const result = JSON.parse(run.lines.result.join("\n")) as {
      reminded: number;
      campaigns: { campaignName: string; links: { email: string; url: string }[] }[];
    };
    expect(result.reminded).toBe(2);
    const links = result.campaigns.find((c) => c.campaignName === "CLI reminders")?.links ?? [];
    expect(links.map((l) => l.email).sort()).toEqual(waiting.map((w) => w.email).sort());
    expect(links.every((l) => l.url.startsWith("https://tandem.test/s/"))).toBe(true);
    expect(links.map((l) => l.url)).not.toContain(`https://tandem.test/s/${waiting[0]?.token}`);
  });
});
