import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeCapability, makeGoal, makePerson, makeService } from "../support/factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";
import { testBackends } from "../support/test-store.js";

let t: TestApp;

const unknownId = "00000000-0000-4000-8000-000000000000";

/** For every write route: a body that breaks several rules, and the paths the 422 must name. */
const invalidBodies: { path: string; body: unknown; expectPaths: string[] }[] = [
  {
    path: "business-units",
    body: { name: "", headcount: -1, parentId: "x" },
    expectPaths: ["name", "headcount", "parentId"],
  },
  {
    path: "people",
    body: { name: "A", email: "not-an-email", roles: [""] },
    expectPaths: ["email", "roles.0"],
  },
  { path: "it-teams", body: { name: 3, assignmentGroups: "L1" }, expectPaths: ["name", "assignmentGroups"] },
  {
    path: "goals",
    body: { name: "G", level: "vision", priorityWeight: -2, periodStart: "2026-13-01" },
    expectPaths: ["level", "priorityWeight", "periodStart"],
  },
  {
    path: "capabilities",
    body: { name: "C", downtimeCostPerHourCents: 12.5, users: -3, criticality: "huge" },
    expectPaths: ["downtimeCostPerHourCents", "users", "criticality"],
  },
  {
    path: "services",
    body: {
      name: "S",
      criticalityTier: 0,
      availabilityTarget: 120,
      serviceHours: { timeZone: "Mars/Olympus", windows: [{ day: "mon", start: "18:00", end: "08:00" }] },
      slaTargets: [
        { priority: 1, responseSeconds: 600, resolutionSeconds: 3600 },
        { priority: 1, responseSeconds: 600, resolutionSeconds: 3600 },
      ],
      aliases: [{ kind: "cmdb", value: "x" }],
    },
    expectPaths: [
      "criticalityTier",
      "availabilityTarget",
      "serviceHours.timeZone",
      "serviceHours.windows.0.end",
      "slaTargets.1",
      "aliases.0.kind",
    ],
  },
  {
    path: "initiatives",
    body: { name: "I", budgetCents: -1, startDate: "2026-05-01", endDate: "2026-01-01" },
    expectPaths: ["budgetCents"],
  },
];

describe.each(testBackends())("catalogue API on %s", (backend) => {
  beforeAll(async () => {
    t = await openTestApp(backend);
  });
  afterAll(async () => t.close());

  describe("bad input on every write route", () => {
    it.each(invalidBodies)(
      "POST /api/v1/$path names every invalid field",
      async ({ path, body, expectPaths }) => {
        const res = await t.inject({ method: "POST", url: `/api/v1/${path}`, payload: body as object });
        expect(res.statusCode).toBe(422);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem.code).toBe("validation");
        const named = problem.issues.map((i: { path: string }) => i.path);
        for (const p of expectPaths) expect(named).toContain(p);
      },
    );

    it.each(invalidBodies)(
      "PATCH /api/v1/$path/:id refuses the same fields and changes nothing",
      async ({ path, body, expectPaths }) => {
        const created = await t.inject({ method: "POST", url: `/api/v1/${path}`, payload: validBody(path) });
        expect(created.statusCode).toBe(201);
        const before = created.json();
        const res = await t.inject({
          method: "PATCH",
          url: `/api/v1/${path}/${before.id}`,
          payload: body as object,
        });
        expect(res.statusCode).toBe(422);
        const named = res.json().issues.map((i: { path: string }) => i.path);
        for (const p of expectPaths.filter((p) => p !== "name")) expect(named).toContain(p);
        const after = await t.inject({ method: "GET", url: `/api/v1/${path}/${before.id}` });
        expect(after.json()).toEqual(before);
      },
    );

    it("refuses a non-object body, malformed JSON and a wrong content type without a 500", async () => {
      const arr = await t.inject({
        method: "POST",
        url: "/api/v1/services",
        payload: [1, 2] as unknown as object,
      });
      expect(arr.statusCode).toBe(422);
      const bad = await t.inject({
        method: "POST",
        url: "/api/v1/services",
        headers: { "content-type": "application/json" },
        payload: '{"name": ',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers["content-type"]).toMatch(/problem\+json/);
      expect(bad.json().code).toBe("bad_request");
      const text = await t.inject({
        method: "POST",
        url: "/api/v1/services",
        headers: { "content-type": "text/plain" },
        payload: "name=x",
      });
      expect(text.statusCode).toBe(415);
    });

    it("refuses an initiative that ends before it starts, naming endDate", async () => {
      const res = await t.inject({
        method: "POST",
        url: "/api/v1/initiatives",
        payload: { name: "Backwards", startDate: "2026-05-01", endDate: "2026-01-01" },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues).toContainEqual({ path: "endDate", message: "must not be before startDate" });
    });
  });

  let counter = 0;
  const validBody = (path: string): object => {
    counter += 1;
    switch (path) {
      case "people":
        return { name: `P${counter}`, email: `p${counter}@x.test` };
      case "goals":
        return { name: `G${counter}`, level: "strategic" };
      default:
        return { name: `${path} ${counter}` };
    }
  };

  describe("references, duplicates, cycles and removal", () => {
    it("refuses unknown references naming the field", async () => {
      const res = await t.inject({
        method: "POST",
        url: "/api/v1/people",
        payload: { name: "X", email: "x@x.test", businessUnitId: unknownId },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: "unknown_reference",
        issues: [{ path: "businessUnitId", message: `no business unit with id ${unknownId}` }],
      });
    });

    it("refuses duplicate names case-insensitively, naming the existing item", async () => {
      const first = await makeService(t.repos, { name: "Web Shop" });
      const res = await t.inject({ method: "POST", url: "/api/v1/services", payload: { name: "web shop" } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "duplicate", items: [{ id: first.id, name: "Web Shop" }] });
    });

    it("refuses an alias that already names another service", async () => {
      await makeService(t.repos, { name: "ERP", aliases: [{ kind: "ci", value: "SAP-PRD" }] });
      const res = await t.inject({
        method: "POST",
        url: "/api/v1/services",
        payload: { name: "ERP copy", aliases: [{ kind: "ci", value: "sap-prd" }] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().issues).toEqual([{ path: "aliases.0.value", message: 'already used by "ERP"' }]);
      const list = await t.inject({ method: "GET", url: "/api/v1/services?q=ERP%20copy" });
      expect(list.json().items).toEqual([]);
    });

    it("refuses a cycle in the business-unit tree, naming the units", async () => {
      const a = await makeBusinessUnit(t.repos, { name: "Group" });
      const b = await makeBusinessUnit(t.repos, { name: "Division", parentId: a.id });
      const c = await makeBusinessUnit(t.repos, { name: "Team", parentId: b.id });
      const res = await t.inject({
        method: "PATCH",
        url: `/api/v1/business-units/${a.id}`,
        payload: { parentId: c.id },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "cycle", items: ["Group", "Team", "Division", "Group"] });
      const self = await t.inject({
        method: "PATCH",
        url: `/api/v1/business-units/${a.id}`,
        payload: { parentId: a.id },
      });
      expect(self.json().code).toBe("cycle");
    });

    it("keeps the goal cascade: objectives under goals, goals under strategic goals", async () => {
      const strategic = await makeGoal(t.repos, { level: "strategic" });
      const wrong = await t.inject({
        method: "POST",
        url: "/api/v1/goals",
        payload: { name: "Obj", level: "objective", parentId: strategic.id },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().issues[0].path).toBe("parentId");
      const orphan = await t.inject({
        method: "POST",
        url: "/api/v1/goals",
        payload: { name: "Orphan", level: "goal" },
      });
      expect(orphan.statusCode).toBe(422);
      const ok = await t.inject({
        method: "POST",
        url: "/api/v1/goals",
        payload: { name: "Mid", level: "goal", parentId: strategic.id },
      });
      expect(ok.statusCode).toBe(201);
      const demote = await t.inject({
        method: "PATCH",
        url: `/api/v1/goals/${strategic.id}`,
        payload: { level: "objective" },
      });
      expect(demote.statusCode).toBe(422);
    });

    it("refuses a cycle of service dependencies, naming the services", async () => {
      const a = await makeService(t.repos, { name: "Web Front" });
      const b = await makeService(t.repos, { name: "Checkout" });
      const c = await makeService(t.repos, { name: "Payments" });
      for (const [s, d] of [
        [a, b],
        [b, c],
      ] as const) {
        const put = await t.inject({
          method: "PUT",
          url: "/api/v1/links/service-dependency",
          payload: { serviceId: s.id, dependsOnServiceId: d.id },
        });
        expect(put.statusCode).toBe(200);
      }
      const res = await t.inject({
        method: "PUT",
        url: "/api/v1/links/service-dependency",
        payload: { serviceId: c.id, dependsOnServiceId: a.id },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: "cycle",
        items: ["Payments", "Web Front", "Checkout", "Payments"],
      });
    });

    it("refuses to delete what others reference, lists the referrers, and archives instead", async () => {
      const unit = await makeBusinessUnit(t.repos, { name: "Logistics" });
      const svc = await makeService(t.repos, { name: "Warehouse Management" });
      await t.repos.links.put("unit-service", { businessUnitId: unit.id, serviceId: svc.id, share: 100 });
      const del = await t.inject({ method: "DELETE", url: `/api/v1/services/${svc.id}` });
      expect(del.statusCode).toBe(409);
      expect(del.json()).toMatchObject({
        code: "referenced",
        items: [{ kind: "consuming business unit", businessUnitId: unit.id }],
      });
      const archived = await t.inject({ method: "POST", url: `/api/v1/services/${svc.id}/archive` });
      expect(archived.json().archivedAt).not.toBeNull();
      const listed = await t.inject({ method: "GET", url: "/api/v1/services?q=Warehouse" });
      expect(listed.json().items).toEqual([]);
      const withArchived = await t.inject({
        method: "GET",
        url: "/api/v1/services?q=Warehouse&includeArchived=true",
      });
      expect(withArchived.json().items.map((s: { id: string }) => s.id)).toEqual([svc.id]);
      const links = await t.inject({ method: "GET", url: `/api/v1/links/unit-service?serviceId=${svc.id}` });
      expect(links.json().items).toHaveLength(1);
      const restored = await t.inject({ method: "POST", url: `/api/v1/services/${svc.id}/restore` });
      expect(restored.json().archivedAt).toBeNull();
    });

    it("deletes an unreferenced item", async () => {
      const cap = await makeCapability(t.repos);
      const del = await t.inject({ method: "DELETE", url: `/api/v1/capabilities/${cap.id}` });
      expect(del.statusCode).toBe(204);
      const get = await t.inject({ method: "GET", url: `/api/v1/capabilities/${cap.id}` });
      expect(get.statusCode).toBe(404);
      expect(get.json().code).toBe("not_found");
    });
  });

  describe("partial updates", () => {
    it("keeps every field a PATCH leaves out (defaults are not re-applied)", async () => {
      const unit = await makeBusinessUnit(t.repos, {
        name: "Finance",
        headcount: 42,
        code: "FIN",
        description: "Money",
      });
      const res = await t.inject({
        method: "PATCH",
        url: `/api/v1/business-units/${unit.id}`,
        payload: { name: "Finance & Control" },
      });
      expect(res.json()).toMatchObject({
        name: "Finance & Control",
        headcount: 42,
        code: "FIN",
        description: "Money",
        version: 2,
      });
    });

    it("checks cross-field rules on the item after the patch", async () => {
      const created = await t.inject({
        method: "POST",
        url: "/api/v1/initiatives",
        payload: { name: "CRM upgrade", startDate: "2026-03-01" },
      });
      const res = await t.inject({
        method: "PATCH",
        url: `/api/v1/initiatives/${created.json().id}`,
        payload: { endDate: "2026-01-31" },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues).toContainEqual({ path: "endDate", message: "must not be before startDate" });
    });
  });

  describe("ETag and If-Match", () => {
    it("refuses a lost update with 412 and accepts the current ETag", async () => {
      const person = await makePerson(t.repos);
      const read = await t.inject({ method: "GET", url: `/api/v1/people/${person.id}` });
      const etag = read.headers.etag as string;
      expect(etag).toBe('"1"');
      const first = await t.inject({
        method: "PATCH",
        url: `/api/v1/people/${person.id}`,
        headers: { "if-match": etag },
        payload: { name: "Renamed" },
      });
      expect(first.statusCode).toBe(200);
      expect(first.headers.etag).toBe('"2"');
      const stale = await t.inject({
        method: "PATCH",
        url: `/api/v1/people/${person.id}`,
        headers: { "if-match": etag },
        payload: { name: "Lost" },
      });
      expect(stale.statusCode).toBe(412);
      expect(stale.json().code).toBe("precondition_failed");
      const now = await t.inject({ method: "GET", url: `/api/v1/people/${person.id}` });
      expect(now.json().name).toBe("Renamed");
    });
  });

  describe("lists", () => {
    it("pages with a cursor in name order without gaps or repeats, and sorts descending", async () => {
      const names = ["Zeta", "Alpha", "Mu", "Beta", "Omega", "Gamma", "Kappa"].map((n) => `Cap ${n}`);
      for (const name of names) await makeCapability(t.repos, { name });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/capabilities?q=Cap%20&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await t.inject({ method: "GET", url });
        const body: { items: { name: string }[]; nextCursor: string | null } = res.json();
        expect(body.items.length).toBeLessThanOrEqual(3);
        seen.push(...body.items.map((i) => i.name));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...names].sort());
      const desc = await t.inject({ method: "GET", url: "/api/v1/capabilities?q=Cap%20&sort=-name&limit=2" });
      expect(desc.json().items.map((i: { name: string }) => i.name)).toEqual(["Cap Zeta", "Cap Omega"]);
    });

    it("filters by equality and refuses an unknown sort or a forged cursor with 422", async () => {
      const parent = await makeCapability(t.repos, { name: "Order to cash" });
      await makeCapability(t.repos, { name: "Order capture", parentId: parent.id });
      const children = await t.inject({ method: "GET", url: `/api/v1/capabilities?parentId=${parent.id}` });
      expect(children.json().items.map((i: { name: string }) => i.name)).toEqual(["Order capture"]);
      const sort = await t.inject({ method: "GET", url: "/api/v1/capabilities?sort=password" });
      expect(sort.statusCode).toBe(422);
      expect(sort.json().issues[0].path).toBe("sort");
      const cursor = await t.inject({ method: "GET", url: "/api/v1/capabilities?cursor=bm9wZQ" });
      expect(cursor.statusCode).toBe(422);
      expect(cursor.json().issues[0].path).toBe("cursor");
      const limit = await t.inject({ method: "GET", url: "/api/v1/capabilities?limit=100000" });
      expect(limit.statusCode).toBe(422);
    });

    it("returns 422 for a malformed id and 404 problem for an unknown one", async () => {
      const bad = await t.inject({ method: "GET", url: "/api/v1/goals/not-a-uuid" });
      expect(bad.statusCode).toBe(422);
      const missing = await t.inject({ method: "GET", url: `/api/v1/goals/${unknownId}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["content-type"]).toMatch(/problem\+json/);
    });
  });

  describe("service catalogue round trip", () => {
    it("stores and returns service hours, SLA targets and aliases, and replaces them on update", async () => {
      const owner = await makePerson(t.repos);
      const body = {
        name: "Payroll",
        description: "Pays every employee correctly and on time",
        businessOwnerId: owner.id,
        criticalityTier: 2,
        availabilityTarget: 99.5,
        serviceHours: {
          timeZone: "Europe/Berlin",
          windows: [{ day: "mon", start: "07:00", end: "19:00" }],
          holidays: ["2026-12-25"],
        },
        slaTargets: [
          { priority: 2, responseSeconds: 1800, resolutionSeconds: 28800 },
          { priority: 1, responseSeconds: 900, resolutionSeconds: 14400 },
        ],
        aliases: [{ kind: "ci", value: "PAYROLL-PRD" }],
      };
      const created = await t.inject({ method: "POST", url: "/api/v1/services", payload: body });
      expect(created.statusCode).toBe(201);
      const svc = created.json();
      expect(svc.slaTargets).toEqual([body.slaTargets[1], body.slaTargets[0]]);
      expect(svc.serviceHours).toEqual(body.serviceHours);
      const patched = await t.inject({
        method: "PATCH",
        url: `/api/v1/services/${svc.id}`,
        payload: { slaTargets: [{ priority: 3, responseSeconds: 3600, resolutionSeconds: 86400 }] },
      });
      expect(patched.json().slaTargets).toEqual([
        { priority: 3, responseSeconds: 3600, resolutionSeconds: 86400 },
      ]);
      expect(patched.json().aliases).toEqual(body.aliases);
    });
  });

  describe("OpenAPI and health", () => {
    it("publishes an OpenAPI 3.1 document covering the catalogue and links", async () => {
      const res = await t.inject({ method: "GET", url: "/api/openapi.json" });
      const doc = res.json();
      expect(doc.openapi).toBe("3.1.0");
      for (const p of [
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/goals/{id}/archive",
        "/api/v1/links/unit-service",
      ]) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      const docs = await t.inject({ method: "GET", url: "/api/docs/" });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain("swagger");
    });

    it("answers /healthz", async () => {
      const res = await t.inject({ method: "GET", url: "/healthz" });
      expect(res.json()).toEqual({ status: "ok", store: backend });
    });
  });
});
