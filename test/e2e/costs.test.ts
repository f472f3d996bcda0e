import { beforeAll, describe, expect, it } from "vitest";
import { costModelInput } from "../../src/domain/schemas/cost-model.js";
import { allocatePeriodCosts } from "../../src/use-cases/allocate-period-costs.js";
import { importLedgerFile } from "../../src/use-cases/import-ledger-file.js";
import { writeTempCsv } from "../support/cost-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { saveScreenshot, seriousViolations, waitForContent } from "./page-audit.js";
import { seed } from "./seeded-server.js";

/**
 * The costs page in a real browser: IT sees the flow diagram and any unit's bill; a stakeholder of
 * Retail Banking sees that unit's bill only, and the path of its money back to the ledger.
 */
describe.skipIf(!hasChromium)("costs in a real browser", () => {
  const h = useBrowserSession();

  beforeAll(async () => {
    const { repos, ids } = h.server;
    await repos.costs.putModel(
      "2026-10",
      costModelInput.parse({
        accounts: [{ account: "4", pool: "software" }],
        rules: [
          {
            id: "licences",
            source: "pool:software",
            method: "percent",
            targets: [
              { node: `service:${ids.shop}`, percent: 70 },
              { node: `service:${ids.ledger}`, percent: 30 },
            ],
          },
        ],
      }),
    );
    const csv =
      "account,cost_centre,vendor,amount,period\n4400,IT,Shopware,1000.00,2026-10\n4410,IT,SAP,500.00,2026-10\n";
    await importLedgerFile({
      repositories: repos,
      file: await writeTempCsv("e2e.csv", csv),
      source: "e2e.csv",
    });
    await allocatePeriodCosts({ repositories: repos, period: "2026-10" });
  });

  it("shows IT the flow of money and a unit's bill", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/costs");
    await h.page.getByTestId("cost-flow-chart").locator("canvas").first().waitFor();
    await h.page.getByRole("heading", { name: "Bill of IT" }).waitFor();
    await h.page.getByLabel("Bill of").selectOption({ label: seed.unitB });
    // Ledger Engine: 30 % of 1,500.00 = 450.00, all to Corporate Finance.
    await h.page.locator("table.cost-table tbody tr", { hasText: seed.ledger }).waitFor();
    expect(
      await h.page.locator("table.cost-table tbody tr", { hasText: seed.ledger }).textContent(),
    ).toContain("450.00");
  });

  it("shows a stakeholder only their unit's bill and explains it back to the ledger", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder, "/costs");
    await h.page.locator("table.cost-table tbody tr", { hasText: seed.shop }).waitFor();
    expect(await h.page.getByTestId("cost-flow-chart").count()).toBe(0);
    const options = await h.page.getByLabel("Bill of").locator("option").allTextContents();
    expect(options).toEqual([seed.unitA]);
    await h.page.getByRole("button", { name: `Explain ${seed.shop}` }).click();
    const explanation = h.page.getByRole("region", { name: "Explanation" });
    // 70 % of 1,500.00 = 1,050.00: 700.00 from the Shopware line and 350.00 from the SAP line.
    await explanation.getByText("account 4400, cost centre IT, Shopware").waitFor();
    expect(await explanation.textContent()).toContain("1,050.00");
    expect(await explanation.textContent()).toContain("700.00");
    expect(await h.page.getByText(seed.ledger).count()).toBe(0);
  });

  it.each(["it", "stakeholder"] as const)("has no serious accessibility violations as %s", async (who) => {
    await signInAs(h.page, h.server.baseUrl, h.server[who], "/costs");
    await h.page.locator("table.cost-table tbody tr").first().waitFor();
    await waitForContent(h.page);
    await saveScreenshot(h.page, `costs-${who}`);
    expect(await seriousViolations(h.page)).toEqual([]);
  });
});
