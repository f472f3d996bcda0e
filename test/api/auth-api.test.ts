import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import type { Clock } from "../../src/domain/clock.js";
import { hashPassword } from "../../src/domain/credentials.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { makeBusinessUnit } from "../support/factories.js";
import { sessionCookieOf, signInSession } from "../support/sessions.js";
import { openTestStore } from "../support/test-store.js";

let now = new Date("2026-11-25T09:00:00Z");
const clock: Clock = { now: () => new Date(now) };
let store: Store;
let app: TandemApp;
let repos: Repositories;
const PASSWORD = "a long enough password";

const makeUser = async (email: string, role: "admin" | "it" | "viewer" = "it") =>
  repos.users.create({
    email,
    name: email,
    role,
    businessUnitIds: [],
    passwordHash: await hashPassword(PASSWORD),
  });

beforeAll(async () => {
  store = await openTestStore("pglite");
  app = await buildApp({ store, webRoot: null, clock, signInAttemptsPerMinute: 1000 });
  repos = createRepositories(store.db, systemActor("test"));
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe("sign-in and sessions", () => {
  it("sets an http-only SameSite cookie and answers /me with the CSRF token", async () => {
    await makeUser("ada@example.test", "admin");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "ADA@example.test", password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "tandem_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const body = res.json();
    expect(body.user.email).toBe("ada@example.test");
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(body.permissions).toContain("users:manage");
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: `tandem_session=${cookie?.value}` },
    });
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it("refuses a state-changing request without the CSRF token, and accepts it with", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    const without = await app.inject({
      method: "POST",
      url: "/api/v1/business-units",
      headers: s.headers(),
      payload: { name: "No CSRF" },
    });
    expect(without.statusCode).toBe(403);
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/business-units",
      headers: { ...s.headers(), "x-csrf-token": "guess" },
      payload: { name: "Wrong CSRF" },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({
      method: "POST",
      url: "/api/v1/business-units",
      headers: s.headers(true),
      payload: { name: "With CSRF" },
    });
    expect(ok.statusCode).toBe(201);
    const units = await store.db.selectFrom("businessUnit").select("name").execute();
    expect(units.map((u) => u.name)).toEqual(["With CSRF"]);
  });

  it("rotates the session id on sign-in: the old cookie stops working", async () => {
    const first = await signInSession(app, "ada@example.test", PASSWORD);
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: first.headers(),
      payload: { email: "ada@example.test", password: PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect(sessionCookieOf(again)).not.toBe(first.cookie);
    const old = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: first.headers() });
    expect(old.statusCode).toBe(401);
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "ada@example.test", password: "nope nope nope" },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "nobody@example.test", password: "nope nope nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it("locks an address after five failures, with back-off, and lets it in after the lock", async () => {
    await makeUser("bob@example.test");
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email: "bob@example.test", password: `wrong ${i} password` },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "bob@example.test", password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toContain("2026-11-25T09:01:00.000Z");
    now = new Date("2026-11-25T09:01:01Z");
    const after = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "bob@example.test", password: PASSWORD },
    });
    expect(after.statusCode).toBe(200);
  });

  it("signs out everywhere: every session of the user ends", async () => {
    const a = await signInSession(app, "ada@example.test", PASSWORD);
    const b = await signInSession(app, "ada@example.test", PASSWORD);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-out-everywhere",
      headers: a.headers(true),
    });
    expect(res.json().endedSessions).toBeGreaterThanOrEqual(2);
    for (const s of [a, b])
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: s.headers() })).statusCode,
      ).toBe(401);
  });

  it("expires a session after its lifetime", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    now = new Date(now.getTime() + 12 * 3600 * 1000 + 1000);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: s.headers() })).statusCode,
    ).toBe(401);
  });

  it("refuses a disabled user", async () => {
    const carol = await makeUser("carol@example.test");
    await repos.users.update(carol.id, { disabled: true });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "carol@example.test", password: PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });

  it("requires authentication on the API but not on health, docs and the OpenAPI document", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/services" })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode).toBe(200);
  });
});

describe("API tokens", () => {
  it("shows a token once, stores only its hash, records last use, and stops it on revoke", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: s.headers(true),
      payload: { name: "sync job", scope: "read-write" },
    });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    expect(token).toMatch(/^tdm_[\w-]{43}$/);
    const stored = await store.db
      .selectFrom("apiToken")
      .selectAll()
      .where("id", "=", record.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token.slice(4));
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await app.inject({ method: "GET", url: "/api/v1/me/tokens", headers: s.headers() });
    expect(listed.body).not.toContain(token);
    expect(listed.json().items[0]).toMatchObject({
      name: "sync job",
      lastUsedAt: null,
      prefix: token.slice(0, 10),
    });
    const used = await app.inject({
      method: "GET",
      url: "/api/v1/services",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(used.statusCode).toBe(200);
    const afterUse = await app.inject({ method: "GET", url: "/api/v1/me/tokens", headers: s.headers() });
    expect(afterUse.json().items[0].lastUsedAt).not.toBeNull();
    await app.inject({
      method: "POST",
      url: `/api/v1/me/tokens/${record.id}/revoke`,
      headers: s.headers(true),
    });
    const revoked = await app.inject({
      method: "GET",
      url: "/api/v1/services",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it("a read-only token reads but cannot write, and no token can mint tokens", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    const { token } = (
      await app.inject({
        method: "POST",
        url: "/api/v1/me/tokens",
        headers: s.headers(true),
        payload: { name: "dashboard", scope: "read" },
      })
    ).json();
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/business-units", headers: auth })).statusCode,
    ).toBe(200);
    const write = await app.inject({
      method: "POST",
      url: "/api/v1/business-units",
      headers: auth,
      payload: { name: "By token" },
    });
    expect(write.statusCode).toBe(403);
    const mint = await app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: auth,
      payload: { name: "child" },
    });
    expect(mint.statusCode).toBe(403);
  });

  it("refuses a malformed or unknown bearer token", async () => {
    for (const authorization of ["Bearer tdm_unknown", "Basic abc", "Bearer"]) {
      const res = await app.inject({ method: "GET", url: "/api/v1/services", headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
  });
});

describe("users and the audit log", () => {
  it("lets an admin create users and refuses a stakeholder without units", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    const sales = await makeBusinessUnit(repos, { name: "Sales (audit test)" });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: s.headers(true),
      payload: { email: "x@example.test", name: "X", role: "business_stakeholder" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].path).toBe("businessUnitIds");
    const ok = await app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: s.headers(true),
      payload: {
        email: "dora@example.test",
        name: "Dora",
        role: "business_stakeholder",
        businessUnitIds: [sales.id],
        password: PASSWORD,
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      role: "business_stakeholder",
      businessUnitIds: [sales.id],
      hasPassword: true,
    });
    const dora = await signInSession(app, "dora@example.test", PASSWORD);
    const denied = await app.inject({ method: "GET", url: "/api/v1/users", headers: dora.headers() });
    expect(denied.statusCode).toBe(403);
  });

  it("records every write with before and after, sign-ins and failed sign-ins, and exports CSV for admins only", async () => {
    const s = await signInSession(app, "ada@example.test", PASSWORD);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/capabilities",
      headers: s.headers(true),
      payload: { name: "Audit me", users: 5 },
    });
    const capId = created.json().id;
    await app.inject({
      method: "PATCH",
      url: `/api/v1/capabilities/${capId}`,
      headers: s.headers(true),
      payload: { users: 9 },
    });
    const log = await app.inject({
      method: "GET",
      url: `/api/v1/audit?entityId=${capId}`,
      headers: s.headers(),
    });
    const events = log.json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect(events[0].before.users).toBe(5);
    expect(events[0].after.users).toBe(9);
    expect(events[0].actorLabel).toBe("ada@example.test");
    const rows = await store.db
      .selectFrom("auditEvent")
      .select(["action", "detail"])
      .where("action", "in", ["sign-in", "sign-in failed"])
      .execute();
    expect(rows.some((r) => r.action === "sign-in")).toBe(true);
    expect(rows.some((r) => r.action === "sign-in failed" && r.detail?.startsWith("bob@example.test"))).toBe(
      true,
    );
    const csv = await app.inject({
      method: "GET",
      url: `/api/v1/audit.csv?entityId=${capId}`,
      headers: s.headers(),
    });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actorUserId,actorLabel,action,entityType,entityId,before,after,detail");
    expect(lines).toHaveLength(3);
  });
});

describe("hardening", () => {
  it("sends security headers and refuses oversized bodies with a problem", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    const big = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "x", password: "y".repeat(6 * 1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe("payload_too_large");
  });

  it("sends the security headers and the request's own id on problems too", async () => {
    const responses = [
      await app.inject({ method: "GET", url: "/healthz" }),
      await app.inject({ method: "GET", url: "/api/v1/no-such-thing" }),
      await app.inject({ method: "GET", url: "/api/v1/services" }),
      await app.inject({
        method: "POST",
        url: "/api/v1/survey-links/!!!",
        headers: { "content-type": "application/json" },
        payload: "{}",
      }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 401, 422]);
    const ids = responses.map((r) => r.headers["x-request-id"]);
    for (const res of responses) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      const directives = String(res.headers["content-security-policy"]).split(";").sort();
      expect(directives).toEqual([
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self' https: data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
      ]);
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    }
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    const limited = await buildApp({ store, webRoot: null, clock, signInAttemptsPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await limited.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        remoteAddress: "10.9.9.9",
        payload: { email: `r${i}@x.test`, password: "whatever pw" },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const other = await limited.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      remoteAddress: "10.9.9.10",
      payload: { email: "z@x.test", password: "whatever pw" },
    });
    expect(other.statusCode).toBe(401);
    await limited.close();
  });
});
