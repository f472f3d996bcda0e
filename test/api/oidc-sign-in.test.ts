import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { type FakeOidcProvider, startFakeOidcProvider } from "../support/fake-oidc-provider.js";
import { sessionCookieOf } from "../support/sessions.js";
import { openTestStore } from "../support/test-store.js";

const redirectUri = "http://tandem.test/api/v1/auth/oidc/callback";
let provider: FakeOidcProvider;
let store: Store;
let app: TandemApp;

beforeAll(async () => {
  provider = await startFakeOidcProvider(redirectUri);
  store = await openTestStore("pglite");
  app = await buildApp({
    store,
    webRoot: null,
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri,
      label: "Sign in with Test SSO",
    },
  });
  const repos = createRepositories(store.db, systemActor("test"));
  await repos.users.create({
    email: "ada@example.test",
    name: "Ada",
    role: "it",
    businessUnitIds: [],
    passwordHash: null,
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
  await provider.close();
});

/** The browser's part: start at Tandem, follow to the provider, come back with code and state. */
const roundTrip = async (tamper?: (callback: URL) => void) => {
  const start = await app.inject({ method: "GET", url: "/api/v1/auth/oidc/start" });
  expect(start.statusCode).toBe(302);
  const flowCookie = start.cookies.find((c) => c.name === "tandem_oidc");
  expect(flowCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const atProvider = await fetch(start.headers.location as string, { redirect: "manual" });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get("location") as string);
  tamper?.(callback);
  return app.inject({
    method: "GET",
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: `tandem_oidc=${flowCookie?.value}` },
  });
};

describe("OpenID Connect sign-in", () => {
  it("offers the provider on the sign-in page", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/auth/providers" });
    expect(res.json()).toEqual({ password: true, oidc: { label: "Sign in with Test SSO" } });
  });

  it("signs in an existing account by verified e-mail, links the subject, and opens a session", async () => {
    const back = await roundTrip();
    expect(back.statusCode, back.body).toBe(302);
    expect(back.headers.location).toBe("/");
    const cookie = sessionCookieOf(back);
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: `tandem_session=${cookie}` },
    });
    expect(me.json().user.email).toBe("ada@example.test");
    const linked = await store.db
      .selectFrom("appUser")
      .select("oidcSubject")
      .where("email", "=", "ada@example.test")
      .executeTakeFirstOrThrow();
    expect(linked.oidcSubject).toBe(`${provider.issuer}|user-1`);
  });

  it("recognises the linked subject even when the e-mail changed at the provider", async () => {
    provider.nextIdentity = { sub: "user-1", email: "ada.lovelace@example.test", emailVerified: true };
    const back = await roundTrip();
    expect(back.statusCode).toBe(302);
  });

  it("refuses an identity with no Tandem account, and an unverified e-mail", async () => {
    provider.nextIdentity = { sub: "stranger", email: "stranger@example.test", emailVerified: true };
    expect((await roundTrip()).statusCode).toBe(401);
    provider.nextIdentity = { sub: "sneaky", email: "ada@example.test", emailVerified: false };
    const res = await roundTrip();
    expect(res.statusCode).toBe(401);
    expect(sessionCookieOf(res)).toBeFalsy();
  });

  it("refuses a tampered state and a callback without the flow cookie", async () => {
    provider.nextIdentity = { sub: "user-1", email: "ada@example.test", emailVerified: true };
    const tampered = await roundTrip((u) => u.searchParams.set("state", "forged"));
    expect(tampered.statusCode).toBe(401);
    const bare = await app.inject({ method: "GET", url: "/api/v1/auth/oidc/callback?code=x&state=y" });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().detail).toMatch(/start again/);
  });
});
