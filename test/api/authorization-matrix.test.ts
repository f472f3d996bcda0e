import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { hashPassword } from "../../src/domain/credentials.js";
import type { Role } from "../../src/domain/schemas/user.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { arrangeCostMatrix, costMatrixRequest } from "../support/cost-factories.js";
import {
  makeBusinessUnit,
  makeCapability,
  makeGoal,
  makeInitiative,
  makePerson,
  makeService,
} from "../support/factories.js";
import { feedbackMatrixRequest } from "../support/feedback-matrix.js";
import { arrangeKpiMatrix, kpiMatrixRequest, kpiMatrixRows } from "../support/kpi-matrix.js";
import { multipartBody } from "../support/multipart.js";
import { signInSession, type TestSession } from "../support/sessions.js";
import { surveyMatrixRequest } from "../support/survey-matrix.js";
import { openTestStore } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

/**
 * Every route × every role. Routes come from the OpenAPI document, so a route added without an
 * expectation here fails the suite. For each pair the test asserts both sides: allowed requests
 * succeed (2xx), refused ones get 403 (or 401 without a session), and a business stakeholder
 * asking for another unit's item by id gets 404, as if it did not exist.
 */
const roles: Role[] = ["admin", "it", "relationship_manager", "business_stakeholder", "viewer"];
const PASSWORD = "matrix password 123";

type Who = Role | "anonymous";
interface Expectation {
  /** Roles allowed; everyone else is refused. */
  allow: readonly Role[] | "everyone" | "public";
  /** For a stakeholder: the route takes an id, and an id outside their units must answer 404. */
  scopedId?: boolean;
}

const ALL: readonly Role[] = roles;
const IT_WRITE: readonly Role[] = ["admin", "it"];
const BUSINESS_WRITE: readonly Role[] = ["admin", "it", "relationship_manager"];
const NOT_SCOPED: readonly Role[] = ["admin", "it", "relationship_manager", "viewer"];

const entityRoutes = (path: string, write: readonly Role[]): Record<string, Expectation> => ({
  [`GET /api/v1/${path}`]: { allow: ALL },
  [`GET /api/v1/${path}/{id}`]: { allow: ALL, scopedId: true },
  [`POST /api/v1/${path}`]: { allow: write },
  [`PATCH /api/v1/${path}/{id}`]: { allow: write },
  [`POST /api/v1/${path}/{id}/archive`]: { allow: write },
  [`POST /api/v1/${path}/{id}/restore`]: { allow: write },
  [`DELETE /api/v1/${path}/{id}`]: { allow: write },
  [`GET /api/v1/${path}/{id}/referrers`]: { allow: NOT_SCOPED },
});
const linkRoutes = (kind: string, write: readonly Role[]): Record<string, Expectation> => ({
  [`GET /api/v1/links/${kind}`]: { allow: ALL },
  [`PUT /api/v1/links/${kind}`]: { allow: write },
  [`DELETE /api/v1/links/${kind}`]: { allow: write },
});

const expectations: Record<string, Expectation> = {
  "GET /healthz": { allow: "public" },
  "POST /api/v1/auth/sign-in": { allow: "public" },
  "GET /api/v1/auth/providers": { allow: "public" },
  "GET /api/v1/auth/me": { allow: "everyone" },
  "POST /api/v1/auth/sign-out": { allow: "everyone" },
  "POST /api/v1/auth/sign-out-everywhere": { allow: "everyone" },
  "GET /api/v1/users": { allow: ["admin"] },
  "GET /api/v1/users/{id}": { allow: ["admin"] },
  "POST /api/v1/users": { allow: ["admin"] },
  "PATCH /api/v1/users/{id}": { allow: ["admin"] },
  "GET /api/v1/me/tokens": { allow: "everyone" },
  "POST /api/v1/me/tokens": { allow: "everyone" },
  "POST /api/v1/me/tokens/{id}/revoke": { allow: "everyone" },
  "GET /api/v1/audit": { allow: ["admin"] },
  "GET /api/v1/audit.csv": { allow: ["admin"] },
  ...entityRoutes("business-units", IT_WRITE),
  ...entityRoutes("people", IT_WRITE),
  ...entityRoutes("it-teams", IT_WRITE),
  ...entityRoutes("services", IT_WRITE),
  ...entityRoutes("goals", BUSINESS_WRITE),
  ...entityRoutes("capabilities", BUSINESS_WRITE),
  ...entityRoutes("initiatives", BUSINESS_WRITE),
  ...linkRoutes("service-capability", IT_WRITE),
  ...linkRoutes("service-dependency", IT_WRITE),
  ...linkRoutes("capability-goal", BUSINESS_WRITE),
  ...linkRoutes("unit-service", BUSINESS_WRITE),
  ...linkRoutes("initiative-goal", BUSINESS_WRITE),
  "GET /api/v1/graph/map": { allow: ALL },
  "GET /api/v1/graph/gaps": { allow: NOT_SCOPED },
  "GET /api/v1/graph/services/{id}/trace-up": { allow: ALL, scopedId: true },
  "GET /api/v1/graph/services/{id}/outage-impact": { allow: ALL, scopedId: true },
  "GET /api/v1/graph/goals/{id}/trace-down": { allow: ALL, scopedId: true },
  // Importing writes tickets for every unit; the log and the unmatched values span every unit.
  "POST /api/v1/imports": { allow: IT_WRITE },
  "POST /api/v1/imports/preview": { allow: IT_WRITE },
  "GET /api/v1/imports": { allow: NOT_SCOPED },
  "GET /api/v1/imports/{id}": { allow: NOT_SCOPED },
  "GET /api/v1/imports/progress/{progressId}": { allow: IT_WRITE },
  "GET /api/v1/tickets": { allow: ALL },
  "GET /api/v1/tickets/{id}": { allow: ALL, scopedId: true },
  "GET /api/v1/tickets/unmatched": { allow: NOT_SCOPED },
  "POST /api/v1/tickets/unmatched/map": { allow: IT_WRITE },
  // Costs: the model, ledger and whole flow span every unit; bills and explanations are per unit, scoped.
  "GET /api/v1/costs/model": { allow: NOT_SCOPED },
  "PUT /api/v1/costs/model": { allow: IT_WRITE },
  "POST /api/v1/costs/model/copy": { allow: IT_WRITE },
  "POST /api/v1/costs/ledger": { allow: IT_WRITE },
  "POST /api/v1/costs/allocations": { allow: IT_WRITE },
  "GET /api/v1/costs/allocations": { allow: NOT_SCOPED },
  "GET /api/v1/costs/flows": { allow: NOT_SCOPED },
  "GET /api/v1/costs/bills/{id}": { allow: ALL, scopedId: true },
  "GET /api/v1/costs/bills/{id}/bill.csv": { allow: ALL, scopedId: true },
  "GET /api/v1/costs/bills/{id}/bill.pdf": { allow: ALL, scopedId: true },
  "GET /api/v1/costs/bills/{id}/explanation": { allow: ALL, scopedId: true },
  "GET /api/v1/costs/spend-by-goal": { allow: NOT_SCOPED },
  "GET /api/v1/costs/budget": { allow: NOT_SCOPED },
  // Surveys hold no answers; results are scoped to a stakeholder's units; links need no sign-in.
  "GET /api/v1/surveys": { allow: ALL },
  "POST /api/v1/surveys": { allow: BUSINESS_WRITE },
  "GET /api/v1/surveys/{id}": { allow: ALL },
  "GET /api/v1/campaigns": { allow: ALL },
  "POST /api/v1/campaigns": { allow: BUSINESS_WRITE },
  "GET /api/v1/campaigns/{id}": { allow: ALL, scopedId: true },
  "GET /api/v1/campaigns/{id}/results": { allow: ALL, scopedId: true },
  "GET /api/v1/campaigns/{id}/results.csv": { allow: ALL, scopedId: true },
  "POST /api/v1/campaigns/{id}/close": { allow: BUSINESS_WRITE },
  "POST /api/v1/campaigns/{id}/reminders": { allow: BUSINESS_WRITE },
  "GET /api/v1/perception-gap": { allow: ALL },
  "GET /api/v1/survey-links/{token}": { allow: "public" },
  "POST /api/v1/survey-links/{token}": { allow: "public" },
  // Ticket feedback: links and imports write for every unit; reports are scoped; links need no sign-in.
  "GET /api/v1/feedback-links/{token}": { allow: "public" },
  "POST /api/v1/feedback-links/{token}": { allow: "public" },
  "POST /api/v1/feedback/links": { allow: IT_WRITE },
  "POST /api/v1/feedback/import": { allow: IT_WRITE },
  "GET /api/v1/feedback/happiness": { allow: ALL },
  "GET /api/v1/feedback/themes": { allow: ALL },
  "GET /api/v1/feedback/measurements": { allow: ALL },
  // Pain points: the business posts, votes and comments (viewers read only); IT triages.
  "GET /api/v1/pain-points": { allow: ALL },
  "POST /api/v1/pain-points": { allow: ["admin", "it", "relationship_manager", "business_stakeholder"] },
  "GET /api/v1/pain-points/{id}": { allow: ALL, scopedId: true },
  "POST /api/v1/pain-points/{id}/triage": { allow: IT_WRITE },
  "POST /api/v1/pain-points/{id}/vote": {
    allow: ["admin", "it", "relationship_manager", "business_stakeholder"],
    scopedId: true,
  },
  "DELETE /api/v1/pain-points/{id}/vote": {
    allow: ["admin", "it", "relationship_manager", "business_stakeholder"],
    scopedId: true,
  },
  "GET /api/v1/pain-points/{id}/comments": { allow: ALL, scopedId: true },
  "POST /api/v1/pain-points/{id}/comments": {
    allow: ["admin", "it", "relationship_manager", "business_stakeholder"],
    scopedId: true,
  },
  ...kpiMatrixRows(ALL, BUSINESS_WRITE),
  // Service performance: scoped to a stakeholder's units and the services they consume; rebuild rewrites all.
  "GET /api/v1/metrics/scorecard": { allow: ALL },
  "GET /api/v1/metrics/scorecard.csv": { allow: ALL },
  "GET /api/v1/metrics/compare": { allow: ALL },
  "GET /api/v1/metrics/series": { allow: ALL },
  "GET /api/v1/metrics/series.csv": { allow: ALL },
  "GET /api/v1/metrics/impact": { allow: ALL },
  "GET /api/v1/metrics/impact.csv": { allow: ALL },
  "GET /api/v1/metrics/services": { allow: ALL },
  "GET /api/v1/metrics/business-units/{id}/services": { allow: ALL, scopedId: true },
  "GET /api/v1/metrics/business-units/{id}/services.csv": { allow: ALL, scopedId: true },
  "POST /api/v1/metrics/rebuild": { allow: IT_WRITE },
};

/** A one-ticket ServiceNow export for the upload routes. */
const uploadBody = () =>
  multipartBody(
    { format: "servicenow" },
    {
      file: {
        name: "matrix.csv",
        content: "sys_id,number,state,opened_at\nm1,INCM1,1 - New,2024-01-01 10:00:00\n",
      },
    },
  );

let store: Store;
let app: TandemApp;
let sys: Repositories;
const sessions = new Map<Role, TestSession>();
const userIds = new Map<Role, string>();
let counter = 0;
/** Ids of items inside (Sales) and outside (HR) the stakeholder's units. */
const inside: Record<string, string> = {};
const outside: Record<string, string> = {};

const collectionOf = (path: string) => /^\/api\/v1\/([a-z-]+)/.exec(path)?.[1] ?? "";

/** A fresh item of the collection for writes that consume it (delete, archive). */
const freshItem = async (collection: string): Promise<string> => {
  counter += 1;
  const name = `Matrix ${collection} ${counter}`;
  switch (collection) {
    case "business-units":
      return (await makeBusinessUnit(sys, { name })).id;
    case "people":
      return (await makePerson(sys, { name })).id;
    case "it-teams":
      return (await sys.itTeams.create({ name })).id;
    case "services":
      return (await makeService(sys, { name })).id;
    case "goals":
      return (await makeGoal(sys, { name })).id;
    case "capabilities":
      return (await makeCapability(sys, { name })).id;
    case "initiatives":
      return (await makeInitiative(sys, { name })).id;
    default:
      throw new Error(`no fresh item for ${collection}`);
  }
};

const createBody = (collection: string): object => {
  counter += 1;
  switch (collection) {
    case "people":
      return { name: `P ${counter}`, email: `matrix${counter}@x.test` };
    case "goals":
      return { name: `G ${counter}`, level: "strategic" };
    case "users":
      return { email: `newuser${counter}@x.test`, name: "New", role: "viewer" };
    case "me":
      return { name: `token ${counter}` };
    default:
      return { name: `${collection} ${counter}` };
  }
};

const linkBody = async (kind: string): Promise<Record<string, string | number>> => {
  const svc = () => freshItem("services");
  switch (kind) {
    case "service-capability":
      return { serviceId: await svc(), capabilityId: await freshItem("capabilities"), strength: 0.5 };
    case "service-dependency":
      return { serviceId: await svc(), dependsOnServiceId: await svc() };
    case "capability-goal":
      return { capabilityId: await freshItem("capabilities"), goalId: await freshItem("goals"), weight: 100 };
    case "unit-service":
      return { businessUnitId: await freshItem("business-units"), serviceId: await svc(), share: 100 };
    default:
      return { initiativeId: await freshItem("initiatives"), goalId: await freshItem("goals"), weight: 100 };
  }
};

/** Builds the request for one route, arranging whatever it needs first. */
const requestFor = async (method: string, path: string, who: Who, id: "inside" | "outside" = "inside") => {
  const collection = collectionOf(path);
  let url = path;
  let payload: object | undefined;
  let extraHeaders: Record<string, string> = {};
  const survey = await surveyMatrixRequest(
    sys,
    method,
    path,
    (id === "inside" ? inside : outside)["business-units"] ?? "",
  );
  const voice = survey
    ? null
    : await feedbackMatrixRequest(
        sys,
        method,
        path,
        (id === "inside" ? inside : outside)["business-units"] ?? "",
      );
  const kpi = survey ? null : await kpiMatrixRequest(sys, method, path, id);
  if (kpi) {
    url = kpi.url;
    payload = kpi.payload;
  } else if (survey) {
    url = survey.url;
    payload = survey.payload;
  } else if (voice) {
    url = voice.url;
    payload = voice.payload;
  } else if (path.startsWith("/api/v1/metrics/")) {
    const unit = (id === "inside" ? inside : outside)["business-units"] ?? "";
    const query = `from=2024-01-01&to=2024-02-01${path.includes("series") ? "&metric=incidents" : ""}`;
    url = path === "/api/v1/metrics/rebuild" ? path : `${path.replace("{id}", unit)}?${query}`;
  } else if (path.startsWith("/api/v1/costs/") && method !== "GET") {
    const cost = await costMatrixRequest(method, path);
    url = cost.url;
    payload = cost.payload;
    extraHeaders = cost.headers;
  } else if (path === "/api/v1/imports/progress/{progressId}") {
    // The caller's own upload, run first with a progress id (refused for roles that may not import).
    const progressId = randomUUID();
    const body = await uploadBody();
    await app.inject({
      method: "POST",
      url: `/api/v1/imports?progress=${progressId}`,
      headers: { ...(who === "anonymous" ? {} : sessions.get(who)?.headers(true)), ...body.headers },
      payload: body.payload,
    });
    url = path.replace("{progressId}", progressId);
  } else if (method === "POST" && path.startsWith("/api/v1/imports")) {
    const body = await uploadBody();
    payload = body.payload;
    extraHeaders = body.headers;
  } else if (path === "/api/v1/tickets/unmatched/map") {
    payload = { field: "configuration_item", value: "Matrix CI", serviceId: inside.services };
  } else if (path.startsWith("/api/v1/links/")) {
    const kind = path.split("/").at(-1) ?? "";
    const body = await linkBody(kind);
    if (method === "PUT") payload = body;
    if (method === "DELETE") {
      await sys.links.put(kind as "unit-service", body);
      const ends = Object.entries(body).filter(([k]) => k.endsWith("Id"));
      url = `${path}?${new URLSearchParams(ends.map(([k, v]) => [k, String(v)])).toString()}`;
    }
  } else if (path.includes("{id}")) {
    let target: string;
    if (collection === "users") target = userIds.get("viewer") ?? "";
    else if (collection === "me") {
      const owner = who === "anonymous" ? "admin" : who;
      const s = sessions.get(owner);
      const made = await app.inject({
        method: "POST",
        url: "/api/v1/me/tokens",
        headers: s?.headers(true),
        payload: createBody("me"),
      });
      target = made.json().record?.id ?? "00000000-0000-4000-8000-000000000000";
    } else if (collection === "graph")
      target = path.includes("/goals/")
        ? ((id === "inside" ? inside.goal : outside.goal) ?? "")
        : ((id === "inside" ? inside.service : outside.service) ?? "");
    else if (method === "GET") target = (id === "inside" ? inside[collection] : outside[collection]) ?? "";
    else target = await freshItem(collection);
    url = path.replace("{id}", target);
    if (method === "PATCH")
      payload =
        collection === "users" ? { name: `Renamed ${++counter}` } : { description: `changed ${++counter}` };
  } else if (method === "POST") {
    payload =
      path === "/api/v1/auth/sign-in"
        ? { email: "admin@matrix.test", password: PASSWORD }
        : createBody(collection === "me" ? "me" : collection);
  }
  if (path.endsWith("/restore"))
    await app.inject({
      method: "POST",
      url: url.replace("/restore", "/archive"),
      headers: sessions.get("admin")?.headers(true),
    });
  // Signing in rotates the session it comes with, which would end the one the other cases share.
  const anonymous = who === "anonymous" || path === "/api/v1/auth/sign-in";
  const headers = {
    ...(anonymous ? {} : (sessions.get(who)?.headers(method !== "GET") ?? {})),
    ...extraHeaders,
  };
  return { method: method as "GET", url, headers, ...(payload ? { payload } : {}) };
};

beforeAll(async () => {
  store = await openTestStore("pglite");
  app = await buildApp({ store, webRoot: null, signInAttemptsPerMinute: 100_000 });
  sys = createRepositories(store.db, systemActor("matrix"));
  const sales = await makeBusinessUnit(sys, { name: "Sales" });
  const hr = await makeBusinessUnit(sys, { name: "HR" });
  const crm = await makeService(sys, { name: "CRM" });
  const payroll = await makeService(sys, { name: "Payroll" });
  await sys.links.put("unit-service", { businessUnitId: sales.id, serviceId: crm.id, share: 100 });
  await sys.links.put("unit-service", { businessUnitId: hr.id, serviceId: payroll.id, share: 100 });
  const team = await sys.itTeams.create({ name: "CRM team" });
  const hrTeam = await sys.itTeams.create({ name: "HR apps" });
  await sys.services.update(crm.id, { itTeamId: team.id });
  await sys.services.update(payroll.id, { itTeamId: hrTeam.id });
  Object.assign(inside, {
    "business-units": sales.id,
    services: crm.id,
    service: crm.id,
    "it-teams": team.id,
    people: (await makePerson(sys, { businessUnitId: sales.id })).id,
    goals: (await makeGoal(sys, { ownerBusinessUnitId: sales.id })).id,
    capabilities: (await makeCapability(sys, { ownerBusinessUnitId: sales.id })).id,
    initiatives: (await makeInitiative(sys, { sponsorBusinessUnitId: sales.id })).id,
  });
  inside.goal = inside.goals as string;
  Object.assign(outside, {
    "business-units": hr.id,
    services: payroll.id,
    service: payroll.id,
    "it-teams": hrTeam.id,
    people: (await makePerson(sys, { businessUnitId: hr.id })).id,
    goals: (await makeGoal(sys, { ownerBusinessUnitId: hr.id })).id,
    capabilities: (await makeCapability(sys, { ownerBusinessUnitId: hr.id })).id,
    initiatives: (await makeInitiative(sys, { sponsorBusinessUnitId: hr.id })).id,
  });
  outside.goal = outside.goals as string;
  inside.costs = sales.id;
  outside.costs = hr.id;
  await arrangeCostMatrix(sys);
  await arrangeKpiMatrix(sys, inside.goals as string, outside.goals as string);
  // Tickets: one of Sales (inside), one of HR (outside), matched by department; and an import run.
  const imported = await importTickets({
    db: store.db,
    reader: arrayReader(
      asRead([
        makeTicketRecord({ requesterDepartment: "Sales" }),
        makeTicketRecord({ requesterDepartment: "HR" }),
      ]),
    ),
    source: "matrix",
  });
  const tickets = await sql<{ id: string; department: string }>`
    SELECT id, requester_department AS department FROM ticket`.execute(store.db);
  inside.tickets = tickets.rows.find((r) => r.department === "Sales")?.id ?? "";
  outside.tickets = tickets.rows.find((r) => r.department === "HR")?.id ?? "";
  inside.imports = imported.importRunId ?? "";
  const hash = await hashPassword(PASSWORD);
  for (const role of roles) {
    const user = await sys.users.create({
      email: `${role}@matrix.test`,
      name: role,
      role,
      businessUnitIds: role === "business_stakeholder" || role === "relationship_manager" ? [sales.id] : [],
      passwordHash: hash,
    });
    userIds.set(role, user.id);
    sessions.set(role, await signInSession(app, `${role}@matrix.test`, PASSWORD));
  }
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

const documentedRoutes = async (): Promise<string[]> => {
  const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
};

describe("authorization matrix", () => {
  it("has an expectation for every documented route, and documents every expected route", async () => {
    const documented = (await documentedRoutes()).sort();
    expect(documented).toEqual(Object.keys(expectations).sort());
  });

  const cases = Object.entries(expectations).flatMap(([route, expectation]) =>
    (["anonymous", ...roles] as Who[]).map((who) => ({ route, who, expectation })),
  );

  it.each(cases)("$route as $who", async ({ route, who, expectation }) => {
    const [method, path] = route.split(" ") as [string, string];
    // Sign-out would end the session the other cases share; it is exercised in the auth tests.
    if (path.includes("sign-out") && who !== "anonymous") return;
    const res = await app.inject(await requestFor(method, path, who));
    const allowed =
      expectation.allow === "public" ||
      (who !== "anonymous" && (expectation.allow === "everyone" || expectation.allow.includes(who)));
    if (allowed) {
      expect(res.statusCode, res.body).toBeLessThan(300);
    } else if (who === "anonymous") {
      expect(res.statusCode).toBe(401);
    } else {
      expect(res.statusCode, res.body).toBe(403);
    }
    if (allowed && who === "business_stakeholder" && expectation.scopedId) {
      const other = await app.inject(await requestFor(method, path, who, "outside"));
      expect(other.statusCode, `${route} for another unit's item`).toBe(404);
    }
  });
});
