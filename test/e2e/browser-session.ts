import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { launchBrowser, watchPageErrors } from "./browser.js";
import { type SeededServer, startSeededServer } from "./seeded-server.js";

export interface BrowserSession {
  server: SeededServer;
  browser: Browser;
  /** A fresh page in a fresh context (no cookies) for each test. */
  page: Page;
}

/**
 * One seeded server and one browser for a test file, a new browser context per test, and a
 * check after each test that the page threw nothing and broke no content security rule.
 */
export const useBrowserSession = (): BrowserSession => {
  const session = {} as BrowserSession;
  let context: BrowserContext | undefined;
  let pageErrors: string[] = [];
  beforeAll(async () => {
    session.server = await startSeededServer();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  beforeEach(async () => {
    context = await session.browser.newContext();
    session.page = await context.newPage();
    pageErrors = watchPageErrors(session.page);
  });
  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
  });
  return session;
};
