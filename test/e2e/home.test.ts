import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { AlignmentGaps } from "../../src/domain/schemas/graph.js";
import { signInSession } from "../support/sessions.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { waitForContent } from "./page-audit.js";
import { seed } from "./seeded-server.js";

describe.skipIf(!hasChromium)("home pages and the shared page conventions", () => {
  const h = useBrowserSession();

  it("IT lands on the cockpit; the gaps tile counts what the gaps report lists and links to it", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    await h.page.getByRole("heading", { level: 1, name: "Cockpit" }).waitFor();
    const tiles = h.page.locator("[data-testid^=tile-]");
    expect(await tiles.count()).toBe(7);

    // The expected total, summed independently from the API's own report.
    const gaps = (await (
      await h.page.request.get(`${h.server.baseUrl}/api/v1/graph/gaps`)
    ).json()) as AlignmentGaps;
    const total = Object.values(gaps).reduce((sum, list) => sum + (list as unknown[]).length, 0);
    expect(total).toBeGreaterThan(0);
    await expect.poll(() => h.page.getByTestId("gaps-total").textContent()).toBe(String(total));

    // Tier-1 services only: the shop is tier 1, the ledger tier 2.
    const critical = h.page.getByTestId("tile-critical-services");
    await critical.getByRole("link", { name: seed.shop }).waitFor();
    expect(await critical.getByRole("link", { name: seed.ledger }).count()).toBe(0);

    await h.page.getByTestId("tile-gaps").getByRole("link", { name: "All gaps" }).click();
    await h.page.getByRole("heading", { level: 1, name: "Alignment gaps" }).waitFor();
    expect(new URL(h.page.url()).pathname).toBe("/gaps");
  });

  it("the alignment map moved to /map and the nav has Home and Map", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    const nav = h.page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Map" }).click();
    await h.page.getByRole("heading", { level: 1, name: "Alignment map" }).waitFor();
    expect(new URL(h.page.url()).pathname).toBe("/map");
    await nav.getByRole("link", { name: "Home" }).click();
    await h.page.getByRole("heading", { level: 1, name: "Cockpit" }).waitFor();
  });

  it("a business stakeholder lands on the portal: only their unit's services, in plain words", async () => {
    // The service's figures as the scorecard API answers them (only the fields the portal reads).
    const figures = {
      availabilityPct: 99.95,
      availabilityTargetPct: 99.9,
      slaAttainmentPct: 93.4,
      incidents: 7,
    };
    await h.page.route("**/api/v1/metrics/scorecard?*", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ scorecard: figures, previous: figures, change: {} }),
      }),
    );
    // Pages with many services ask for all their scorecards at once.
    await h.page.route("**/api/v1/metrics/services?*", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ services: [{ serviceId: h.server.ids.shop, scorecard: figures }] }),
      }),
    );
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder);
    await h.page.getByRole("heading", { level: 1, name: "Your IT at a glance" }).waitFor();
    const mine = h.page.getByTestId("tile-my-services");
    await mine.getByRole("link", { name: seed.shop }).waitFor();
    expect(await mine.getByTestId("my-service").count()).toBe(1);
    expect(await h.page.getByText(seed.ledger).count()).toBe(0);
    // Plain words on the page, the ITSM term one hover (or focus) away.
    const term = mine.locator('abbr[title="SLA attainment"]');
    await term.waitFor();
    expect(await term.textContent()).toBe("Resolved within the promised time");
    const service = mine.getByTestId("my-service");
    expect(await service.locator(".health").textContent()).toBe("Running well");
    expect(await service.locator("dd").allTextContents()).toEqual(["99.95% (promised 99.9%)", "93%", "7"]);
    // No cockpit tiles and no IT jargon on the portal.
    expect(await h.page.getByTestId("tile-gaps").count()).toBe(0);
    const text = (await h.page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/\bSLA\b|\bMTTR\b|\bincident/i);
  });

  it("the period lives in the address: a shared or reloaded link keeps it", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    await waitForContent(h.page);
    await h.page.getByLabel("Period").selectOption("1m");
    await h.page.waitForURL(/\?period=1m$/);
    await h.page.reload();
    await waitForContent(h.page);
    expect(await h.page.getByLabel("Period").inputValue()).toBe("1m");
    // The default is not written into the address.
    await h.page.getByLabel("Period").selectOption("3m");
    await expect.poll(() => new URL(h.page.url()).search).toBe("");
  });

  it("the theme follows the system, can be switched, and the choice is remembered", async () => {
    await h.page.emulateMedia({ colorScheme: "light" });
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    const background = () =>
      h.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--bg").trim());
    expect(await background()).toBe("#f6f7f9");
    await h.page.getByRole("button", { name: "Switch to dark theme" }).click();
    expect(await h.page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await background()).toBe("#0b1220");
    await h.page.reload();
    await h.page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    expect(await background()).toBe("#0b1220");
  });

  it("a lost connection shows 'Try again' in place of the data, and trying again loads it", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/services");
    await waitForContent(h.page);
    await h.page.route("**/api/v1/graph/gaps", (route) => route.abort("connectionrefused"));
    await h.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    const tile = h.page.getByTestId("tile-gaps");
    await tile.getByRole("alert").filter({ hasText: "could not be reached" }).waitFor();
    await h.page.unroute("**/api/v1/graph/gaps");
    await tile.getByRole("button", { name: "Try again" }).click();
    await tile.getByTestId("gaps-total").waitFor();
    // The rest of the page was there all along.
    expect(
      await h.page.getByTestId("tile-critical-services").getByRole("link", { name: seed.shop }).count(),
    ).toBe(1);
  });

  it("a server failure (5xx) on a page offers a retry, never a blank page", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/services");
    await waitForContent(h.page);
    await h.page.route("**/api/v1/graph/map", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Service unavailable", status: 503 }),
      }),
    );
    await h.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Map" }).click();
    await h.page.getByRole("alert").filter({ hasText: "Service unavailable" }).waitFor();
    expect(await h.page.getByRole("button", { name: "Try again" }).count()).toBe(1);
    await h.page.unroute("**/api/v1/graph/map");
    await h.page.getByRole("button", { name: "Try again" }).click();
    await h.page.getByTestId("map-legend").waitFor();
  });

  it("a save refused with 412 shows what someone else changed meanwhile, and takes their version", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, `/business-units/${h.server.ids.unitA}/edit`);
    const form = h.page.getByRole("form", { name: "Edit business unit" });
    await form.getByLabel("Headcount").waitFor();
    expect(await form.getByLabel("Headcount").inputValue()).toBe("420");

    // Meanwhile an administrator changes the headcount through the API.
    const admin = await signInSession(h.server.app, h.server.admin.email, h.server.admin.password);
    const url = `/api/v1/business-units/${h.server.ids.unitA}`;
    const read = await h.server.app.inject({ method: "GET", url, headers: admin.headers() });
    const changed = await h.server.app.inject({
      method: "PATCH",
      url,
      headers: { ...admin.headers(true), "if-match": String(read.headers.etag) },
      payload: { headcount: 512 },
    });
    expect(changed.statusCode).toBe(200);

    await form.getByLabel("Code").fill("RBX");
    await form.getByRole("button", { name: "Save" }).click();
    const conflict = h.page.getByTestId("conflict-notice");
    await conflict.locator('tr[data-field="headcount"]').waitFor();
    const cells = await conflict.locator('tr[data-field="headcount"] td').allTextContents();
    expect(cells).toEqual(["Headcount", "420", "512"]);
    // Only what changed is listed: not the code the reader is editing.
    expect(await conflict.locator("tbody tr").count()).toBe(1);

    await conflict.getByRole("button", { name: "Take their version" }).click();
    expect(await form.getByLabel("Headcount").inputValue()).toBe("512");
    expect(await form.getByLabel("Code").inputValue()).toBe("RB");
    // With the new version in hand, the next save goes through.
    await form.getByLabel("Code").fill("RBY");
    await form.getByRole("button", { name: "Save" }).click();
    await h.page.getByRole("heading", { level: 1, name: seed.unitA }).waitFor();
    const stored = await h.server.app.inject({ method: "GET", url, headers: admin.headers() });
    expect(stored.json()).toMatchObject({ code: "RBY", headcount: 512 });
  });

  it("a pain point posted by the business waits on the cockpit and shows its status on the portal", async () => {
    const stakeholder = await signInSession(
      h.server.app,
      h.server.stakeholder.email,
      h.server.stakeholder.password,
    );
    const posted = await h.server.app.inject({
      method: "POST",
      url: "/api/v1/pain-points",
      headers: stakeholder.headers(true),
      payload: {
        title: "Checkout times out at lunch",
        serviceId: h.server.ids.shop,
        businessUnitId: h.server.ids.unitA,
        frequency: "daily",
        hoursLostPerWeek: 3,
      },
    });
    expect(posted.statusCode).toBe(201);

    await signInAs(h.page, h.server.baseUrl, h.server.it);
    const waiting = h.page.getByTestId("tile-pain-points");
    await waiting.getByRole("link", { name: "Checkout times out at lunch" }).waitFor();
    expect(await waiting.getByTestId("pain-points-waiting").textContent()).toBe("1");

    const other = await h.browser.newContext();
    try {
      const portal = await other.newPage();
      await signInAs(portal, h.server.baseUrl, h.server.stakeholder);
      const mine = portal.getByTestId("tile-my-pain-points");
      const row = mine.getByTestId("my-pain-point").filter({ hasText: "Checkout times out at lunch" });
      await row.waitFor();
      expect(await row.textContent()).toContain("Waiting for IT");
    } finally {
      await other.close();
    }
  });

  it("a chart shows the table behind it and downloads it as CSV (business impact tile)", async () => {
    const outage = (serviceId: string, serviceName: string, costCents: number, hours: number) => ({
      outageId: crypto.randomUUID(),
      ticketId: null,
      number: null,
      title: "Outage",
      serviceId,
      serviceName,
      priority: 2,
      startedAt: "2026-11-01T10:00:00Z",
      endedAt: "2026-11-01T12:00:00Z",
      hours,
      costPerHourCents: 0,
      costCents,
      usersAffected: 10,
      lostHours: 20,
      costRank: 1,
      priorityRank: 1,
      disagreement: null,
    });
    // Two outages of the shop (€1,000.00 + €234.50, 2 h + 0.5 h) and one of the ledger (€5,000.00, 1.25 h).
    await h.page.route("**/api/v1/metrics/impact?*", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({
          from: "2026-08-28",
          to: "2026-11-26",
          items: [
            outage(h.server.ids.ledger, seed.ledger, 500_000, 1.25),
            outage(h.server.ids.shop, seed.shop, 100_000, 2),
            outage(h.server.ids.shop, seed.shop, 23_450, 0.5),
          ],
          totalCostCents: 623_450,
        }),
      }),
    );
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    const tile = h.page.getByTestId("tile-business-impact");
    const chart = tile.getByRole("figure", { name: "Cost of downtime by service" });
    await chart.locator(".chart-canvas canvas").first().waitFor();
    expect(await tile.getByTestId("impact-total").textContent()).toBe("€6,235");

    await chart.getByRole("button", { name: "Show table" }).click();
    const rows = chart.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").allTextContents()).toEqual([seed.ledger, "€5,000", "1.3 h", "1"]);
    expect(await rows.nth(1).locator("td").allTextContents()).toEqual([seed.shop, "€1,235", "2.5 h", "2"]);
    expect(await chart.locator(".chart-canvas").count()).toBe(0);

    const [download] = await Promise.all([
      h.page.waitForEvent("download"),
      chart.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("cost-of-downtime-by-service.csv");
    const csv = await readFile(await download.path(), "utf8");
    expect(csv).toBe(
      `Service,Cost of downtime (€),Outage hours,Outages\r\n${seed.ledger},5000,1.25,1\r\n${seed.shop},1234.5,2.5,2\r\n`,
    );

    await chart.getByRole("button", { name: "Show chart" }).click();
    await chart.locator(".chart-canvas canvas").first().waitFor();
  });

  it("the skip link takes keyboard users past the navigation to the page", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    await waitForContent(h.page);
    await h.page.keyboard.press("Tab");
    const focused = () => h.page.evaluate(() => document.activeElement?.textContent ?? "");
    expect(await focused()).toBe("Skip to content");
    await h.page.keyboard.press("Enter");
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe("main");
  });
});
