import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { type BuildAppOptions, buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Role } from "../../src/domain/schemas/user.js";
import { type Actor, systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { type Backend, openTestStore } from "./test-store.js";

export interface TestApp {
  app: TandemApp;
  store: Store;
  /** Repositories as the system (for arranging data). */
  repos: Repositories;
  /** An API token for a new user of this role (holding these units), read-write unless said otherwise. */
  tokenFor(role: Role, options?: { unitIds?: string[]; scope?: "read" | "read-write" }): Promise<string>;
  /** Inject a request as an admin (default) or with the given token. */
  inject(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let userSequence = 0;

/** A real Fastify app over a fresh store, driven with app.inject (no socket). */
export const openTestApp = async (
  backend: Backend = "pglite",
  now?: string,
  options: Pick<BuildAppOptions, "importMaxBytes"> = {},
): Promise<TestApp> => {
  const store = await openTestStore(backend);
  const app = await buildApp({
    store,
    webRoot: null,
    signInAttemptsPerMinute: 10_000,
    ...(now ? { clock: fixedClock(now) } : {}),
    ...options,
  });
  const repos = createRepositories(store.db, systemActor("test"));

  const tokenFor: TestApp["tokenFor"] = async (role, options = {}) => {
    userSequence += 1;
    const user = await repos.users.create({
      email: `${role}${userSequence}@test.example`,
      name: `${role} ${userSequence}`,
      role,
      businessUnitIds: options.unitIds ?? [],
      passwordHash: null,
    });
    const actor: Actor = {
      kind: "user",
      userId: user.id,
      name: user.email,
      role,
      businessUnitIds: options.unitIds ?? [],
      tokenScope: null,
    };
    const { token } = await createRepositories(store.db, actor).tokens.create(
      `${role} test token`,
      options.scope ?? "read-write",
    );
    return token;
  };

  let adminToken: string | undefined;
  return {
    app,
    store,
    repos,
    tokenFor,
    inject: async ({ token, ...options }) => {
      adminToken ??= await tokenFor("admin");
      const headers = { authorization: `Bearer ${token ?? adminToken}`, ...(options.headers ?? {}) };
      return app.inject({ ...options, headers } as InjectOptions);
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
};
