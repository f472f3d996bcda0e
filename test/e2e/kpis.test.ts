import { beforeAll, describe, expect, it } from "vitest";
import { defaultKpiSources } from "../../src/use-cases/kpi-source-registry.js";
import { recomputeKpis } from "../../src/use-cases/recompute-kpis.js";
import { makeKpi } from "../support/kpi-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

/** Quarters as the browser sees them (the pages default to the current quarter). */
const quarterOf = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
const now = new Date();
const thisQuarter = quarterOf(now);
const lastQuarter = quarterOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 15)));
const dayIn = (quarter: string) => {
  const [y, q] = quarter.split("-Q").map(Number) as [number, number];
  return new Date(Date.UTC(y, (q - 1) * 3, 5)).toISOString().slice(0, 10);
};

/** A goal's KPIs, the KPI library, the alignment score's tree and why it moved, and CSV errors, in a browser. */
describe.skipIf(!hasChromium)("KPIs in a real browser", () => {
  const h = useBrowserSession();

  beforeAll(async () => {
    const { repos, ids } = h.server;
    const kpi = await makeKpi(repos, {
      goalId: ids.goalTop,
      name: "Mobile sales",
      frequency: "quarterly",
      unit: "count",
    });
    await repos.kpiData.setTarget(kpi.id, {
      periodStart: `${now.getUTCFullYear() - 1}-01-01`,
      periodEnd: `${now.getUTCFullYear()}-12-31`,
      baseline: 100,
      target: 200,
      steps: [],
    });
    await repos.kpiData.recordMeasurement(kpi.id, { measuredOn: dayIn(lastQuarter), value: 200 });
    await repos.kpiData.recordMeasurement(kpi.id, { measuredOn: dayIn(thisQuarter), value: 150 });
    for (const period of [lastQuarter, thisQuarter]) {
      await recomputeKpis({
        repositories: repos,
        sources: defaultKpiSources(repos),
        period,
        now: new Date().toISOString(),
      });
    }
  });

  it("shows a goal's KPIs with target and status, and adds one from the library in one step", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, `/goals/${h.server.ids.goalTop}`);
    const panel = h.page.getByTestId("goal-kpis");
    const row = panel.locator("tr", { hasText: "Mobile sales" });
    await row.waitFor();
    // 150 against baseline 100, target 200: 50 % achieved, red.
    expect(await row.textContent()).toContain("50 %");
    expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("red");
    await panel.getByLabel("Add from the KPI library").selectOption({ label: "Weekly online sales" });
    await panel.getByRole("button", { name: "Add KPI" }).click();
    await panel.locator("tr", { hasText: `Weekly online sales (${seed.goalTop})` }).waitFor();
  });

  it("explains the alignment score as a tree and says why it moved", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/alignment");
    await h.page.getByTestId("alignment-score").waitFor();
    await h.page.getByTestId("alignment-tree").getByRole("link", { name: "Mobile sales" }).waitFor();
    const why = await h.page.getByTestId("why-moved").textContent();
    expect(why).toMatch(/Mobile sales fell to 150, short of its 200 target/);
  });

  it("refuses a measurement file with a duplicate, naming line, column and KPI", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/kpis");
    await h.page
      .getByLabel("or paste it")
      .fill(
        `kpi,date,value\nMobile sales,${dayIn(thisQuarter)},1\nMobile sales,${dayIn(thisQuarter).slice(0, 8)}20,2\n`,
      );
    await h.page.getByRole("button", { name: "Import" }).click();
    const issues = await h.page.getByTestId("issues").textContent();
    expect(issues).toMatch(
      /line 3, column date: KPI "Mobile sales" \(quarterly\): date .* is a duplicate of line 2/,
    );
  });
});
