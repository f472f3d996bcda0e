import { describe, expect, it } from "vitest";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

describe.skipIf(!hasChromium)("web app in a real browser: what each role sees", () => {
  const h = useBrowserSession();

  it("a business stakeholder of unit A sees only unit A's services, no Gaps and no Users", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, "/services");
    expect(await h.page.getByTestId("user-role").textContent()).toBe("Business stakeholder");
    const rows = h.page.locator("table.data-table tbody tr");
    await rows.filter({ hasText: seed.shop }).waitFor();
    await expect.poll(() => h.page.getByTestId("list-count").textContent()).toBe("1 service");
    expect(await rows.filter({ hasText: seed.ledger }).count()).toBe(0);
    expect(await rows.filter({ hasText: seed.analytics }).count()).toBe(0);

    const nav = h.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Services" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Gaps" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);

    // Reading the service works, editing is not offered.
    await h.page.getByRole("link", { name: seed.shop }).click();
    await h.page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    expect(await h.page.getByRole("button", { name: "Edit" }).count()).toBe(0);
  });

  it("a business stakeholder who goes to /gaps or /admin/users is told it is not allowed", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, "/gaps");
    await h.page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await h.page.locator(".not-allowed").textContent()).toContain("alignment gaps");

    await h.page.goto(`${h.server.baseUrl}/admin/users`);
    await h.page.getByRole("heading", { name: "Not allowed" }).waitFor();
  });

  it("a business stakeholder who opens another unit's service by its address gets 'not found'", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, `/services/${h.server.ids.ledger}`);
    await h.page.getByText("Not found").waitFor();
    expect(await h.page.getByText(seed.ledger).count()).toBe(0);
  });

  it("a stakeholder of two units narrows every page to one of them with the unit switcher", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.twoUnits, "/services");
    const rows = h.page.locator("table.data-table tbody tr");
    await expect.poll(() => h.page.getByTestId("list-count").textContent()).toBe("2 services");
    const switcher = h.page.getByLabel("My business units");
    await switcher.selectOption({ label: seed.unitB });
    await expect.poll(() => h.page.getByTestId("list-count").textContent()).toBe("1 service");
    expect(await rows.filter({ hasText: seed.ledger }).count()).toBe(1);
    expect(await rows.filter({ hasText: seed.shop }).count()).toBe(0);
    // The choice holds on the next page and after a reload.
    await h.page.reload();
    await expect.poll(() => h.page.getByTestId("list-count").textContent()).toBe("1 service");
    await h.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Business units" })
      .click();
    await h.page.locator("table.data-table tbody tr", { hasText: seed.unitB }).waitFor();
    expect(await h.page.locator("table.data-table tbody tr", { hasText: seed.unitA }).count()).toBe(0);
    await h.page.getByLabel("My business units").selectOption({ label: "All my units" });
    await h.page.locator("table.data-table tbody tr", { hasText: seed.unitA }).waitFor();
  });

  it("a viewer sees every service but no edit button", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.viewer, "/services");
    const rows = h.page.locator("table.data-table tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await h.page.getByTestId("user-role").textContent()).toBe("Viewer");
    await h.page.getByRole("link", { name: seed.ledger }).click();
    await h.page.getByRole("heading", { level: 1, name: seed.ledger }).waitFor();
    expect(await h.page.getByRole("button", { name: "Edit" }).count()).toBe(0);
  });

  it("an administrator creates a stakeholder who can then sign in", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/admin/users");
    const form = h.page.getByRole("form", { name: "Create user" });
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
      await h.page.locator("table.data-table tbody tr", { hasText: "nora@e2e.example" }).textContent(),
    ).toContain(seed.unitB);

    const other = await h.browser.newContext();
    try {
      const nora = await other.newPage();
      await signInAs(
        nora,
        h.server.baseUrl,
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
