import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nordwindCostPeriods } from "../../src/domain/demo/nordwind-costs.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { createDemoOrganisation } from "../../src/use-cases/create-demo-organisation.js";
import { getBillOfIt } from "../../src/use-cases/get-bill-of-it.js";
import { getGoalCosts } from "../../src/use-cases/get-goal-costs.js";
import { openTestStore } from "../support/test-store.js";

/** The demo organisation comes with a year of ledger, allocated, so bills of IT show at once. */
describe("the demo's costs", () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore("pglite");
    await createDemoOrganisation({ db: store.db, seed: 42, tickets: 3000 });
  }, 240_000);
  afterAll(async () => {
    await store.close();
  });

  it("allocates all twelve months, each conserving its ledger to the cent with a visible unallocated line", async () => {
    const rows = await sql<{ period: string; ledger: number; units: number; unallocated: number }>`
      SELECT l.period, l.ledger,
        (SELECT coalesce(sum(cents), 0) FROM cost_flow f WHERE f.period = l.period AND f.unit_id IS NOT NULL)::bigint AS units,
        (SELECT coalesce(sum(cents), 0) FROM cost_unallocated u WHERE u.period = l.period)::bigint AS unallocated
      FROM (SELECT period, sum(amount_cents)::bigint AS ledger FROM ledger_line GROUP BY period) l
      ORDER BY l.period`.execute(store.db);
    expect(rows.rows.map((r) => r.period)).toEqual(nordwindCostPeriods);
    for (const r of rows.rows) {
      expect(r.units + r.unallocated, r.period).toBe(r.ledger);
      expect(r.unallocated, r.period).toBeGreaterThan(0);
      // A mid-sized retailer: roughly 0.7 to 1.6 million euros of IT a month.
      expect(r.ledger).toBeGreaterThan(70_000_000);
      expect(r.ledger).toBeLessThan(160_000_000);
    }
  });

  it("bills E-Commerce with month-over-month change and spreads spend over goals", async () => {
    const repositories = createRepositories(store.db, systemActor("test"));
    const eCommerce = (
      await sql<{ id: string }>`SELECT id FROM business_unit WHERE name = 'E-Commerce'`.execute(store.db)
    ).rows[0]?.id as string;
    const bill = await getBillOfIt({ repositories, businessUnitId: eCommerce, period: "2026-10" });
    expect(bill.lines.length).toBeGreaterThan(3);
    expect(bill.previousTotalCents).not.toBeNull();
    const webShop = bill.lines.find((l) => l.name === "Web Shop");
    expect(webShop?.tickets).toBeGreaterThan(0);
    // What the unit got, from the service scorecard of the month.
    expect(webShop?.slaAttainmentPct).not.toBeNull();
    const spend = await getGoalCosts({ repositories, period: "2026-10" });
    expect(spend.goals.reduce((s, g) => s + g.cents, 0) + spend.noGoalCents).toBe(spend.totalCents);
    expect(spend.byCategory.grow).toBeGreaterThan(0);
  });
});
