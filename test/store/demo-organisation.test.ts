import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { createDemoAccounts } from "../../src/use-cases/create-demo-accounts.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";
import { repositoriesAs } from "../support/actors.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/**
 * The demo organisation tells a story: its alignment gaps are exactly the ones written into it on
 * purpose (see the comments in src/domain/demo/*), and its headline numbers are worked out by hand.
 */
describe.each(testBackends())("the demo organisation on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

  beforeAll(async () => {
    store = await openTestStore(backend);
    await createDemoOrganisation({ db: store.db, seed: 3, tickets: 20_000 });
    sys = createRepositories(store.db, systemActor("test"));
  }, 300_000);
  afterAll(async () => store.close());

  it("loads its ticket history, every ticket matched to a service and a unit", async () => {
    const counts = await store.db
      .selectFrom("ticket")
      .select((eb) => [
        eb.fn.countAll<number>().as("all"),
        eb.fn.count<number>("serviceId").as("withService"),
        eb.fn.count<number>("businessUnitId").as("withUnit"),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(counts.all)).toBeGreaterThan(10_000);
    expect(Number(counts.withService)).toBe(Number(counts.all));
    expect(Number(counts.withUnit)).toBe(Number(counts.all));
  });

  it("has exactly the alignment gaps put in on purpose", async () => {
    const gaps = await sys.graph.gaps();
    expect(names(gaps.servicesServingNoGoal)).toEqual(["Fax Server"]);
    expect(names(gaps.goalsWithoutService)).toEqual(["Onboard new store staff in three days"]);
    expect(names(gaps.capabilitiesWithoutOwner)).toEqual(["Records retention"]);
    expect(names(gaps.consumedServicesWithoutSla)).toEqual(["Fax Server"]);
    expect(names(gaps.servicesWithoutBusinessOwner)).toEqual(["Fax Server", "Team Collaboration"]);
    expect(gaps.weightsNotAddingUp.map((g) => [g.kind, g.item.name, g.total])).toEqual([
      ["service consumption shares", "Data Warehouse", 90],
    ]);
  });

  it("costs €25,950 an hour when the Web Shop is down, worked out by hand", async () => {
    const webShop = await store.db
      .selectFrom("itService")
      .select("id")
      .where("name", "=", "Web Shop")
      .executeTakeFirstOrThrow();
    const impact = await sys.graph.outageImpact(webShop.id);
    // Web Shop and Mobile App (which depends on it) go down. Per capability: cost/h × strongest support:
    // checkout 18,000 × 1 + catalogue 6,500 × 0.8 + accounts 2,500 × 0.6 + loyalty 1,100 × 0.7 (app)
    // + order tracking 800 × 0.6 (app) = 18,000 + 5,200 + 1,500 + 770 + 480 = €25,950.
    expect(impact.costPerHourCents).toBe(2_595_000);
    expect(names(impact.impactedServices)).toEqual(["Mobile App", "Web Shop"]);
    expect(impact.usersAtLeast).toBe(640_000);
  });

  it("gives the Sales stakeholder only Sales's and its sub-units' services", async () => {
    const { accounts } = await createDemoAccounts({ db: store.db, password: "demo password 123" });
    expect(accounts.map((a) => a.role).sort()).toEqual([
      "admin",
      "business_stakeholder",
      "it",
      "relationship_manager",
      "viewer",
    ]);
    const units = await store.db.selectFrom("businessUnit").select(["id", "name", "parentId"]).execute();
    const sales = units.find((u) => u.name === "Sales")?.id ?? "";
    const reach = [sales, ...units.filter((u) => u.parentId === sales).map((u) => u.id)];
    const stakeholder = repositoriesAs(store.db, "business_stakeholder", reach);
    const seen = names((await stakeholder.services.list({ limit: 500, includeArchived: false })).items);
    // Independent route: the consumption links of Sales, Retail Stores, E-Commerce and Wholesale in SQL.
    const expected = await store.db
      .selectFrom("unitService")
      .innerJoin("itService", "itService.id", "unitService.serviceId")
      .select("itService.name")
      .distinct()
      .where("unitService.businessUnitId", "in", reach)
      .execute();
    expect(seen).toEqual(names(expected));
    expect(seen).toContain("Web Shop");
    expect(seen).not.toContain("Payroll");
  });
});
