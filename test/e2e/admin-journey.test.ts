import { describe, expect, it } from "vitest";
import type { AlignmentMap } from "../../src/domain/schemas/graph.js";
import { hasChromium, signInAs } from "./browser.js";
import { useBrowserSession } from "./browser-session.js";
import { seed } from "./seeded-server.js";

describe.skipIf(!hasChromium)("web app in a real browser: an administrator", () => {
  const h = useBrowserSession();

  it("serves the built shell with a module script from /assets and a root element", async () => {
    const res = await fetch(`${h.server.baseUrl}/services`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).toMatch(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
  });

  it("a wrong password shows the server's refusal and stays on the sign-in page", async () => {
    await h.page.goto(`${h.server.baseUrl}/`);
    await h.page.waitForURL(/\/sign-in$/);
    await h.page.getByLabel("E-mail").fill(h.server.admin.email);
    await h.page.getByLabel("Password").fill("not-the-right-password");
    await h.page.getByRole("button", { name: "Sign in" }).click();
    const problem = h.page.locator(".problem");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("e-mail or password is wrong");
    expect(new URL(h.page.url()).pathname).toBe("/sign-in");
    expect(await h.page.locator(".app-header").count()).toBe(0);
  });

  it("after signing in, returns to the page asked for; the header shows name and role; sign-out works", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/business-units");
    expect(new URL(h.page.url()).pathname).toBe("/business-units");
    expect(await h.page.getByTestId("user-role").textContent()).toBe("Administrator");
    const rows = h.page.locator("table.data-table tbody tr");
    await rows.filter({ hasText: seed.unitA }).waitFor();
    expect(await rows.filter({ hasText: seed.unitB }).count()).toBe(1);
    // Admin-only and IT navigation is there.
    const nav = h.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Gaps" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(1);

    await h.page.getByRole("button", { name: "Sign out" }).click();
    await h.page.waitForURL(/\/sign-in$/);
    const me = await h.page.request.get(`${h.server.baseUrl}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
  });

  it("sees the alignment map drawn from the graph, with a legend counting each kind", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/map");
    await h.page.locator('[data-testid="alignment-chart"] canvas').first().waitFor();
    const map = (await (
      await h.page.request.get(`${h.server.baseUrl}/api/v1/graph/map`)
    ).json()) as AlignmentMap;
    const count = (kind: string) => map.nodes.filter((n) => n.kind === kind).length;
    expect(count("unit")).toBe(2);
    expect(count("service")).toBeGreaterThanOrEqual(2);
    const legend = (await h.page.getByTestId("map-legend").textContent()) ?? "";
    expect(legend).toContain(`${count("unit")} business units`);
    expect(legend).toContain(`${count("goal")} goals`);
    expect(legend).toContain(`${count("capability")} capabilities`);
    expect(legend).toContain(`${count("service")} services`);
    expect(legend).toContain(`${map.edges.length} links`);
  });

  it("searches the service catalogue and opens a service", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin);
    await h.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
    const rows = h.page.locator("table.data-table tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    const shopRow = rows.filter({ hasText: seed.shop });
    // Owners' names arrive with a second request (people); wait for them rather than race it.
    await expect.poll(() => shopRow.textContent()).toContain("Paula Owner");
    expect(await shopRow.textContent()).toContain("99.9%");

    await h.page.getByLabel("Search services").fill("shop");
    await expect.poll(() => h.page.getByTestId("list-count").textContent()).toContain("1 service matching");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(seed.shop);

    await h.page.getByRole("link", { name: seed.shop }).click();
    await h.page.waitForURL(new RegExp(`/services/${h.server.ids.shop}$`));
    // The URL changes before React renders the new page; wait for its heading.
    await h.page.getByRole("heading", { level: 1, name: seed.shop }).waitFor();
    expect(await h.page.getByRole("heading", { level: 1 }).count()).toBe(1);
  });

  it("a service shows the goals it serves and what an hour of outage costs", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, `/services/${h.server.ids.shop}`);
    const trace = h.page.getByTestId("trace-up");
    await trace.waitFor();
    const traceText = (await trace.textContent()) ?? "";
    expect(traceText).toContain(seed.goalTop);
    expect(traceText).toContain(seed.goalChild);
    expect(traceText).toContain(seed.unitA);
    expect(traceText).not.toContain(seed.goalB);

    // 1,234,550 cents × strength 1 + 400,000 cents × strength 0.5 = 1,434,550 cents = €14,345.50.
    await h.page.getByTestId("outage-cost").waitFor();
    expect(await h.page.getByTestId("outage-cost").textContent()).toBe("€14,345.50");
    // At least the larger capability's 120 users, at most 120 + 80.
    expect(await h.page.getByTestId("outage-users").textContent()).toBe("120 to 200");
    const impact = (await h.page.getByTestId("outage-impact").textContent()) ?? "";
    expect(impact).toContain(seed.ordering.name);
    expect(impact).toContain(seed.support.name);
    expect(impact).not.toContain(seed.closing.name);
  });

  it("edits a service's description, and a bad availability target shows the field's error", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, `/services/${h.server.ids.shop}`);
    await h.page.getByRole("button", { name: "Edit" }).click();
    const form = h.page.getByRole("form", { name: "Edit service" });
    const description = "Sells to consumers online, every hour of the day.";
    await form.getByLabel("Description").fill(description);
    await form.getByRole("button", { name: "Save" }).click();
    await h.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await h.page.getByTestId("service-description").textContent()).toBe(description);
    const stored = await h.server.repos.services.get(h.server.ids.shop);
    expect(stored.description).toBe(description);
    expect(stored.availabilityTarget).toBe(99.9);

    // A second edit goes out with the new ETag (no 412), and the server's field error is shown by the field.
    await h.page.getByRole("button", { name: "Edit" }).click();
    await form.getByLabel("Availability target (%)").fill("150");
    await form.getByRole("button", { name: "Save" }).click();
    const fieldError = form.locator('[data-field="availabilityTarget"] .field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/100/);
    expect(await form.locator(".problem").textContent()).toContain("invalid");
    expect((await h.server.repos.services.get(h.server.ids.shop)).availabilityTarget).toBe(99.9);

    // Fixing the value saves it.
    await form.getByLabel("Availability target (%)").fill("99.95");
    await form.getByRole("button", { name: "Save" }).click();
    await h.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect((await h.server.repos.services.get(h.server.ids.shop)).availabilityTarget).toBe(99.95);
  });

  it("lists the alignment gaps: a service serving no goal, services without an owner", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/gaps");
    const gap = (title: string) =>
      h.page.locator(".gap", { has: h.page.getByRole("heading", { name: title }) });
    await gap("Services serving no goal").waitFor();
    const servingNoGoal = (await gap("Services serving no goal").locator("ul").textContent()) ?? "";
    expect(servingNoGoal).toContain(seed.analytics);
    expect(servingNoGoal).not.toContain(seed.shop);
    const withoutOwner = (await gap("Services without a business owner").locator("ul").textContent()) ?? "";
    expect(withoutOwner).toContain(seed.ledger);
    expect(withoutOwner).not.toContain(seed.shop);
    expect(await gap("Capabilities without an owner").textContent()).toContain("None.");
  });

  it("shows the goal cascade as an indented tree", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/goals");
    const child = h.page.locator(".goal-tree .goal-tree .goal-row", { hasText: seed.goalChild });
    await child.waitFor();
    // The child goal sits in the list under its strategic parent.
    const parentItem = h.page.locator(".goal-tree > li", {
      has: h.page.locator(".goal-row", { hasText: seed.goalTop }),
    });
    expect(await parentItem.locator(".goal-tree", { hasText: seed.goalChild }).count()).toBe(1);
    expect(await h.page.locator(".goal-tree .goal-tree .goal-row", { hasText: seed.goalB }).count()).toBe(0);
  });

  it("creates an API token, sees it once, and revokes it", async () => {
    await signInAs(h.page, h.server.baseUrl, h.server.admin, "/account");
    await h.page.getByLabel("Token name").fill("reporting script");
    await h.page.getByRole("button", { name: "Create token" }).click();
    const token = (await h.page.getByTestId("new-token").textContent()) ?? "";
    expect(token).toMatch(/^tdm_/);
    const check = await fetch(`${h.server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(check.status).toBe(200);

    h.page.once("dialog", (dialog) => dialog.accept());
    await h.page
      .locator("tr", { hasText: "reporting script" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await h.page.locator("tr", { hasText: "reporting script" }).getByText("revoked").waitFor();
    const after = await fetch(`${h.server.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });
});
