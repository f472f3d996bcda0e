import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costModelInput } from "../../src/domain/schemas/cost-model.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { allocatePeriodCosts } from "../../src/use-cases/allocate-period-costs.js";
import { explainUnitCost } from "../../src/use-cases/explain-unit-cost.js";
import { getBillOfIt } from "../../src/use-cases/get-bill-of-it.js";
import { getCostBudget } from "../../src/use-cases/get-cost-budget.js";
import { getGoalCosts } from "../../src/use-cases/get-goal-costs.js";
import { importLedgerFile } from "../../src/use-cases/import-ledger-file.js";
import { repositoriesAs } from "../support/actors.js";
import {
  COST_LEDGER_CSV,
  COST_PERIOD,
  type CostWorld,
  makeCostWorld,
  writeTempCsv,
} from "../support/cost-factories.js";
import { makeCapability, makeGoal } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/**
 * The October ledger of the cost world allocated end to end, every figure worked out by hand:
 * pools internal labor 1290.01 (incl. 100 USD at 0.9), hardware 500.00, software 333.33;
 * labor 60/40 → application 774.01 (the odd cent to the larger remainder), end user 516.00;
 * software by licences 30/70 → CRM 100.00, E-mail 233.33; application by tickets 3:1 → CRM 580.51,
 * Payroll 193.50; end user by headcount 30:10 → Sales 387.00, HR 129.00; compute 50 % / 30 % →
 * CRM 250.00, Payroll 150.00, 100.00 unallocated; E-mail 75/25 → Sales 175.00, HR 58.33.
 * Sales = 930.51 + 387.00 + 175.00 = 1492.51; HR = 343.50 + 129.00 + 58.33 = 530.83.
 */
describe.each(testBackends())("cost allocation on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  let world: CostWorld;

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    world = await makeCostWorld(sys, store.db);
    const file = await writeTempCsv("ledger.csv", COST_LEDGER_CSV);
    const report = await importLedgerFile({
      repositories: sys,
      file,
      source: "ledger.csv",
      rates: { USD: 0.9 },
    });
    expect(report).toEqual({
      status: "imported",
      lines: 5,
      totalCents: 212_334,
      periods: [COST_PERIOD],
      errors: [],
    });
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it("allocates the month exactly as worked out by hand", async () => {
    const summary = await allocatePeriodCosts({ repositories: sys, period: COST_PERIOD });
    expect(summary).toMatchObject({
      ledgerLines: 5,
      ledgerTotalCents: 212_334,
      allocatedToUnitsCents: 149_251 + 53_083,
      unallocatedCents: 10_000,
      unallocated: [
        { node: "tower:compute", cents: 10_000, reason: "rule compute allocates less than 100 %" },
      ],
    });
    expect(summary.warnings).toEqual(["rule compute allocates 80 % of Compute; the rest stays unallocated"]);
    // Read back by plain SQL, independently of the repository.
    const units = await sql<{ unitId: string; cents: number }>`
      SELECT unit_id, sum(cents)::bigint AS cents FROM cost_flow WHERE period = ${COST_PERIOD} AND unit_id IS NOT NULL
      GROUP BY unit_id`.execute(store.db);
    const byUnit = Object.fromEntries(units.rows.map((r) => [r.unitId, r.cents]));
    expect(byUnit).toEqual({ [world.sales]: 149_251, [world.hr]: 53_083 });
    const check = await sql<{ ledger: number; units: number; unallocated: number }>`
      SELECT (SELECT sum(amount_cents) FROM ledger_line WHERE period = ${COST_PERIOD})::bigint AS ledger,
        (SELECT sum(cents) FROM cost_flow WHERE period = ${COST_PERIOD} AND unit_id IS NOT NULL)::bigint AS units,
        (SELECT sum(cents) FROM cost_unallocated WHERE period = ${COST_PERIOD})::bigint AS unallocated`.execute(
      store.db,
    );
    const row = check.rows[0];
    expect(row && row.units + row.unallocated).toBe(row?.ledger);
  });

  it("bills Sales its services with drivers, tickets and no previous month", async () => {
    const bill = await getBillOfIt({ repositories: sys, businessUnitId: world.sales, period: COST_PERIOD });
    expect(bill.totalCents).toBe(149_251);
    expect(bill.previousTotalCents).toBeNull();
    expect(bill.tickets).toBe(3);
    expect(bill.lines.map((l) => [l.name, l.cents, l.basis, l.tickets])).toEqual([
      ["CRM", 93_051, "consumption share", 3],
      ["End user", 38_700, "driver: headcount", 0],
      ["E-mail", 17_500, "consumption share", 0],
    ]);
    const endUser = bill.lines.find((l) => l.node === "tower:end-user");
    expect([endUser?.driverValue, endUser?.driverTotal]).toEqual([30, 40]);
  });

  it("explains every cent of Sales's CRM charge back to the ledger", async () => {
    const e = await explainUnitCost({
      repositories: sys,
      businessUnitId: world.sales,
      period: COST_PERIOD,
      serviceId: world.crm,
    });
    expect(e.totalCents).toBe(93_051);
    const [crm] = e.paths;
    expect(crm?.name).toBe("CRM");
    // CRM received 580.51 from application, 250.00 from compute, 100.00 from software.
    expect(crm?.from.map((s) => [s.name, s.cents, s.ruleId])).toEqual([
      ["Application", 58_051, "apps"],
      ["Compute", 25_000, "compute"],
      ["Software", 10_000, "licences"],
    ]);
    const software = crm?.from.find((s) => s.name === "Software");
    expect(software?.from.map((s) => [s.name, s.cents])).toEqual([
      ["account 6500, cost centre CC-IT, Microsoft", 10_000],
    ]);
    // Every level adds up to the level below it.
    const sums = (step: { cents: number; from: { cents: number; from: unknown[] }[] }): void => {
      if (step.from.length === 0) return;
      expect(step.from.reduce((s, f) => s + f.cents, 0)).toBe(step.cents);
      for (const f of step.from) sums(f as typeof step);
    };
    for (const p of e.paths) sums(p);
  });

  it("lets a Sales stakeholder read Sales's bill and explanation but not HR's, nor the whole flow", async () => {
    const stakeholder = repositoriesAs(store.db, "business_stakeholder", [world.sales]);
    const own = await getBillOfIt({
      repositories: stakeholder,
      businessUnitId: world.sales,
      period: COST_PERIOD,
    });
    expect(own.totalCents).toBe(149_251);
    await expect(
      getBillOfIt({ repositories: stakeholder, businessUnitId: world.hr, period: COST_PERIOD }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      explainUnitCost({ repositories: stakeholder, businessUnitId: world.hr, period: COST_PERIOD }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(stakeholder.costs.flows(COST_PERIOD)).rejects.toMatchObject({ code: "forbidden" });
    await expect(stakeholder.costs.model(COST_PERIOD)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses writes to viewers", async () => {
    const viewer = repositoriesAs(store.db, "viewer");
    await expect(allocatePeriodCosts({ repositories: viewer, period: COST_PERIOD })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("copies the model to November and shows month-over-month change", async () => {
    await sys.costs.copyModel(COST_PERIOD, "2026-11");
    await expect(sys.costs.copyModel(COST_PERIOD, "2026-11")).rejects.toMatchObject({ code: "conflict" });
    const november = COST_LEDGER_CSV.replaceAll("2026-10-15", "2026-11")
      .replaceAll("2026-10", "2026-11")
      .replace("1000.00", "1100.00");
    await importLedgerFile({
      repositories: sys,
      file: await writeTempCsv("nov.csv", november),
      source: "nov.csv",
      rates: { USD: 0.9 },
    });
    await allocatePeriodCosts({ repositories: sys, period: "2026-11" });
    const bill = await getBillOfIt({ repositories: sys, businessUnitId: world.sales, period: "2026-11" });
    // +100.00 of labor: 60 % to application (6000), 40 % to end user (4000, of which 30/40 Sales);
    // no tickets in November, so application stays unallocated; Sales gets 3000 more end user.
    const endUser = bill.lines.find((l) => l.node === "tower:end-user");
    expect(endUser?.previousCents).toBe(38_700);
    expect(endUser?.cents).toBe(38_700 + 3_000);
    expect(endUser?.changePct).toBe(7.8); // 3000 / 38700 = 7.75 %
  });

  it("spreads service cost over goals and splits run / grow / transform", async () => {
    const goal = await makeGoal(sys, { name: "Grow sales", priorityWeight: 3 });
    await makeGoal(sys, { name: "Keep the lights on", priorityWeight: 1 });
    const cap = await makeCapability(sys, { name: "Customer management" });
    await sys.links.put("service-capability", { serviceId: world.crm, capabilityId: cap.id, strength: 1 });
    await sys.links.put("capability-goal", { capabilityId: cap.id, goalId: goal.id, weight: 50 });
    const record = await sys.costs.model(COST_PERIOD);
    await sys.costs.putModel(
      COST_PERIOD,
      costModelInput.parse({
        ...record?.model,
        serviceCategories: [{ serviceId: world.crm, category: "grow" }],
      }),
    );
    const spend = await getGoalCosts({ repositories: sys, period: COST_PERIOD });
    // Services received CRM 930.51, Payroll 343.50, E-mail 233.33 = 1507.34; half of CRM to the goal.
    expect(spend.totalCents).toBe(150_734);
    // A weight under 100 % lets through floor(93051 × 50 %) = 46525; the odd cent stays with "no goal".
    expect(spend.goals.find((g) => g.name === "Grow sales")?.cents).toBe(46_525);
    expect(spend.noGoalCents).toBe(150_734 - 46_525);
    expect(spend.topPriorityCents).toBe(46_525);
    expect(spend.topPriorityPct).toBe(30.9); // 46525 / 150734 = 30.87 %
    expect(spend.byCategory).toEqual({ run: 34_350 + 23_333, grow: 93_051, transform: 0 });
  });

  it("gives budget versus actual with a run-rate forecast", async () => {
    const budget = await getCostBudget({ repositories: sys, year: 2026 });
    expect(budget.monthsWithActuals).toBe(2);
    const hardware = budget.lines.find((l) => l.node === "pool:hardware");
    // 500.00 in each of two months → 1000.00; forecast 1000.00 + 500.00 × 10 = 6000.00; budget 5000.00.
    expect(hardware).toMatchObject({
      actualCents: 100_000,
      forecastCents: 600_000,
      budgetCents: 500_000,
      varianceCents: 100_000,
    });
  });
});
