import { describe, expect, it } from "vitest";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { savePrintout, saveScreenshot, waitForContent } from "./page-audit.js";
import { seed } from "./seeded-server.js";

describe.skipIf(!hasChromium)("journeys across pages, and what each role must not see", () => {
  const h = useBrowserSession();

  it("IT: cockpit → a business-critical service → its edit form; the IT pages are in the nav", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    await h.page.getByRole("heading", { level: 1, name: "Cockpit" }).waitFor();
    const nav = h.page.getByRole("navigation", { name: "Main" });
    for (const name of ["Home", "Map", "Services", "Gaps", "People", "IT teams", "Imports"]) {
      expect(await nav.getByRole("link", { name, exact: true }).count(), name).toBe(1);
    }
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);

    await h.page.getByTestId("tile-critical-services").getByRole("link", { name: seed.shop }).click();
    await h.page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    await h.page.getByRole("button", { name: "Edit" }).click();
    await h.page.getByRole("form", { name: "Edit service" }).waitFor();
  });

  it("stakeholder: portal → my service, read only; IT-only pages and data are refused", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder);
    await h.page.getByRole("heading", { level: 1, name: "Your IT at a glance" }).waitFor();
    const nav = h.page.getByRole("navigation", { name: "Main" });
    for (const name of ["Gaps", "People", "IT teams", "Imports", "Users"]) {
      expect(await nav.getByRole("link", { name, exact: true }).count(), name).toBe(0);
    }

    await h.page.getByTestId("tile-my-services").getByRole("link", { name: seed.shop }).click();
    await h.page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    expect(await h.page.getByRole("button", { name: "Edit" }).count()).toBe(0);

    // Not in the nav is not enough: the server refuses too.
    const gaps = await h.page.request.get(`${h.server.baseUrl}/api/v1/graph/gaps`);
    expect(gaps.status()).toBe(403);
    const other = await h.page.request.get(`${h.server.baseUrl}/api/v1/services/${h.server.ids.ledger}`);
    expect(other.status()).toBe(404);
    await h.page.goto(`${h.server.baseUrl}/gaps`);
    await h.page.getByRole("heading", { name: "Not allowed" }).waitFor();
  });

  it("viewer: the cockpit, but no edit button and no imports", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.viewer);
    await h.page.getByRole("heading", { level: 1, name: "Cockpit" }).waitFor();
    const nav = h.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Imports" }).count()).toBe(0);
    await h.page.goto(`${h.server.baseUrl}/services/${h.server.ids.shop}`);
    await h.page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    expect(await h.page.getByRole("button", { name: "Edit" }).count()).toBe(0);
  });

  it("the portal fits a phone: no sideways scrolling", async () => {
    await h.page.setViewportSize({ width: 390, height: 844 });
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder);
    await waitForContent(h.page);
    await saveScreenshot(h.page, "phone-portal");
    const overflow = await h.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("printing the cockpit leaves out the navigation and the buttons", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    await waitForContent(h.page);
    const shown = (selector: string) =>
      h.page.evaluate((s) => getComputedStyle(document.querySelector(s) as Element).display, selector);
    expect(await shown(".app-header")).not.toBe("none");
    await h.page.emulateMedia({ media: "print" });
    expect(await shown(".app-header")).toBe("none");
    expect(await shown(".page-tools button")).toBe("none");
    expect(await shown("[data-testid=tile-gaps]")).not.toBe("none");
    await savePrintout(h.page, "cockpit-print");
  });
});
