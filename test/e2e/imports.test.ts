import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

/**
 * A two-incident ServiceNow export: departments name the seeded units (so both match a unit), the
 * CIs match no service (the seed has no aliases), so both are listed as unmatched.
 */
const EXPORT = [
  "sys_id,number,short_description,state,priority,opened_at,resolved_at,cmdb_ci,u_department",
  `e1,INC9001,Checkout slow,1 - New,2 - High,2024-05-01 09:00:00,,Shop Frontend,${seed.unitA}`,
  `e2,INC9002,Ledger stuck,6 - Resolved,3 - Moderate,2024-05-02 09:00:00,2024-05-02 11:00:00,Ledger Box,${seed.unitB}`,
  "",
].join("\n");

describe.skipIf(!hasChromium)("ticket imports in a real browser", () => {
  const h = useBrowserSession();
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "tandem-e2e-"));
    file = join(folder, "incidents.csv");
    await writeFile(file, EXPORT);
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it("an administrator previews, imports, reads the report and maps an unmatched CI", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/");
    await h.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
    await h.page.getByRole("heading", { level: 1, name: "Ticket imports" }).waitFor();
    await h.page.getByText("No imports yet.").waitFor();

    const form = h.page.getByRole("form", { name: "Upload tickets" });
    await form.getByLabel("Export file").setInputFiles(file);
    await form.getByLabel("Format", { exact: true }).selectOption("servicenow");
    await form.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => h.page.getByTestId("preview-summary").textContent())
      .toBe("First 2 row(s): 2 readable, 0 rejected.");
    const preview = h.page.getByRole("region", { name: "Preview" });
    expect(await preview.locator("tbody tr").count()).toBe(2);
    expect(await preview.locator("tbody tr").first().textContent()).toContain("INC9001");
    // The preview wrote nothing.
    expect(await h.page.getByText("No imports yet.").count()).toBe(1);

    await form.getByRole("button", { name: "Import" }).click();
    await expect.poll(() => h.page.getByTestId("import-status").textContent()).toBe("Import finished");
    const count = (name: string) => h.page.getByTestId(`count-${name}`).textContent();
    expect(await count("read")).toBe("2");
    expect(await count("inserted")).toBe("2");
    expect(await count("updated")).toBe("0");
    expect(await count("unchanged")).toBe("0");
    expect(await count("rejected")).toBe("0");
    await expect.poll(() => h.page.getByTestId("import-run").count()).toBe(1);

    const row = h.page.getByTestId("unmatched-row").filter({ hasText: "Shop Frontend" });
    await row.waitFor();
    expect(await row.locator("td").nth(2).textContent()).toBe("1");
    await row.getByLabel("service for Shop Frontend").selectOption({ label: seed.shop });
    await row.getByRole("button", { name: "Map" }).click();
    await expect
      .poll(() => row.getByRole("status").textContent())
      .toBe(`Mapped to ${seed.shop}: 1 ticket(s) re-matched`);
  });

  it("shows rows read and written while a larger upload runs", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `big${i},INCB${i},Bulk ${i},1 - New,4 - Low,2024-06-01 09:00:00,,Bulk CI,${seed.unitA}`,
    );
    const big = join(folder, "bulk.csv");
    await writeFile(big, `${EXPORT.split("\n")[0]}\n${rows.join("\n")}\n`);
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/imports");
    const form = h.page.getByRole("form", { name: "Upload tickets" });
    await form.getByLabel("Export file").setInputFiles(big);
    await form.getByLabel("Format", { exact: true }).selectOption("servicenow");
    // The page's part is shown deterministically: the upload is held for a few seconds and the
    // progress it polls is the server's answer shape (the endpoint itself is tested in the API
    // tests). On an idle machine the real import finishes before a first poll could see it.
    await h.page.route("**/api/v1/imports/progress/*", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ phase: "importing", read: 12_000, written: 11_000 }),
      }),
    );
    await h.page.route("**/api/v1/imports?*", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    await form.getByRole("button", { name: "Import" }).click();
    // Seen while the request runs: a count of rows read (every thousand rows), then the report.
    await expect
      .poll(() => h.page.getByTestId("import-progress").textContent(), { timeout: 60_000 })
      .toMatch(/[1-9][\d,]* rows read, [\d,]+ written/);
    await expect
      .poll(() => h.page.getByTestId("import-status").textContent(), { timeout: 120_000 })
      .toBe("Import finished");
    expect(await h.page.getByTestId("count-inserted").textContent()).toBe("20000");
  }, 180_000);

  it("a business stakeholder has no Imports link and is refused the page", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, "/services");
    const nav = h.page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Services" }).waitFor();
    expect(await nav.getByRole("link", { name: "Imports" }).count()).toBe(0);
    await h.page.goto(`${h.server.baseUrl}/imports`);
    await h.page.getByRole("heading", { name: "Not allowed" }).waitFor();
  });
});
