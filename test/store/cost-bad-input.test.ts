import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTandemError, type TandemError } from "../../src/domain/errors.js";
import { type CostModelInput, costModelInput } from "../../src/domain/schemas/cost-model.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { allocatePeriodCosts } from "../../src/use-cases/allocate-period-costs.js";
import { importLedgerFile } from "../../src/use-cases/import-ledger-file.js";
import {
  COST_LEDGER_CSV,
  COST_PERIOD,
  type CostWorld,
  makeCostWorld,
  writeTempCsv,
} from "../support/cost-factories.js";
import { makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/** Every kind of bad input the issue names, each with its clear error or visible warning. */
describe.each(testBackends())("bad cost input on %s", (backend) => {
  let store: Store;
  let sys: Repositories;
  let world: CostWorld;

  const ledger = async (text: string, rates?: Record<string, number>) =>
    importLedgerFile({
      repositories: sys,
      file: await writeTempCsv("bad.csv", text),
      source: "bad.csv",
      ...(rates ? { rates } : {}),
    });
  const lineCount = async () =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_line`.execute(store.db)).rows[0]?.n,
    );
  const allocateWith = async (change: (m: CostModelInput) => CostModelInput): Promise<TandemError> => {
    await sys.costs.putModel(COST_PERIOD, costModelInput.parse(change(structuredClone(world.model))));
    try {
      await allocatePeriodCosts({ repositories: sys, period: COST_PERIOD });
    } catch (error) {
      if (isTandemError(error)) return error;
      throw error;
    }
    throw new Error("the allocation was not refused");
  };

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
    world = await makeCostWorld(sys, store.db);
    await ledger(COST_LEDGER_CSV, { USD: 0.9 });
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it("rejects a file with bad lines as a whole, naming line and field, and writes nothing", async () => {
    const before = await lineCount();
    const report = await ledger(
      [
        "account,cost_centre,vendor,amount,currency,period",
        "6000,CC-IT,Acme,12.345,EUR,2026-10",
        "7000,CC-UNKNOWN,Dell,5.00,EUR,2026-10",
        "6000,CC-IT,Acme,5.00,GBP,2026-10",
        "6000,,Acme,5.00,EUR,2026-13",
        "6000,CC-IT,Acme,5.00,EUR,2026-10",
        "6000,CC-IT,Acme,5.00,EUR,2030-01",
      ].join("\n"),
    );
    expect(report.status).toBe("rejected");
    expect(report.errors).toEqual([
      { line: 2, field: "amount", message: '"12.345" is not an amount such as 1234.56' },
      // CC-UNKNOWN with account 7000 matches no mapping entry: an unknown cost centre.
      {
        line: 3,
        field: "cost_centre",
        message: "no pool mapping matches account 7000 and cost centre CC-UNKNOWN",
      },
      { line: 4, field: "currency", message: "GBP needs an exchange rate to EUR (none given)" },
      { line: 5, field: "cost_centre", message: "is empty" },
      { line: 5, field: "period", message: '"2026-13" is not a month (YYYY-MM) or a date (YYYY-MM-DD)' },
      { line: 7, field: "period", message: "there is no cost model for 2030-01; create or copy one first" },
    ]);
    expect(await lineCount()).toBe(before);
  });

  it("rejects an unknown pool named in the file", async () => {
    const report = await ledger("account,cost_centre,amount,period,pool\n6000,CC-IT,1.00,2026-10,quantum\n");
    expect(report.errors).toEqual([{ line: 2, field: "pool", message: 'unknown cost pool "quantum"' }]);
  });

  it("names a missing column and an empty file", async () => {
    await expect(ledger("account,vendor,amount\n6000,Acme,1.00\n")).rejects.toThrow(
      "bad.csv: missing columns cost_centre, period; the header has account, vendor, amount (line 1)",
    );
    await expect(ledger("")).rejects.toThrow(/no rows: the file is empty/);
  });

  it("refuses a model whose rule points at an archived service", async () => {
    const old = await makeService(sys, { name: "Old fax" });
    await sys.services.archive(old.id);
    const error = await allocateWith((m) => ({
      ...m,
      rules: [
        ...(m.rules ?? []),
        { id: "fax", source: "tower:output", method: "direct", targets: [{ node: `service:${old.id}` }] },
      ],
    }));
    expect(error.code).toBe("validation");
    expect(error.issues).toEqual([
      { path: "rules.6.targets.0.node", message: 'rule fax: service "Old fax" is archived' },
    ]);
  });

  it("refuses unknown pools and towers in rules", async () => {
    const error = await allocateWith((m) => ({
      ...m,
      rules: [
        ...(m.rules ?? []),
        { id: "x", source: "pool:quantum", method: "direct", targets: [{ node: "tower:warp" }] },
      ],
    }));
    expect(error.issues.map((i) => i.message)).toEqual([
      'rule x: unknown cost pool "quantum"',
      'rule x: unknown tower "warp"',
    ]);
  });

  it("refuses percentages over 100 % and at 0 %", async () => {
    const over = await allocateWith((m) => ({
      ...m,
      rules: (m.rules ?? []).map((r) =>
        r.id === "compute"
          ? {
              ...r,
              targets: [
                { node: `service:${world.crm}`, percent: 80 },
                { node: `service:${world.payroll}`, percent: 30 },
              ],
            }
          : r,
      ),
    }));
    expect(over.issues).toEqual([
      { path: "rules.5.targets", message: "rule compute: the percentages add up to 110 %, over 100 %" },
    ]);
    const zero = await allocateWith((m) => ({
      ...m,
      rules: (m.rules ?? []).map((r) =>
        r.id === "compute" ? { ...r, targets: [{ node: `service:${world.crm}`, percent: 0 }] } : r,
      ),
    }));
    expect(zero.issues).toEqual([
      { path: "rules.5.targets", message: "rule compute: the percentages add up to 0 %" },
    ]);
  });

  it("refuses a negative driver, naming the target", async () => {
    const error = await allocateWith((m) => ({
      ...m,
      quantities: [
        { name: "licences", node: `service:${world.crm}`, value: -5 },
        { name: "licences", node: `service:${world.email}`, value: 5 },
      ],
    }));
    expect(error.issues).toEqual([
      {
        path: "rules.2.targets.0",
        message: "rule licences: driver quantity:licences is negative (-5) for CRM",
      },
    ]);
  });

  it("refuses a cycle among rules and names it", async () => {
    const error = await allocateWith((m) => ({
      ...m,
      rules: [
        ...(m.rules ?? []),
        {
          id: "crm-back",
          source: `service:${world.crm}`,
          method: "direct",
          targets: [{ node: "tower:application" }],
        },
      ],
    }));
    expect(error.code).toBe("cycle");
    // Walked from the first pool in key order (hardware → compute → CRM), the cycle closes at CRM.
    expect(error.message).toBe("allocation rules form a cycle: CRM → Application → CRM");
  });

  it("warns when a driver is zero for every target and shows the money as unallocated", async () => {
    await sys.costs.putModel(COST_PERIOD, costModelInput.parse({ ...world.model, quantities: [] }));
    const summary = await allocatePeriodCosts({ repositories: sys, period: COST_PERIOD });
    expect(summary.warnings).toContain(
      "rule licences: driver quantity:licences is zero for every target; Software stays unallocated",
    );
    expect(summary.unallocated).toContainEqual({
      node: "pool:software",
      cents: 33_333,
      reason: "rule licences: the driver adds up to zero over its targets",
    });
    expect(summary.allocatedToUnitsCents + summary.unallocatedCents).toBe(212_334);
  });
});
