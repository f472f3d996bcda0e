import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

/** The id at the end of the page's address (/business-units/<id>). */
const idInUrl = (page: Page) => new URL(page.url()).pathname.split("/").pop() ?? "";

describe.skipIf(!hasChromium)("web app in a real browser: creating and editing the alignment graph", () => {
  const h = useBrowserSession();

  it("an IT user creates a business unit under a parent, edits it, archives it and restores it", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.it, "/business-units");
    await page.getByRole("link", { name: "New business unit" }).click();
    const create = page.getByRole("form", { name: "New business unit" });
    await create.getByLabel("Name").fill("Mobile Banking");
    await create.getByLabel("Code").fill("MB");
    await create.getByLabel("Part of (parent unit)").selectOption({ label: seed.unitA });
    await create.getByLabel("Headcount").fill("35");
    await create.getByRole("button", { name: "Create business unit" }).click();

    // After creating, the new unit's page, with its parent in words.
    await page.getByRole("heading", { level: 1, name: "Mobile Banking" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Created the business unit." }).waitFor();
    await page.locator('[data-fact="parentId"] dd a', { hasText: seed.unitA }).waitFor();
    const id = idInUrl(page);
    const created = await h.server.repos.businessUnits.get(id);
    expect(created).toMatchObject({
      name: "Mobile Banking",
      code: "MB",
      parentId: h.server.ids.unitA,
      headcount: 35,
    });

    // Edit: a bad headcount is refused by the server, next to the field and in the summary.
    await page.getByRole("link", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit business unit" });
    await edit.getByLabel("Headcount").fill("-3");
    await edit.getByRole("button", { name: "Save" }).click();
    const headcountError = edit.locator('[data-field="headcount"] .field-error');
    await headcountError.waitFor();
    expect(await headcountError.textContent()).not.toBe("");
    expect(await edit.locator(".error-summary").textContent()).toContain("Headcount");
    await edit.getByLabel("Headcount").fill("40");
    await edit.getByLabel("Description").fill("Apps for the bank's retail customers");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.locator('[data-fact="headcount"] dd', { hasText: "40" }).waitFor();
    const edited = await h.server.repos.businessUnits.get(id);
    expect(edited.headcount).toBe(40);
    expect(edited.description).toBe("Apps for the bank's retail customers");
    expect(edited.version).toBe(created.version + 1);

    // Archive: badge on the page; gone from the list until "Show archived".
    await page.getByRole("button", { name: "Archive" }).click();
    await page.locator(".page-head .archived-badge").waitFor();
    expect((await h.server.repos.businessUnits.get(id)).archivedAt).not.toBeNull();
    await page.getByRole("link", { name: "Business units" }).first().click();
    const rows = page.locator("table.data-table tbody tr");
    await rows.filter({ hasText: seed.unitA }).waitFor();
    expect(await rows.filter({ hasText: "Mobile Banking" }).count()).toBe(0);
    await page.getByLabel("Show archived").check();
    const archivedRow = rows.filter({ hasText: "Mobile Banking" });
    await archivedRow.waitFor();
    expect(await archivedRow.locator(".archived-badge").textContent()).toBe("Archived");

    // Restore from its page.
    await archivedRow.getByRole("link", { name: "Mobile Banking" }).click();
    await page.getByRole("button", { name: "Restore" }).click();
    await page.getByRole("button", { name: "Archive" }).waitFor();
    expect(await page.locator(".page-head .archived-badge").count()).toBe(0);
    expect((await h.server.repos.businessUnits.get(id)).archivedAt).toBeNull();
  });

  it("a capability's downtime cost is typed in euros and stored in cents; its goal weights must add up to 100 %", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.it, "/capabilities/new");
    const form = page.getByRole("form", { name: "New capability" });
    await form.getByLabel("Name").fill("Card payments");
    await form.getByLabel("Owner business unit").selectOption({ label: seed.unitA });
    // Three decimals is not an amount of euros: refused before it reaches the server.
    await form.getByLabel("Downtime cost per hour (€)").fill("12.345");
    await form.getByRole("button", { name: "Create capability" }).click();
    await form.locator('[data-field="downtimeCostPerHourCents"] .field-error').waitFor();
    await form.getByLabel("Downtime cost per hour (€)").fill("12,345.67");
    await form.getByLabel("Users").fill("250");
    await form.getByLabel("Criticality").selectOption("high");
    await form.getByRole("button", { name: "Create capability" }).click();
    await page.getByRole("heading", { level: 1, name: "Card payments" }).waitFor();
    const id = idInUrl(page);
    const stored = await h.server.repos.capabilities.get(id);
    // €12,345.67 = 12345 × 100 + 67 cents.
    expect(stored.downtimeCostPerHourCents).toBe(1_234_567);
    expect(stored).toMatchObject({
      users: 250,
      criticality: "high",
      ownerBusinessUnitId: h.server.ids.unitA,
    });
    expect(await page.locator('[data-fact="downtimeCostPerHourCents"] dd').textContent()).toBe("€12,345.67");

    const goals = page.getByRole("region", { name: "Goals served" });
    await goals.getByText("This capability serves no goal yet.").waitFor();
    const add = goals.getByRole("form", { name: "Add a goal" });
    await add.getByLabel("Goal").selectOption({ label: seed.goalTop });
    await add.getByLabel("Weight (%)").fill("60");
    await add.getByRole("button", { name: "Add" }).click();
    await goals.locator("tbody tr", { hasText: seed.goalTop }).waitFor();
    const total = goals.getByTestId("link-total");
    await expect.poll(() => total.textContent()).toContain("60 %");
    expect(await total.textContent()).toContain("does not add up to 100 %");

    await add.getByLabel("Goal").selectOption({ label: seed.goalB });
    await add.getByLabel("Weight (%)").fill("40");
    await add.getByRole("button", { name: "Add" }).click();
    await goals.locator("tbody tr", { hasText: seed.goalB }).waitFor();
    await expect.poll(() => total.textContent()).toContain("100 %");
    expect(await total.textContent()).not.toContain("does not add up");
    const links = await h.server.repos.links.list("capability-goal", { capabilityId: id });
    expect(links.map((l) => l.weight).sort()).toEqual([40, 60]);
  });

  it("a service dependency that would close a cycle shows the server's refusal", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.it, `/services/${h.server.ids.shop}`);
    const shopDeps = page.getByRole("region", { name: "Depends on services" });
    await shopDeps.getByText("This service depends on no other service.").waitFor();
    await shopDeps.getByLabel("Service", { exact: true }).selectOption({ label: seed.ledger });
    await shopDeps.getByRole("button", { name: "Add" }).click();
    await shopDeps.locator("tbody tr", { hasText: seed.ledger }).waitFor();

    await page.goto(`${h.server.baseUrl}/services/${h.server.ids.ledger}`);
    await page.getByRole("heading", { level: 1, name: seed.ledger }).waitFor();
    const ledgerDeps = page.getByRole("region", { name: "Depends on services" });
    await ledgerDeps.getByText("This service depends on no other service.").waitFor();
    await ledgerDeps.getByLabel("Service", { exact: true }).selectOption({ label: seed.shop });
    await ledgerDeps.getByRole("button", { name: "Add" }).click();
    const refusal = ledgerDeps.locator(".problem");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Would create a cycle");
    expect(await refusal.textContent()).toContain(`${seed.ledger} → ${seed.shop} → ${seed.ledger}`);
    expect(await ledgerDeps.locator("tbody tr").count()).toBe(0);
    expect(await h.server.repos.links.list("service-dependency", { serviceId: h.server.ids.ledger })).toEqual(
      [],
    );
  });

  it("deleting a business unit that others refer to is refused, listing what refers to it", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.it, `/business-units/${h.server.ids.unitA}`);
    await page.getByRole("heading", { level: 1, name: seed.unitA }).waitFor();
    await page.getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("button", { name: "Delete for good" }).click();
    const referrers = page.getByTestId("referrers");
    await referrers.getByRole("link", { name: "Paula Owner" }).waitFor();
    expect(await page.locator(".problem").textContent()).toContain("Still referenced");
    expect(await referrers.textContent()).toContain(seed.goalTop);
    expect((await h.server.repos.businessUnits.get(h.server.ids.unitA)).name).toBe(seed.unitA);
  });

  it("a viewer sees no New, Edit or Archive buttons and no link editing", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.viewer, "/business-units");
    await page.locator("table.data-table tbody tr", { hasText: seed.unitA }).waitFor();
    expect(await page.getByRole("link", { name: "New business unit" }).count()).toBe(0);
    await page.getByRole("link", { name: seed.unitA }).click();
    await page.getByRole("heading", { level: 1, name: seed.unitA }).waitFor();
    await page.getByTestId("entity-facts").waitFor();
    expect(await page.getByRole("link", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Archive" }).count()).toBe(0);

    await page.goto(`${h.server.baseUrl}/capabilities`);
    await page.getByRole("link", { name: seed.ordering.name }).click();
    const goals = page.getByRole("region", { name: "Goals served" });
    await goals.locator("tbody tr", { hasText: seed.goalChild }).waitFor();
    expect(await page.getByRole("link", { name: "Edit" }).count()).toBe(0);
    expect(await goals.getByRole("form").count()).toBe(0);
    expect(await goals.getByRole("button", { name: /Remove/ }).count()).toBe(0);
  });

  it("a business stakeholder may not edit business units: no button, and the edit address is refused", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.stakeholder, `/business-units/${h.server.ids.unitA}`);
    await page.getByRole("heading", { level: 1, name: seed.unitA }).waitFor();
    await page.getByTestId("entity-facts").waitFor();
    expect(await page.getByRole("link", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Archive" }).count()).toBe(0);

    await page.goto(`${h.server.baseUrl}/business-units/${h.server.ids.unitA}/edit`);
    const form = page.getByRole("form", { name: "Edit business unit" });
    await form.getByLabel("Headcount").fill("1");
    await form.getByRole("button", { name: "Save" }).click();
    const refusal = form.locator(".problem");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Forbidden");
    expect((await h.server.repos.businessUnits.get(h.server.ids.unitA)).headcount).toBe(420);
  });
});
