import { beforeAll, describe, expect, it } from "vitest";
import { makeKpi } from "../support/kpi-factories.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { saveScreenshot, seriousViolations, waitForContent } from "./page-audit.js";
import type { SeededServer } from "./seeded-server.js";

/** Items the audit needs that the seeded server does not have (made before the first page is opened). */
const made = { kpiId: "" };

/** Every main page, by the name its screenshot gets. */
const mainPages = (s: SeededServer): [string, string][] => [
  ["home", "/"],
  ["map", "/map"],
  ["services", "/services"],
  ["service", `/services/${s.ids.shop}`],
  ["goals", "/goals"],
  ["goal", `/goals/${s.ids.goalTop}`],
  ["capabilities", "/capabilities"],
  ["business-units", "/business-units"],
  ["business-unit", `/business-units/${s.ids.unitA}`],
  ["initiatives", "/initiatives"],
  ["account", "/account"],
  ["pain-points", "/pain-points"],
];

const itPages = (s: SeededServer): [string, string][] => [
  ...mainPages(s),
  ["people", "/people"],
  ["it-teams", "/it-teams"],
  ["gaps", "/gaps"],
  ["imports", "/imports"],
  ["users", "/admin/users"],
  ["new-goal", "/goals/new"],
  ["campaigns", "/campaigns"],
  ["perception-gap", "/perception-gap"],
  ["happiness", "/happiness"],
  ["costs", "/costs"],
  ["kpis", "/kpis"],
  ["alignment", "/alignment"],
  ["impact", "/impact"],
  ["unit-performance", `/business-units/${s.ids.unitA}/performance`],
  ["new-kpi", `/kpis/new?goalId=${s.ids.goalTop}`],
  ["kpi", `/kpis/${made.kpiId}`],
  ["edit-kpi", `/kpis/${made.kpiId}/edit`],
  ["benchmarks", "/benchmarks"],
];

/**
 * Violations found on pages that are still being built by their owners, tolerated by rule until they
 * are fixed (any other rule on those pages, and anything on the other pages, still fails the test):
 * /alignment puts links inside a <summary> (nested-interactive); /costs has a link-styled button with
 * a fixed blue that is too dark on the dark theme (color-contrast).
 */
const knownViolations: Record<string, string[]> = {};

describe.skipIf(!hasChromium)("accessibility: axe-core on every main page", () => {
  const h = useBrowserSession();
  beforeAll(async () => {
    // A KPI with benchmark figures (its library KPI has some), so its page shows them.
    const kpi = await makeKpi(h.server.repos, { goalId: h.server.ids.goalTop, templateKey: "happiness" });
    made.kpiId = kpi.id;
  });

  /** Visits each page and collects its serious and critical violations; saves a screenshot of each. */
  const audit = async (pages: [string, string][], prefix: string) => {
    const found: Record<string, unknown[]> = {};
    for (const [name, path] of pages) {
      await h.page.goto(`${h.server.baseUrl}${path}`);
      await waitForContent(h.page);
      await saveScreenshot(h.page, `${prefix}-${name}`);
      const violations = (await seriousViolations(h.page)).filter(
        (v) => !knownViolations[path]?.includes(v.id),
      );
      if (violations.length > 0) found[path] = violations;
    }
    return found;
  };

  it("the sign-in page has no serious or critical violations", async () => {
    await h.page.goto(`${h.server.baseUrl}/sign-in`);
    await h.page.getByRole("heading", { level: 1 }).waitFor();
    await saveScreenshot(h.page, "sign-in");
    expect(await seriousViolations(h.page)).toEqual([]);
  });

  it("every page an administrator opens, in the light theme", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin);
    await h.page.emulateMedia({ colorScheme: "light" });
    expect(await audit(itPages(h.server), "admin")).toEqual({});
  });

  it("every page in the dark theme (colour contrast included)", async () => {
    await h.page.emulateMedia({ colorScheme: "dark" });
    await signInAs(h.page, h.server.baseUrl, h.server.it);
    // The system's preference applies without a choice; the header's toggle says it would go light.
    await h.page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    expect(await audit(itPages(h.server), "dark")).toEqual({});
  });

  it("every page a business stakeholder opens", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.stakeholder);
    expect(await audit(mainPages(h.server), "stakeholder")).toEqual({});
  });

  it("a failing check is reported: a control without a label is a critical violation", async () => {
    // The check itself must be able to fail: an unlabelled input on the page is caught.
    await signInAs(h.page, h.server.baseUrl, h.server.it, "/services");
    await waitForContent(h.page);
    await h.page.evaluate(() => {
      const input = document.createElement("input");
      input.type = "text";
      document.querySelector("main")?.append(input);
    });
    const violations = await seriousViolations(h.page);
    expect(violations.map((v) => v.id)).toContain("label");
  });
});
