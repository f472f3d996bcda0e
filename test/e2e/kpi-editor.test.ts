import { describe, expect, it } from "vitest";
import { makeKpi } from "../support/kpi-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

const AVAILABILITY = "Availability of a business-critical service";

/** The KPI editor (a KPI from scratch, then an edit) and the benchmarks, in a real browser. */
describe.skipIf(!hasChromium)("the KPI editor and benchmarks in a real browser", () => {
  const h = useBrowserSession();

  it("creates a KPI from scratch: a bad field is named next to it, then the KPI is on its goal", async () => {
    const { page } = h;
    await signInAs(page, h.server.baseUrl, h.server.it, `/goals/${h.server.ids.goalTop}`);
    await page.getByRole("link", { name: "New KPI from scratch" }).click();
    await page.getByRole("heading", { name: "New KPI" }).waitFor();
    // The goal it was opened from is already chosen.
    await page
      .getByLabel("Which business goal")
      .locator("option:checked", { hasText: seed.goalTop })
      .waitFor({ state: "attached" });

    // Checked in the browser with the API's schema: nothing is sent.
    await page.getByRole("button", { name: "Create KPI" }).click();
    const nameError = page.locator('[data-field="name"] .field-error');
    expect(await nameError.textContent()).toBe("must not be empty");
    expect(await page.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Name").fill("Checkout availability");
    await page.getByLabel("Layer").selectOption("operational");
    await page.getByLabel("Where the value comes from").selectOption({ label: "a Tandem metric" });
    await page.getByLabel("Metric").selectOption("availabilityPct");
    // The unit follows the metric...
    expect(await page.getByLabel("Unit", { exact: true }).inputValue()).toBe("percent");
    await page.getByLabel("Service (all when none)").selectOption({ label: seed.shop });
    await page.getByLabel("One-line definition").fill("Share of agreed hours the checkout was up.");
    // ...and a unit that does not match is refused by the server, next to the unit.
    await page.getByLabel("Unit", { exact: true }).selectOption("hours");
    await page.getByRole("button", { name: "Create KPI" }).click();
    const unitError = page.locator('[data-field="unit"] .field-error');
    await unitError.waitFor();
    expect(await unitError.textContent()).toBe("expected percent for availabilityPct");
    expect(await nameError.count()).toBe(0);

    await page.getByLabel("Unit", { exact: true }).selectOption("percent");
    await page.getByLabel("Frequency").selectOption("monthly");
    await page.getByLabel("Compare with benchmarks of").selectOption({ label: AVAILABILITY });
    await page.getByRole("button", { name: "Create KPI" }).click();
    await page.getByRole("heading", { level: 1, name: "Checkout availability" }).waitFor();
    expect(await page.locator("p.notice").textContent()).toBe("Created the KPI.");
    expect(await page.locator(".description").textContent()).toBe(
      "Share of agreed hours the checkout was up.",
    );
    const facts = await page.locator("dl.facts").textContent();
    expect(facts).toContain("Tandem metric availabilityPct");
    expect(facts).toContain(seed.shop);

    await page.getByRole("link", { name: "goal", exact: true }).click();
    await page.getByTestId("goal-kpis").locator("tr", { hasText: "Checkout availability" }).waitFor();
  });

  it("shows the benchmark figures of a KPI's library KPI with source and year, beside its value", async () => {
    const { page, server } = h;
    const kpi = await makeKpi(server.repos, {
      goalId: server.ids.goalTop,
      name: "Ticket happiness",
      layer: "experience",
      unit: "score",
      frequency: "monthly",
      templateKey: "happiness",
    });
    // A value last month and none yet this month: the page says both.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await server.repos.kpiData.recordMeasurement(kpi.id, {
      measuredOn: lastMonth.toISOString().slice(0, 10),
      value: 71,
    });
    const unlinked = await makeKpi(server.repos, { goalId: server.ids.goalTop, name: "Unlinked sales" });
    await signInAs(page, server.baseUrl, server.it, `/kpis/${kpi.id}`);
    const panel = page.getByTestId("kpi-benchmarks");
    const row = panel.locator("tr", { hasText: "Incident happiness" });
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 3)).toEqual(["Incident happiness", "67", "2019"]);
    expect(cells[3]).toMatch(/HappySignals Global IT Experience Benchmark/);
    expect(await panel.locator("tbody tr").count()).toBe(2);
    const lastLabel = lastMonth.toISOString().slice(0, 7);
    const current = panel.getByTestId("kpi-current-value");
    await current.getByText(`${lastLabel}:`).waitFor();
    expect(await current.textContent()).toMatch(
      new RegExp(
        `^This KPI, \\d{4}-\\d{2}: no data \\(no measurements in \\d{4}-\\d{2}\\); ${lastLabel}: 71 \\(no target for this period\\)$`,
      ),
    );

    await page.goto(`${server.baseUrl}/kpis/${unlinked.id}`);
    await page.getByRole("heading", { level: 1, name: "Unlinked sales" }).waitFor();
    expect(await page.getByTestId("kpi-benchmarks").textContent()).toContain("names none");
  });

  it("adds a benchmark set: a figure without a source is refused next to it, then the set is listed and applies", async () => {
    const { page, server } = h;
    const kpi = await makeKpi(server.repos, {
      goalId: server.ids.goalTop,
      name: "Shop availability",
      source: { kind: "metric", metric: "availabilityPct", serviceId: server.ids.shop, businessUnitId: null },
      unit: "percent",
      frequency: "monthly",
      templateKey: "availability",
    });
    await signInAs(page, server.baseUrl, server.it);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Benchmarks" }).click();
    await page.getByRole("heading", { level: 2, name: /Tandem reference figures/ }).waitFor();

    const form = page.getByRole("form", { name: "Add a benchmark set" });
    await form.getByLabel("Set name").fill("Retail peers 2025");
    await form.getByLabel("Figure name").fill("Peer availability");
    await form.getByLabel("Value").fill("99.7");
    await form.getByLabel("Unit", { exact: true }).fill("percent");
    await form.getByLabel("Year").fill("2025");
    await form.getByLabel("Compares with library KPI").selectOption({ label: AVAILABILITY });
    await form.getByRole("button", { name: "Add set" }).click();
    const sourceError = form.locator('[data-field="values.0.source"] .field-error');
    expect(await sourceError.textContent()).toBe("must name its source");

    await form.getByLabel("Source").fill("Retail IT peer survey 2025");
    await form.getByRole("button", { name: "Add set" }).click();
    await form.getByRole("status").waitFor();
    const set = page.getByTestId("benchmark-set").filter({ hasText: "Retail peers 2025" });
    const cells = await set.locator("tbody tr").first().locator("td").allTextContents();
    expect(cells).toEqual([
      "Peer availability",
      "99.7 %",
      "2025",
      "Retail IT peer survey 2025",
      AVAILABILITY,
    ]);

    await page.goto(`${server.baseUrl}/kpis/${kpi.id}`);
    const figure = page.getByTestId("kpi-benchmarks").locator("tr", { hasText: "Peer availability" });
    await figure.waitFor();
    expect(await figure.textContent()).toContain("Retail peers 2025");
  });

  it("edits a KPI, keeping what the form did not change", async () => {
    const { page, server } = h;
    const kpi = await makeKpi(server.repos, {
      goalId: server.ids.goalTop,
      name: "Orders per week",
      weight: 3,
      templateKey: "weekly-online-sales",
    });
    await signInAs(page, server.baseUrl, server.it, `/kpis/${kpi.id}`);
    await page.getByRole("link", { name: "Edit KPI" }).click();
    await page.getByRole("heading", { name: "Edit KPI: Orders per week" }).waitFor();
    expect(await page.getByLabel("Weight in its goal").inputValue()).toBe("3");
    await page.getByLabel("One-line definition").fill("Orders placed online per week.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("p.notice").waitFor();
    expect(await page.locator(".description").textContent()).toBe("Orders placed online per week.");
    const stored = await server.repos.kpis.get(kpi.id);
    expect([stored.weight, stored.templateKey, stored.goalId]).toEqual([
      3,
      "weekly-online-sales",
      server.ids.goalTop,
    ]);

    // Someone else saves while the form is open: the save is refused and what changed is shown.
    await page.getByRole("link", { name: "Edit KPI" }).click();
    await page.getByRole("heading", { name: "Edit KPI: Orders per week" }).waitFor();
    await server.repos.kpis.update(kpi.id, { weight: 5 });
    await page.getByLabel("Amber from (% of target achieved)").fill("70");
    await page.getByRole("button", { name: "Save" }).click();
    const conflict = page.getByTestId("conflict-notice");
    await conflict.locator("tr", { hasText: "Weight in its goal" }).waitFor();
    await conflict.getByRole("button", { name: "Take their version" }).click();
    expect(await page.getByLabel("Weight in its goal").inputValue()).toBe("5");
    expect(await page.getByLabel("Amber from (% of target achieved)").inputValue()).toBe("75");
  });

  it("gives a business stakeholder no way to create KPIs or add benchmark sets", async () => {
    const { page, server } = h;
    await signInAs(page, server.baseUrl, server.stakeholder, `/goals/${server.ids.goalTop}`);
    await page.getByTestId("goal-kpis").waitFor();
    expect(await page.getByRole("link", { name: "New KPI from scratch" }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/benchmarks`);
    await page.getByRole("heading", { level: 2, name: /Tandem reference figures/ }).waitFor();
    expect(await page.getByRole("form", { name: "Add a benchmark set" }).count()).toBe(0);
  });
});
