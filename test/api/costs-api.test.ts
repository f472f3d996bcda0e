import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COST_LEDGER_CSV, COST_PERIOD, type CostWorld, makeCostWorld } from "../support/cost-factories.js";
import { multipartBody } from "../support/multipart.js";
import { openTestApp, type TestApp } from "../support/test-app.js";

/** The cost routes end to end: upload, allocate, bills in JSON, CSV and PDF, scoping, bad input. */
describe("costs API", () => {
  let t: TestApp;
  let world: CostWorld;
  let stakeholder: string;

  const upload = async (csv: string, fields: Record<string, string> = {}, token?: string) => {
    const body = await multipartBody(fields, { file: { name: "gl-october.csv", content: csv } });
    return t.inject({
      method: "POST",
      url: "/api/v1/costs/ledger",
      payload: body.payload,
      headers: body.headers,
      ...(token ? { token } : {}),
    });
  };

  beforeAll(async () => {
    t = await openTestApp("pglite", "2026-11-20T10:00:00Z");
    world = await makeCostWorld(t.repos, t.store.db);
    stakeholder = await t.tokenFor("business_stakeholder", { unitIds: [world.sales] });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it("imports the ledger by upload and allocates the month", async () => {
    const imported = await upload(COST_LEDGER_CSV, { rates: "USD=0.9" });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ status: "imported", lines: 5, totalCents: 212_334 });
    const allocated = await t.inject({
      method: "POST",
      url: "/api/v1/costs/allocations",
      payload: { period: COST_PERIOD },
    });
    expect(allocated.statusCode, allocated.body).toBe(200);
    expect(allocated.json()).toMatchObject({
      ledgerTotalCents: 212_334,
      allocatedToUnitsCents: 202_334,
      unallocatedCents: 10_000,
    });
  });

  it("answers a rejected upload with every line and field, and a bad rate with 422", async () => {
    const rejected = await upload("account,cost_centre,amount,period\n6000,CC-IT,ten,2026-10\n");
    expect(rejected.json()).toEqual({
      status: "rejected",
      lines: 1,
      totalCents: 0,
      periods: [],
      errors: [{ line: 2, field: "amount", message: '"ten" is not an amount such as 1234.56' }],
    });
    const badRate = await upload(COST_LEDGER_CSV, { rates: "USD=abc" });
    expect(badRate.statusCode).toBe(422);
    expect(badRate.json().issues).toEqual([
      { path: "rates", message: '"USD=abc" is not a rate such as USD=0.92' },
    ]);
    const noFile = await t.inject({ method: "POST", url: "/api/v1/costs/ledger", payload: {} });
    expect(noFile.statusCode).toBe(415);
  });

  it("gives the stakeholder their unit's bill as JSON, CSV and PDF, and 404 for another unit", async () => {
    const bill = await t.inject({
      method: "GET",
      url: `/api/v1/costs/bills/${world.sales}?period=${COST_PERIOD}`,
      token: stakeholder,
    });
    expect(bill.statusCode, bill.body).toBe(200);
    expect(bill.json()).toMatchObject({
      businessUnitName: "Sales",
      totalCents: 149_251,
      allocated: true,
      currency: "EUR",
    });
    const csv = await t.inject({
      method: "GET",
      url: `/api/v1/costs/bills/${world.sales}/bill.csv?period=${COST_PERIOD}`,
      token: stakeholder,
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "period,business_unit,item,kind,cost_eur,previous_eur,change_pct,basis,driver_value,driver_total,tickets,availability_pct,sla_attainment_pct",
    );
    // Availability 100 % from the scorecard (no outage recorded); SLA attainment empty (no SLA targets).
    expect(lines[1]).toBe("2026-10,Sales,CRM,service,930.51,,,consumption share,100,100,3,100,");
    expect(lines.at(-1)).toBe("2026-10,Sales,Total,total,1492.51,,,,,,3,,");
    const pdf = await t.inject({
      method: "GET",
      url: `/api/v1/costs/bills/${world.sales}/bill.pdf?period=${COST_PERIOD}`,
      token: stakeholder,
    });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    for (const path of ["", "/bill.csv", "/bill.pdf", "/explanation"]) {
      const other = await t.inject({
        method: "GET",
        url: `/api/v1/costs/bills/${world.hr}${path}?period=${COST_PERIOD}`,
        token: stakeholder,
      });
      expect(other.statusCode, path).toBe(404);
      expect(other.body).not.toContain("530.83");
    }
    const flows = await t.inject({
      method: "GET",
      url: `/api/v1/costs/flows?period=${COST_PERIOD}`,
      token: stakeholder,
    });
    expect(flows.statusCode).toBe(403);
  });

  it("draws the flow diagram with an unallocated node, adding up to the ledger", async () => {
    const res = await t.inject({ method: "GET", url: "/api/v1/costs/flows" });
    const diagram = res.json() as {
      flows: { from: string; to: string; cents: number }[];
      ledgerTotalCents: number;
    };
    const intoUnitsOrUnallocated = diagram.flows
      .filter((f) => f.to.startsWith("unit:") || f.to === "unallocated")
      .reduce((s, f) => s + f.cents, 0);
    expect(intoUnitsOrUnallocated).toBe(diagram.ledgerTotalCents);
    expect(diagram.ledgerTotalCents).toBe(212_334);
  });

  it("refuses a model over 100 % with the rule named, and a model with a bad node with the field named", async () => {
    const bad = await t.inject({
      method: "PUT",
      url: "/api/v1/costs/model?period=2026-12",
      payload: {
        rules: [{ id: "x", source: "pool:hardware", method: "direct", targets: [{ node: "server:1" }] }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].path).toBe("rules.0.targets.0.node");
    const copied = await t.inject({
      method: "POST",
      url: "/api/v1/costs/model/copy",
      payload: { from: COST_PERIOD, to: "2026-12" },
    });
    expect(copied.statusCode, copied.body).toBe(200);
    const model = copied.json().model;
    model.rules = model.rules.map((r: { id: string }) =>
      r.id === "labor"
        ? {
            ...r,
            targets: [
              { node: "tower:application", percent: 70 },
              { node: "tower:end-user", percent: 40 },
            ],
          }
        : r,
    );
    await t.inject({ method: "PUT", url: "/api/v1/costs/model?period=2026-12", payload: model });
    const refused = await t.inject({
      method: "POST",
      url: "/api/v1/costs/allocations",
      payload: { period: "2026-12" },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().issues).toEqual([
      { path: "rules.0.targets", message: "rule labor: the percentages add up to 110 %, over 100 %" },
    ]);
  });
});
