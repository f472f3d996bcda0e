import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import type { Account } from "./seeded-server.js";

export const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `[e2e] SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium); browser tests did not run`,
  );
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

/** Signs in through the sign-in form and waits for the app's header. */
export const signInAs = async (page: Page, baseUrl: string, account: Account, path = "/") => {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".app-header .user-name", { hasText: account.name }).waitFor();
};

/** Collects uncaught page errors and CSP violations so a test can assert there were none. */
export const watchPageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      errors.push(message.text());
    }
  });
  return errors;
};
