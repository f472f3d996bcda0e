import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";

/**
 * The "my business units" switcher: a stakeholder holding Sales (with its sub-unit Online) and HR
 * narrows answers with the x-tandem-focus-units header; it can never widen them.
 */
describe("focusing a stakeholder on some of their units", () => {
  let t: TestApp;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp();
    const sales = await makeBusinessUnit(t.repos, { name: "Sales" });
    const online = await makeBusinessUnit(t.repos, { name: "Online", parentId: sales.id });
    const hr = await makeBusinessUnit(t.repos, { name: "HR" });
    const finance = await makeBusinessUnit(t.repos, { name: "Finance" });
    Object.assign(ids, { sales: sales.id, online: online.id, hr: hr.id, finance: finance.id });
    for (const [unit, name] of [
      [sales.id, "CRM"],
      [online.id, "Web Shop"],
      [hr.id, "Payroll"],
      [finance.id, "Ledger"],
    ] as const) {
      const service = await makeService(t.repos, { name });
      await t.repos.links.put("unit-service", { businessUnitId: unit, serviceId: service.id, share: 100 });
    }
    token = await t.tokenFor("business_stakeholder", { unitIds: [sales.id, hr.id] });
  });
  afterAll(async () => t.close());

  const serviceNames = async (headers: Record<string, string>, as = token) => {
    const res = await t.inject({ method: "GET", url: "/api/v1/services", token: as, headers });
    return {
      status: res.statusCode,
      names: (res.json().items ?? []).map((s: { name: string }) => s.name).sort(),
    };
  };

  it("without the header, sees every held unit and their sub-units", async () => {
    expect(await serviceNames({})).toEqual({ status: 200, names: ["CRM", "Payroll", "Web Shop"] });
  });

  it("focused on Sales, sees Sales and its sub-unit only", async () => {
    expect(await serviceNames({ "x-tandem-focus-units": ids.sales ?? "" })).toEqual({
      status: 200,
      names: ["CRM", "Web Shop"],
    });
  });

  it("focused on HR, sees HR only", async () => {
    expect(await serviceNames({ "x-tandem-focus-units": ids.hr ?? "" })).toEqual({
      status: 200,
      names: ["Payroll"],
    });
  });

  it("cannot widen the reach to a unit not held", async () => {
    const res = await t.inject({
      method: "GET",
      url: "/api/v1/services",
      token,
      headers: { "x-tandem-focus-units": `${ids.hr},${ids.finance}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.json().detail ?? res.json().title).toContain(ids.finance);
  });

  it("means nothing to roles that see everything", async () => {
    const it = await t.tokenFor("it");
    expect(await serviceNames({ "x-tandem-focus-units": ids.hr ?? "" }, it)).toEqual({
      status: 200,
      names: ["CRM", "Ledger", "Payroll", "Web Shop"],
    });
  });
});
