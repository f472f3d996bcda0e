import { describe, expect, it } from "vitest";
import type { Survey } from "../../src/domain/schemas/survey.js";
import { SurveyLinkRepository } from "../../src/store/repositories/survey-link-repository.js";
import { makePerson } from "../support/factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";

const day = 86_400_000;

describe.skipIf(!hasChromium)("surveys in a real browser", () => {
  const h = useBrowserSession();
  let survey: Survey;
  let tokens: { business: string[]; it: string[] } = { business: [], it: [] };
  let campaignId = "";

  const arrange = async () => {
    if (campaignId) return;
    const r = h.server.repos;
    survey = await r.surveys.valuePerception();
    for (let i = 0; i < 5; i++)
      await makePerson(r, { name: `Sales clerk ${i}`, businessUnitId: h.server.ids.unitA });
    const it = [];
    for (let i = 0; i < 5; i++) it.push(await makePerson(r, { name: `IT engineer ${i}` }));
    const { campaign, invitations } = await r.campaigns.create({
      surveyId: survey.id,
      name: "Value perception (browser)",
      startsAt: new Date(Date.now() - day).toISOString(),
      deadline: new Date(Date.now() + 14 * day).toISOString(),
      businessUnitIds: [h.server.ids.unitA],
      itRespondents: it.map((p) => ({ personId: p.id, aboutBusinessUnitId: h.server.ids.unitA })),
    });
    campaignId = campaign.id;
    tokens = {
      business: invitations.filter((i) => i.audience === "business").map((i) => i.token),
      it: invitations.filter((i) => i.audience === "it").map((i) => i.token),
    };
    const links = new SurveyLinkRepository(h.server.store.db);
    const likert = survey.questions.filter((q) => q.type === "likert");
    // Everyone but the first business invitee answers here; IT is sure the business is happy.
    const comment = survey.questions.find((q) => q.type === "free_text")?.id as string;
    // Comments too: free text is shown only once five have written some.
    for (const [k, token] of tokens.business.slice(1).entries())
      await links.submit(
        token,
        {
          answers: [
            ...likert.map((q, n) => ({ questionId: q.id, value: n < 4 ? 2 : 3 })),
            { questionId: comment, text: `Comment ${k}` },
          ],
        },
        new Date(),
      );
    for (const token of tokens.it)
      await links.submit(token, { answers: likert.map((q) => ({ questionId: q.id, value: 5 })) }, new Date());
  };

  it("a respondent answers on a phone-sized screen, markup stays text, and the link then refuses a second answer", async () => {
    await arrange();
    const phone = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const token = tokens.business[0] as string;
    await page.goto(`${h.server.baseUrl}/s/${token}`);
    await page.getByRole("heading", { level: 1, name: "Value perception" }).waitFor();
    // No app shell and no sign-in on the public page, and nothing wider than the phone.
    expect(await page.locator(".app-header").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const groups = page.locator("fieldset.survey-question");
    expect(await groups.count()).toBe(13);
    for (let k = 0; k < 12; k++) await groups.nth(k).getByText("2", { exact: true }).tap();
    await page.getByRole("textbox").fill('<img src=x onerror="window.hacked=1">Costs are a mystery');
    await page.screenshot({ path: "test/e2e/screenshots/survey-answer-phone.png", fullPage: true });
    await page.getByRole("button", { name: "Send my answers" }).tap();
    await page.getByRole("heading", { name: "Thank you" }).waitFor();
    await page.reload();
    await page.getByRole("alert").filter({ hasText: "used already" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await phone.close();

    // The admin sees the comment as text on the campaign page.
    await signInAs(h.page, h.server.baseUrl, h.server.admin, `/campaigns/${campaignId}`);
    await h.page.getByRole("heading", { level: 1, name: "Value perception (browser)" }).waitFor();
    await h.page.getByText('<img src=x onerror="window.hacked=1">Costs are a mystery').waitFor();
    expect(await h.page.locator(".comment-list img").count()).toBe(0);
  });

  it("shows the perception gap, largest gaps first, clear enough for a slide", async () => {
    await arrange();
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/perception-gap");
    await h.page.getByRole("heading", { level: 1, name: "Perception gap" }).waitFor();
    await h.page.getByText("Largest gap:").waitFor();
    const firstRow = h.page
      .getByRole("table", { name: "Perception gap per statement" })
      .locator("tbody tr")
      .first();
    // Business 0 % agree (all 2s), IT 100 %: +100 points on the first four statements.
    expect(await firstRow.textContent()).toContain("+100 pts");
    await h.page.getByRole("heading", { name: "Per business unit" }).waitFor();
    await h.page.screenshot({ path: "test/e2e/screenshots/perception-gap.png", fullPage: true });
  });

  it("a viewer finds the campaign in the list and sees its response rate", async () => {
    await arrange();
    await signInAs(h.page, h.server.baseUrl, h.server.viewer, "/campaigns");
    await h.page.getByRole("link", { name: "Value perception (browser)" }).waitFor();
    await h.page.getByRole("link", { name: "Value perception (browser)" }).click();
    await h.page.getByRole("heading", { level: 1, name: "Value perception (browser)" }).waitFor();
    await h.page.screenshot({ path: "test/e2e/screenshots/campaign.png", fullPage: true });
    // Six in unit A (Paula Owner too) and five IT engineers.
    await h.page.getByText("11 of 11 answered").waitFor();
  });
});
