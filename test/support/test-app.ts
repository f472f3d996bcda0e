import type { TandemApp } from "../../src/api/context.js";
import { buildApp } from "../../src/api/build-app.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { type Backend, openTestStore } from "./test-store.js";

export interface TestApp {
  app: TandemApp;
  store: Store;
  repos: Repositories;
  close(): Promise<void>;
}

/** A real Fastify app over a fresh store, driven with app.inject (no socket). */
export const openTestApp = async (backend: Backend = "pglite"): Promise<TestApp> => {
  const store = await openTestStore(backend);
  const app = await buildApp({ store, webRoot: null });
  return {
    app,
    store,
    repos: createRepositories(store.db, systemActor("test")),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
};
