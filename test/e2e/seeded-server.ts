import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApp } from "../../src/api/build-app.js";
import type { TandemApp } from "../../src/api/context.js";
import { hashPassword } from "../../src/domain/credentials.js";
import type { Role } from "../../src/domain/schemas/user.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import {
  makeBusinessUnit,
  makeCapability,
  makeGoal,
  makeInitiative,
  makePerson,
  makeService,
} from "../support/factories.js";
import { openTestStore } from "../support/test-store.js";

/** The built web app: dist/web, or TANDEM_WEB_ROOT so that an engineer can test a private build. */
export const webRoot =
  process.env.TANDEM_WEB_ROOT ?? fileURLToPath(new URL("../../dist/web/", import.meta.url));

export interface Account {
  email: string;
  password: string;
  name: string;
}

/** The seeded graph, in plain numbers a test can check the screen against. */
export const seed = {
  unitA: "Retail Banking",
  unitB: "Corporate Finance",
  goalTop: "Grow digital sales",
  goalChild: "Double mobile checkout",
  goalB: "Close the books in three days",
  /** Web Shop Platform supports Online ordering (strength 1) and Customer support (strength 0.5). */
  shop: "Web Shop Platform",
  ledger: "Ledger Engine",
  analytics: "Web Analytics",
  ordering: { name: "Online ordering", downtimeCostPerHourCents: 1_234_550, users: 120 },
  support: { name: "Customer support", downtimeCostPerHourCents: 400_000, users: 80 },
  closing: { name: "Financial closing", downtimeCostPerHourCents: 90_000, users: 15 },
} as const;

export interface SeededServer {
  baseUrl: string;
  app: TandemApp;
  store: Store;
  repos: Repositories;
  ids: { unitA: string; unitB: string; shop: string; ledger: string; analytics: string; goalTop: string };
  admin: Account;
  /** An IT user: writes the whole graph, manages no users. */
  it: Account;
  stakeholder: Account;
  /** A stakeholder holding both units, for the unit switcher. */
  twoUnits: Account;
  viewer: Account;
  close(): Promise<void>;
}

/** A real HTTP server on a random port over a fresh PGlite store, serving the built web app. */
export const startSeededServer = async (): Promise<SeededServer> => {
  if (!existsSync(`${webRoot}/index.html`)) {
    throw new Error(`no built web app in ${webRoot}: run "npx vite build --config web/vite.config.ts" first`);
  }
  const store = await openTestStore("pglite");
  const repos = createRepositories(store.db, systemActor("e2e"));

  const unitA = await makeBusinessUnit(repos, { name: seed.unitA, code: "RB", headcount: 420 });
  const unitB = await makeBusinessUnit(repos, { name: seed.unitB, code: "CF", headcount: 85 });
  const owner = await makePerson(repos, { name: "Paula Owner", businessUnitId: unitA.id });
  const goalTop = await makeGoal(repos, {
    name: seed.goalTop,
    level: "strategic",
    ownerBusinessUnitId: unitA.id,
  });
  const goalChild = await makeGoal(repos, {
    name: seed.goalChild,
    level: "goal",
    parentId: goalTop.id,
    ownerBusinessUnitId: unitA.id,
  });
  const goalB = await makeGoal(repos, {
    name: seed.goalB,
    level: "strategic",
    ownerBusinessUnitId: unitB.id,
  });
  const ordering = await makeCapability(repos, { ...seed.ordering, ownerBusinessUnitId: unitA.id });
  const support = await makeCapability(repos, { ...seed.support, ownerBusinessUnitId: unitA.id });
  const closing = await makeCapability(repos, { ...seed.closing, ownerBusinessUnitId: unitB.id });
  const shop = await makeService(repos, {
    name: seed.shop,
    description: "Online shop",
    criticalityTier: 1,
    lifecycleStatus: "live",
    businessOwnerId: owner.id,
    availabilityTarget: 99.9,
  });
  const ledger = await makeService(repos, {
    name: seed.ledger,
    criticalityTier: 2,
    availabilityTarget: 99.5,
  });
  const analytics = await makeService(repos, { name: seed.analytics, criticalityTier: 4 });
  await makeInitiative(repos, { name: "Mobile checkout rebuild", sponsorBusinessUnitId: unitA.id });

  await repos.links.put("capability-goal", { capabilityId: ordering.id, goalId: goalChild.id, weight: 100 });
  await repos.links.put("capability-goal", { capabilityId: support.id, goalId: goalTop.id, weight: 100 });
  await repos.links.put("capability-goal", { capabilityId: closing.id, goalId: goalB.id, weight: 100 });
  await repos.links.put("service-capability", { serviceId: shop.id, capabilityId: ordering.id, strength: 1 });
  await repos.links.put("service-capability", {
    serviceId: shop.id,
    capabilityId: support.id,
    strength: 0.5,
  });
  await repos.links.put("service-capability", {
    serviceId: ledger.id,
    capabilityId: closing.id,
    strength: 1,
  });
  await repos.links.put("unit-service", { businessUnitId: unitA.id, serviceId: shop.id, share: 100 });
  await repos.links.put("unit-service", { businessUnitId: unitB.id, serviceId: ledger.id, share: 100 });

  const account = async (role: Role, name: string, businessUnitIds: string[] = []): Promise<Account> => {
    const email = `${name.split(" ")[0]!.toLowerCase()}@e2e.example`;
    const password = `${role}-correct-horse-battery`;
    await repos.users.create({
      email,
      name,
      role,
      businessUnitIds,
      passwordHash: await hashPassword(password),
    });
    return { email, password, name };
  };
  const admin = await account("admin", "Ada Admin");
  const it = await account("it", "Ivo Itstaff");
  const stakeholder = await account("business_stakeholder", "Sam Stakeholder", [unitA.id]);
  const viewer = await account("viewer", "Vic Viewer");
  const twoUnits = await account("business_stakeholder", "Tess Twounits", [unitA.id, unitB.id]);

  const app = await buildApp({ store, webRoot, signInAttemptsPerMinute: 10_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("server has no TCP address");

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    store,
    repos,
    ids: {
      unitA: unitA.id,
      unitB: unitB.id,
      shop: shop.id,
      ledger: ledger.id,
      analytics: analytics.id,
      goalTop: goalTop.id,
    },
    admin,
    it,
    stakeholder,
    twoUnits,
    viewer,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
};
