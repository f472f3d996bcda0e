import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeCapability, makeGoal, makeService } from "../support/factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

const unknownId = "00000000-0000-4000-8000-000000000000";

/** Sales consumes CRM, which supports Lead management (0.5), which serves Grow revenue (100). HR has Payroll. */
describe.each(testBackends())("graph API on %s", (backend) => {
  let t: TestApp;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp(backend);
    const r = t.repos;
    const sales = await makeBusinessUnit(r, { name: "Sales" });
    const hr = await makeBusinessUnit(r, { name: "HR" });
    const crm = await makeService(r, { name: "CRM" });
    const payroll = await makeService(r, { name: "Payroll" });
    const leads = await makeCapability(r, {
      name: "Lead management",
      ownerBusinessUnitId: sales.id,
      downtimeCostPerHourCents: 30_000,
      users: 40,
    });
    const grow = await makeGoal(r, { name: "Grow revenue", ownerBusinessUnitId: sales.id });
    await r.links.put("unit-service", { businessUnitId: sales.id, serviceId: crm.id, share: 100 });
    await r.links.put("unit-service", { businessUnitId: hr.id, serviceId: payroll.id, share: 100 });
    await r.links.put("service-capability", { serviceId: crm.id, capabilityId: leads.id, strength: 0.5 });
    await r.links.put("capability-goal", { capabilityId: leads.id, goalId: grow.id, weight: 100 });
    Object.assign(id, { sales: sales.id, hr: hr.id, crm: crm.id, payroll: payroll.id, grow: grow.id });
  });
  afterAll(async () => t.close());

  it("answers trace-up, trace-down and outage impact", async () => {
    const up = await t.inject({ method: "GET", url: `/api/v1/graph/services/${id.crm}/trace-up` });
    expect(up.statusCode).toBe(200);
    // 0.5 × 100 / 100 = 0.5
    expect(up.json().goals).toEqual([
      {
        id: id.grow,
        name: "Grow revenue",
        level: "strategic",
        parentId: null,
        pathWeight: 0.5,
        via: ["Lead management"],
      },
    ]);
    const down = await t.inject({ method: "GET", url: `/api/v1/graph/goals/${id.grow}/trace-down` });
    expect(down.statusCode).toBe(200);
    expect(down.json().services).toEqual([
      { id: id.crm, name: "CRM", pathWeight: 0.5, via: ["Lead management"], direct: true },
    ]);
    const outage = await t.inject({ method: "GET", url: `/api/v1/graph/services/${id.crm}/outage-impact` });
    expect(outage.statusCode).toBe(200);
    // 30 000 × 0.5 = 15 000 cents an hour.
    expect(outage.json()).toMatchObject({ costPerHourCents: 15_000, usersAtLeast: 40, usersAtMost: 40 });
  });

  it("answers the map and the gap report", async () => {
    const map = await t.inject({ method: "GET", url: "/api/v1/graph/map" });
    expect(map.statusCode).toBe(200);
    expect(map.json().edges).toContainEqual({
      from: id.crm,
      to: expect.any(String),
      kind: "supports",
      value: 0.5,
    });
    const gaps = await t.inject({ method: "GET", url: "/api/v1/graph/gaps" });
    expect(gaps.statusCode).toBe(200);
    expect(gaps.json().servicesServingNoGoal).toEqual([{ id: id.payroll, name: "Payroll" }]);
  });

  it("answers 404 problem for an unknown id and a validation problem for a malformed one", async () => {
    for (const url of [
      `/api/v1/graph/services/${unknownId}/trace-up`,
      `/api/v1/graph/services/${unknownId}/outage-impact`,
      `/api/v1/graph/goals/${unknownId}/trace-down`,
    ]) {
      const res = await t.inject({ method: "GET", url });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code).toBe("not_found");
    }
    // Malformed ids are refused like everywhere else in the API (422 validation, see the catalogue routes).
    const bad = await t.inject({ method: "GET", url: "/api/v1/graph/services/not-a-uuid/trace-up" });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json()).toMatchObject({ code: "validation", issues: [{ path: "params.id" }] });
  });

  it("gives a stakeholder their own services, 404 for other units' and 403 for the gap report", async () => {
    const token = await t.tokenFor("business_stakeholder", { unitIds: [id.sales as string] });
    const own = await t.inject({ method: "GET", url: `/api/v1/graph/services/${id.crm}/trace-up`, token });
    expect(own.statusCode).toBe(200);
    const other = await t.inject({
      method: "GET",
      url: `/api/v1/graph/services/${id.payroll}/outage-impact`,
      token,
    });
    expect(other.statusCode).toBe(404);
    const gaps = await t.inject({ method: "GET", url: "/api/v1/graph/gaps", token });
    expect(gaps.statusCode).toBe(403);
    expect(gaps.json().code).toBe("forbidden");
    const map = await t.inject({ method: "GET", url: "/api/v1/graph/map", token });
    expect(
      map
        .json()
        .nodes.map((n: { name: string }) => n.name)
        .sort(),
    ).toEqual(["CRM", "Grow revenue", "Lead management", "Sales"]);
  });

  it("documents the graph routes in OpenAPI under the Graph tag", async () => {
    const doc = (await t.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const path of [
      "/api/v1/graph/map",
      "/api/v1/graph/gaps",
      "/api/v1/graph/services/{id}/trace-up",
      "/api/v1/graph/services/{id}/outage-impact",
      "/api/v1/graph/goals/{id}/trace-down",
    ]) {
      expect(doc.paths[path]?.get?.tags).toEqual(["Graph"]);
      expect(doc.paths[path]?.get?.responses?.["200"]).toBeDefined();
    }
  });
});
