import { beforeAll, describe, expect, it } from "vitest";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

/**
 * Issue 6 in the browser: a service's scorecard and charts, the impact page ranked by cost, and a
 * business unit's "services you use", each as IT and as a stakeholder who may see only their unit.
 */
describe.skipIf(!hasChromium)("service performance pages", () => {
  const h = useBrowserSession();
  // Early last month: inside the pages' default period (the last three whole months).
  const now = new Date();
  const day = (d: number, hour: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, d, hour))
      .toISOString()
      .replace(".000", "");

  beforeAll(async () => {
    await h.server.repos.services.update(h.server.ids.shop, { aliases: [{ kind: "ci", value: "SHOP" }] });
    const shop = { configurationItem: "SHOP", requesterDepartment: seed.unitA };
    const result = await importTickets({
      db: h.server.store.db,
      source: "e2e",
      reader: arrayReader(
        asRead([
          // A two-hour P3 outage: ranked by cost, its priority understates it.
          makeTicketRecord({
            ...shop,
            priority: 3,
            majorIncident: true,
            openedAt: day(3, 9),
            resolvedAt: day(3, 11),
          }),
          makeTicketRecord({ ...shop, priority: 2, openedAt: day(4, 9), resolvedAt: day(4, 10) }),
          makeTicketRecord({ ...shop, priority: 4, openedAt: day(5, 9), resolvedAt: day(5, 13) }),
        ]),
      ),
    });
    expect(result.status).toBe("succeeded");
  });

  it("shows IT a service's scorecard with its incidents and the table behind its chart", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, `/services/${h.server.ids.shop}`);
    const panel = h.page.getByTestId("service-performance");
    await panel.getByRole("heading", { name: "How it performed" }).waitFor();
    const incidents = panel.locator('[data-metric="incidents"] .figure-value');
    await expect.poll(() => incidents.textContent()).toBe("3");
    // Two hours down in the period: below the 99.9 % target, and shown as such.
    await expect
      .poll(() => panel.locator('[data-metric="availability_pct"]').textContent())
      .toContain("target");
    const chart = panel.getByRole("figure", { name: "Incidents by priority" });
    await chart.getByRole("button", { name: /table/i }).click();
    await expect.poll(() => chart.locator("table tbody tr").count()).toBeGreaterThan(0);
  });

  it("ranks outages by cost on the impact page and flags the understated priority", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/impact");
    const table = h.page.getByTestId("impact-table");
    await table.waitFor();
    // 2 h × (Online ordering 12,345.50 €/h × 1 + Customer support 4,000 €/h × 0.5) = 28,691 €.
    const row = table.locator("tbody tr").first();
    await expect.poll(() => row.textContent()).toContain(seed.shop);
    expect((await row.textContent())?.replace(/\s/g, "")).toMatch(/28[.,\u202f\u00a0]?691/);
    expect(await row.textContent()).toContain("Priority too low for what it cost");
  });

  it("shows a stakeholder their unit's services and how they did, and not another unit's", async () => {
    await signInAs(
      h.page,
      h.server.baseUrl,
      h.server.stakeholder,
      `/business-units/${h.server.ids.unitA}/performance`,
    );
    const services = h.page.getByTestId("unit-services");
    await services.getByRole("link", { name: seed.shop }).waitFor();
    expect(await services.locator("tbody tr").count()).toBe(1);
    await h.page.goto(`${h.server.baseUrl}/business-units/${h.server.ids.unitB}/performance`);
    await h.page
      .getByText(/not found|does not exist|may not/i)
      .first()
      .waitFor();
    expect(await h.page.getByTestId("unit-services").count()).toBe(0);
  });
});
