import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createFeedbackLinks } from "../../src/use-cases/create-feedback-links.js";
import { addFeedbackRow, makeTickets } from "../support/feedback-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seriousViolations, waitForContent } from "./page-audit.js";
import { seed } from "./seeded-server.js";

describe.skipIf(!hasChromium)("ticket feedback and pain points in a real browser", () => {
  const h = useBrowserSession();

  it("answers a feedback link on a phone, keeps markup as text, and refuses the link a second time", async () => {
    const [ticket] = await makeTickets(h.server.store.db, [
      {
        serviceId: h.server.ids.shop,
        businessUnitId: h.server.ids.unitA,
        record: { title: "Checkout <i>hangs</i>" },
      },
    ]);
    const [link] = await createFeedbackLinks({
      repositories: h.server.repos,
      now: new Date(),
      ticketIds: [ticket?.id ?? ""],
    });
    await h.page.setViewportSize({ width: 390, height: 844 });
    await h.page.goto(`${h.server.baseUrl}${link?.path}`);
    await h.page.getByRole("heading", { name: "How happy are you with how this was solved?" }).waitFor();
    // The ticket's title is shown as text, tags and all.
    await h.page.getByText("Checkout <i>hangs</i>").waitFor();
    // Nothing sticks out sideways on a phone.
    const overflow = await h.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await h.page.getByRole("button", { name: "Send" }).click();
    await h.page.getByText("choose a score from 0 to 10").waitFor();
    await h.page.getByText("3", { exact: true }).click();
    await h.page.getByText("About 2 hours").click();
    await h.page.getByLabel("Comment", { exact: true }).fill("<b>Slow</b> again");
    await h.page.getByRole("button", { name: "Send" }).click();
    await h.page.getByRole("heading", { name: "Thank you" }).waitFor();
    const stored = await sql<{ score: number; lostMinutes: number; comment: string }>`
      SELECT score, lost_minutes, comment FROM ticket_feedback WHERE ticket_id = ${ticket?.id}`.execute(
      h.server.store.db,
    );
    expect(stored.rows).toEqual([{ score: 3, lostMinutes: 120, comment: "<b>Slow</b> again" }]);
    await h.page.goto(`${h.server.baseUrl}${link?.path}`);
    await h.page.getByText("this feedback link has already been used").waitFor();
  });

  it("shows happiness beside the benchmark, hiding small groups, and the comments as text", async () => {
    const tickets = await makeTickets(
      h.server.store.db,
      Array.from({ length: 6 }, () => ({ serviceId: h.server.ids.shop, businessUnitId: h.server.ids.unitA })),
    );
    for (const [i, t] of tickets.entries())
      await addFeedbackRow(
        h.server.store.db,
        t.id,
        i < 4 ? 10 : 2,
        60,
        "The checkout <script>x</script> page hangs",
      );
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/happiness");
    await h.page.getByRole("heading", { level: 1, name: "Ticket happiness" }).waitFor();
    await h.page.getByText("Incidents: +67").waitFor();
    await h.page.getByRole("rowheader", { name: seed.shop }).first().waitFor();
    await h.page.getByText("“The checkout <script>x</script> page hangs”").first().waitFor();
  });

  it("a stakeholder posts and votes; IT declines with a reason the stakeholder then reads", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, "/pain-points");
    await h.page.getByRole("heading", { level: 1, name: "Pain points" }).waitFor();
    await h.page.getByLabel("What gets in the way?").fill("Reports export as images");
    await h.page.getByLabel("Hours lost per week (estimate)").fill("2.5");
    await h.page.getByRole("button", { name: "Post" }).click();
    const card = h.page.locator("article.pain-point", { hasText: "Reports export as images" });
    await card.waitFor();
    await card.getByRole("button", { name: "Vote (0)" }).click();
    await card.getByRole("button", { name: "Voted (1)" }).waitFor();
    const [point] = (
      await sql<{ id: string }>`SELECT id FROM pain_point WHERE title = 'Reports export as images'`.execute(
        h.server.store.db,
      )
    ).rows;

    const it = await h.browser.newContext();
    const itPage = await it.newPage();
    await signInAs(itPage, h.server.baseUrl, h.server.it, "/pain-points");
    const itCard = itPage.locator("article.pain-point", { hasText: "Reports export as images" });
    await itCard.getByRole("button", { name: /Comments/ }).click();
    await itCard.getByLabel("Status").selectOption("declined");
    await itCard.getByRole("button", { name: "Save triage" }).click();
    await itCard.getByText("a reason is required to decline").waitFor();
    await itCard.getByLabel(/Reason/).fill("The new BI tool exports tables from March");
    await itCard.getByRole("button", { name: "Save triage" }).click();
    await itCard.locator(".badge", { hasText: "Declined" }).waitFor();
    await it.close();

    await h.page.reload();
    await card.getByText("The new BI tool exports tables from March").waitFor();
    expect(point?.id).toBeTruthy();
  });

  it("the feedback, happiness and pain-point pages have no serious accessibility violations, light or dark", async () => {
    const [ticket] = await makeTickets(h.server.store.db, [
      { serviceId: h.server.ids.shop, businessUnitId: h.server.ids.unitA },
    ]);
    const [link] = await createFeedbackLinks({
      repositories: h.server.repos,
      now: new Date(),
      ticketIds: [ticket?.id ?? ""],
    });
    const found: Record<string, unknown[]> = {};
    for (const scheme of ["light", "dark"] as const) {
      await h.page.emulateMedia({ colorScheme: scheme });
      await h.page.goto(`${h.server.baseUrl}${link?.path}`);
      await h.page.getByRole("button", { name: "Send" }).waitFor();
      const answer = await seriousViolations(h.page);
      if (answer.length > 0) found[`${scheme} answer`] = answer;
    }
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/happiness");
    for (const scheme of ["light", "dark"] as const) {
      await h.page.emulateMedia({ colorScheme: scheme });
      for (const path of ["/happiness", "/pain-points"]) {
        await h.page.goto(`${h.server.baseUrl}${path}`);
        await waitForContent(h.page);
        const violations = await seriousViolations(h.page);
        if (violations.length > 0) found[`${scheme} ${path}`] = violations;
      }
    }
    expect(found).toEqual({});
  });
});
