import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { openTestApp, type TestApp } from "../support/test-app.js";

/**
 * Random and malformed bodies, query strings and headers against every documented route.
 * Nothing a client sends may produce a 5xx, and a refused request (4xx) must leave the store
 * as it was. Tables that legitimately change on a refusal (audit log, sign-in failure counts,
 * token last-use) are left out of the fingerprint.
 */
const FINGERPRINTED = [
  "business_unit",
  "person",
  "it_team",
  "business_goal",
  "capability",
  "it_service",
  "service_sla_target",
  "service_alias",
  "initiative",
  "service_capability",
  "capability_goal",
  "unit_service",
  "initiative_goal",
  "service_dependency",
  "user_business_unit",
];

let t: TestApp;
let token: string;
let routes: { method: string; path: string }[] = [];
const ids: string[] = [];

const fingerprint = async () => {
  const parts = await Promise.all(
    FINGERPRINTED.map(async (table) => {
      const r = await sql<{
        h: string;
      }>`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${sql.table(table)} t`.execute(
        t.store.db,
      );
      return `${table}:${r.rows[0]?.h}`;
    }),
  );
  const users = await sql<{
    h: string;
  }>`SELECT md5(coalesce(string_agg(id || email || role || coalesce(password_hash, ''), '|' ORDER BY id), '')) AS h FROM app_user`.execute(
    t.store.db,
  );
  return `${parts.join(",")},users:${users.rows[0]?.h}`;
};

beforeAll(async () => {
  t = await openTestApp();
  token = await t.tokenFor("admin");
  const unit = await makeBusinessUnit(t.repos, { name: "Fuzz unit" });
  const svc = await makeService(t.repos, { name: "Fuzz service" });
  ids.push(unit.id, svc.id, "00000000-0000-4000-8000-000000000000");
  const doc = (await t.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}, 60_000);
afterAll(async () => t.close());

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    "null",
    "[]",
    "{}",
    "%00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>",
    "😀".repeat(50),
    "a".repeat(5000),
    "-1",
    "1e309",
    "NaN",
  ),
);
const pathParam = fc.oneof(
  fc.constantFrom(...["x"]).chain(() => fc.constantFrom(...ids)),
  nasty.map(encodeURIComponent),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      "name",
      "email",
      "level",
      "parentId",
      "serviceId",
      "share",
      "strength",
      "slaTargets",
      "role",
      "password",
      "limit",
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);
const query = fc.dictionary(
  fc.constantFrom(
    "limit",
    "cursor",
    "q",
    "sort",
    "includeArchived",
    "parentId",
    "level",
    "serviceId",
    "from",
  ),
  nasty,
  { maxKeys: 4 },
);
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
);
const authorization = fc.constantFrom<"admin" | "none" | "garbage">(
  "admin",
  "admin",
  "admin",
  "none",
  "garbage",
);

describe("fuzzing every route", () => {
  it("never answers 5xx and never changes the store on a refused request", async () => {
    expect(routes.length).toBeGreaterThan(50);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        pathParam,
        fc.oneof(body, nasty),
        query,
        contentType,
        authorization,
        fc.boolean(),
        async (routeIndex, param, payload, q, type, auth, raw) => {
          const route = routes[routeIndex % routes.length];
          if (!route || route.path.includes("sign-out")) return;
          const url = `${route.path.replace("{id}", param)}?${new URLSearchParams(q).toString()}`;
          const before = await fingerprint();
          const headers: Record<string, string> = { "content-type": type };
          if (auth === "admin") headers.authorization = `Bearer ${token}`;
          if (auth === "garbage") headers.authorization = "Bearer tdm_?";
          const hasBody = !["GET", "DELETE"].includes(route.method);
          const res = await t.app.inject({
            method: route.method as "POST",
            url,
            headers,
            ...(hasBody
              ? {
                  payload:
                    raw || typeof payload === "string"
                      ? String(typeof payload === "string" ? payload : JSON.stringify(payload)).slice(
                          0,
                          20_000,
                        )
                      : (payload as object),
                }
              : {}),
          });
          expect(res.statusCode, `${route.method} ${url} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers["content-type"]).toMatch(/problem\+json/);
            expect(await fingerprint(), `${route.method} ${url} was refused but changed the store`).toBe(
              before,
            );
          }
        },
      ),
      { numRuns: 400, seed: 20261125 },
    );
  }, 240_000);
});
