import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, signInAs, watchPageErrors } from "./browser.js";
import { type SeededServer, seed, startSeededServer } from "./seeded-server.js";

describe.skipIf(!hasChromium)("web app in a real browser: what each role sees", () => {
  let server: SeededServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await startSeededServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it("a business stakeholder of unit A sees only unit A's services, no Gaps and no Users", async () => {
    await signInAs(page, server.baseUrl, server.stakeholder, "/services");
    expect(await page.getByTestId("user-role").textContent()).toBe("Business stakeholder");
    const rows = page.locator("table.data-table tbody tr");
    await rows.filter({ hasText: seed.shop }).waitFor();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toBe("1 service");
    expect(await rows.filter({ hasText: seed.ledger }).count()).toBe(0);
    expect(await rows.filter({ hasText: seed.analytics }).count()).toBe(0);

    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Services" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Gaps" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);

    // Reading the service works, editing is not offered.
    await page.getByRole("link", { name: seed.shop }).click();
    await page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(0);
  });

  it("a business stakeholder who goes to /gaps or /admin/users is told it is not allowed", async () => {
    await signInAs(page, server.baseUrl, server.stakeholder, "/gaps");
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await page.locator(".not-allowed").textContent()).toContain("alignment gaps");

    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
  });

  it("a business stakeholder who opens another unit's service by its address gets 'not found'", async () => {
    await signInAs(page, server.baseUrl, server.stakeholder, `/services/${server.ids.ledger}`);
    await page.getByText("Not found").waitFor();
    expect(await page.getByText(seed.ledger).count()).toBe(0);
  });

  it("a stakeholder of two units narrows every page to one of them with the unit switcher", async () => {
    await signInAs(page, server.baseUrl, server.twoUnits, "/services");
    const rows = page.locator("table.data-table tbody tr");
    await expect.poll(() => page.getByTestId("list-count").textContent()).toBe("2 services");
    const switcher = page.getByLabel("My business units");
    await switcher.selectOption({ label: seed.unitB });
    await expect.poll(() => page.getByTestId("list-count").textContent()).toBe("1 service");
    expect(await rows.filter({ hasText: seed.ledger }).count()).toBe(1);
    expect(await rows.filter({ hasText: seed.shop }).count()).toBe(0);
    // The choice holds on the next page and after a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toBe("1 service");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Business units" })
      .click();
    await page.locator("table.data-table tbody tr", { hasText: seed.unitB }).waitFor();
    expect(await page.locator("table.data-table tbody tr", { hasText: seed.unitA }).count()).toBe(0);
    await page.getByLabel("My business units").selectOption({ label: "All my units" });
    await page.locator("table.data-table tbody tr", { hasText: seed.unitA }).waitFor();
  });

  it("a viewer sees every service but no edit button", async () => {
    await signInAs(page, server.baseUrl, server.viewer, "/services");
    const rows = page.locator("table.data-table tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByTestId("user-role").textContent()).toBe("Viewer");
    await page.getByRole("link", { name: seed.ledger }).click();
    await page.getByRole("heading", { level: 1, name: seed.ledger }).waitFor();
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(0);
  });

  it("an administrator creates a stakeholder who can then sign in", async () => {
    await signInAs(page, server.baseUrl, server.admin, "/admin/users");
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("E-mail").fill("nora@e2e.example");
    await form.getByLabel("Name").fill("Nora New");
    await form.getByLabel("Role").selectOption("business_stakeholder");
    // Without a unit the server refuses, naming the field.
    await form.getByLabel("Password (optional", { exact: false }).fill("nora-correct-horse-battery");
    await form.getByRole("button", { name: "Create user" }).click();
    const unitsError = form.locator('[data-field="businessUnitIds"] .field-error');
    await unitsError.waitFor();
    expect(await unitsError.textContent()).toContain("at least one business unit");

    await form.getByLabel(seed.unitB).check();
    await form.getByRole("button", { name: "Create user" }).click();
    await form.getByRole("status").filter({ hasText: "Created Nora New." }).waitFor();
    expect(
      await page.locator("table.data-table tbody tr", { hasText: "nora@e2e.example" }).textContent(),
    ).toContain(seed.unitB);

    const other = await browser.newContext();
    try {
      const nora = await other.newPage();
      await signInAs(
        nora,
        server.baseUrl,
        { email: "nora@e2e.example", password: "nora-correct-horse-battery", name: "Nora New" },
        "/services",
      );
      await nora.locator("table.data-table tbody tr", { hasText: seed.ledger }).waitFor();
      expect(await nora.locator("table.data-table tbody tr", { hasText: seed.shop }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
