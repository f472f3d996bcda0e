import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Where screenshots of every main page go (ignored by git; CI keeps them as artifacts). */
export const screenshotDir = fileURLToPath(new URL("./screenshots/", import.meta.url));

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the app's content
 * security policy does not have to allow it) and returns the serious and critical violations.
 */
export const seriousViolations = async (page: Page): Promise<AxeViolation[]> => {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")),
      }));
  });
};

/** Waits until the page has drawn its content: its heading is there and nothing says "Loading". */
export const waitForContent = async (page: Page) => {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForFunction(() => !/Loading/.test(document.querySelector("main")?.textContent ?? "Loading"));
};

/** A full-page screenshot named after what it shows, e.g. "it-cockpit.png". */
export const saveScreenshot = async (page: Page, name: string) => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
};

/** The page as printed (print stylesheet), as a PDF next to the screenshots. */
export const savePrintout = async (page: Page, name: string) => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.pdf({ path: `${screenshotDir}${name}.pdf` });
};
