import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, TokenScope } from "../../src/domain/schemas/user.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { repositoriesAs } from "../support/actors.js";
import {
  makeBusinessUnit,
  makeCapability,
  makeGoal,
  makeInitiative,
  makePerson,
  makeService,
} from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/**
 * Two business units, each consuming its own service and one shared service. A stakeholder of
 * Sales (which has a sub-unit, Online Sales) must see Sales's and Online Sales's things only.
 */
describe.each(testBackends())("scoping in the store on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  const ids: Record<string, string> = {};
  const as = (role: Role, units: string[] = [], tokenScope: TokenScope | null = null) =>
    repositoriesAs(store.db, role, units, tokenScope);

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    const sales = await makeBusinessUnit(sys, { name: "Sales" });
    const online = await makeBusinessUnit(sys, { name: "Online Sales", parentId: sales.id });
    const hr = await makeBusinessUnit(sys, { name: "HR" });
    const crm = await makeService(sys, { name: "CRM" });
    const shop = await makeService(sys, { name: "Web Shop" });
    const payroll = await makeService(sys, { name: "Payroll" });
    const email = await makeService(sys, { name: "E-mail" });
    await sys.links.put("unit-service", { businessUnitId: sales.id, serviceId: crm.id, share: 100 });
    await sys.links.put("unit-service", { businessUnitId: online.id, serviceId: shop.id, share: 100 });
    await sys.links.put("unit-service", { businessUnitId: hr.id, serviceId: payroll.id, share: 100 });
    await sys.links.put("unit-service", { businessUnitId: sales.id, serviceId: email.id, share: 50 });
    await sys.links.put("unit-service", { businessUnitId: hr.id, serviceId: email.id, share: 50 });
    const salesGoal = await makeGoal(sys, { name: "Grow revenue", ownerBusinessUnitId: sales.id });
    const hrGoal = await makeGoal(sys, { name: "Retain talent", ownerBusinessUnitId: hr.id });
    const salesCap = await makeCapability(sys, { name: "Order capture", ownerBusinessUnitId: online.id });
    const hrCap = await makeCapability(sys, { name: "Pay employees", ownerBusinessUnitId: hr.id });
    await sys.links.put("service-capability", { serviceId: shop.id, capabilityId: salesCap.id, strength: 1 });
    await sys.links.put("service-capability", { serviceId: payroll.id, capabilityId: hrCap.id, strength: 1 });
    await makeInitiative(sys, { name: "CRM upgrade", sponsorBusinessUnitId: sales.id });
    await makeInitiative(sys, { name: "HR portal", sponsorBusinessUnitId: hr.id });
    await makePerson(sys, { name: "Sally", businessUnitId: sales.id });
    await makePerson(sys, { name: "Harry", businessUnitId: hr.id });
    Object.assign(ids, {
      sales: sales.id,
      online: online.id,
      hr: hr.id,
      crm: crm.id,
      shop: shop.id,
      payroll: payroll.id,
      email: email.id,
      salesGoal: salesGoal.id,
      hrGoal: hrGoal.id,
    });
  });
  afterAll(async () => store.close());

  const names = async (page: Promise<{ items: { name: string }[] }>) =>
    (await page).items.map((i) => i.name).sort();
  const all = { limit: 100, includeArchived: false };

  it("a stakeholder of Sales and Online Sales sees their units' services, goals, capabilities, initiatives and people only", async () => {
    const r = as("business_stakeholder", [ids.sales as string, ids.online as string]);
    expect(await names(r.services.list(all))).toEqual(["CRM", "E-mail", "Web Shop"]);
    expect(await names(r.businessUnits.list(all))).toEqual(["Online Sales", "Sales"]);
    expect(await names(r.goals.list(all))).toEqual(["Grow revenue"]);
    expect(await names(r.capabilities.list(all))).toEqual(["Order capture"]);
    expect(await names(r.initiatives.list(all))).toEqual(["CRM upgrade"]);
    expect(await names(r.people.list(all))).toEqual(["Sally"]);
  });

  it("hides another unit's item by id as if it did not exist", async () => {
    const r = as("business_stakeholder", [ids.sales as string]);
    expect(await r.services.find(ids.payroll as string)).toBeUndefined();
    await expect(r.services.get(ids.payroll as string)).rejects.toMatchObject({ code: "not_found" });
    await expect(r.goals.get(ids.hrGoal as string)).rejects.toMatchObject({ code: "not_found" });
    expect((await r.services.get(ids.crm as string)).name).toBe("CRM");
  });

  it("filters links to those whose both ends the stakeholder may see", async () => {
    const r = as("business_stakeholder", [ids.sales as string]);
    const consumption = await r.links.list("unit-service");
    expect(consumption.map((l) => l.serviceId).sort()).toEqual([ids.crm, ids.email].sort());
    const supports = await as("business_stakeholder", [ids.hr as string]).links.list("service-capability");
    expect(supports.map((l) => l.serviceId)).toEqual([ids.payroll]);
  });

  it("a stakeholder with no units sees nothing", async () => {
    const r = as("business_stakeholder", []);
    expect((await r.services.list(all)).items).toEqual([]);
    expect((await r.businessUnits.list(all)).items).toEqual([]);
  });

  it("IT, relationship managers and viewers see everything", async () => {
    for (const role of ["it", "relationship_manager", "viewer", "admin"] as const) {
      expect(await names(as(role).services.list(all))).toEqual(["CRM", "E-mail", "Payroll", "Web Shop"]);
    }
  });

  it("refuses writes by role and by read-only token, before touching anything", async () => {
    await expect(as("viewer").services.create({ name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      as("business_stakeholder", [ids.sales as string]).goals.create({ name: "Nope", level: "strategic" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(as("relationship_manager").services.create({ name: "Nope" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      as("it", [], "read").services.update(ids.crm as string, { name: "Nope" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const rm = await as("relationship_manager").goals.create({ name: "RM goal", level: "strategic" });
    expect(rm.name).toBe("RM goal");
    const count = await store.db.selectFrom("itService").select("name").where("name", "=", "Nope").execute();
    expect(count).toEqual([]);
  });
});
