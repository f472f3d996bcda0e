import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/store/actor.js";
import { migrate } from "../../src/store/migrate.js";
import { openStore } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { COST_LEDGER_CSV, makeCostWorld, writeTempCsv } from "../support/cost-factories.js";
import { runCli } from "../support/run-cli.js";

let root: string;
const run = (args: string[]) => runCli(args, join(root, "store"));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tandem-costs-cli-"));
  const store = await openStore({ kind: "pglite", dataDir: join(root, "store") });
  await migrate(store.db);
  await makeCostWorld(createRepositories(store.db, systemActor("test")), store.db);
  await store.close();
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("tandem costs", () => {
  it("refuses a ledger with a foreign currency and no rate, naming the line (exit 2)", async () => {
    const { code, lines } = await run(["costs", "ledger", await writeTempCsv("cli.csv", COST_LEDGER_CSV)]);
    expect(code).toBe(2);
    expect(lines.error.join("\n")).toContain(
      "line 6 (currency): USD needs an exchange rate to EUR (none given)",
    );
  });

  it("imports with a rate, allocates and prints the bill as text, CSV and PDF", async () => {
    const imported = await run([
      "costs",
      "ledger",
      await writeTempCsv("cli.csv", COST_LEDGER_CSV),
      "--rate",
      "USD=0.9",
    ]);
    expect(imported.code, imported.lines.error.join("\n")).toBe(0);
    expect(imported.lines.result[0]).toMatch(/: 5 lines, 2123\.34 in 2026-10$/);
    const allocated = await run(["costs", "allocate", "--period", "2026-10"]);
    expect(allocated.lines.result[0]).toBe("2026-10: ledger 2123.34 = units 2023.34 + unallocated 100.00");
    const bill = await run(["costs", "bill", "--unit", "Sales", "--period", "2026-10"]);
    expect(bill.lines.result[0]).toBe("Bill of IT: Sales, 2026-10: 1492.51 EUR");
    const csv = await run(["costs", "bill", "--unit", "HR", "--period", "2026-10", "--csv"]);
    expect(csv.lines.result[0]).toContain("2026-10,HR,Total,total,530.83");
    const pdfFile = join(root, "bill.pdf");
    await run(["costs", "bill", "--unit", "HR", "--period", "2026-10", "--pdf", pdfFile]);
    expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("copies the model to the next month and refuses a bad month", async () => {
    expect((await run(["costs", "copy-model", "--from", "2026-10", "--to", "2026-11"])).code).toBe(0);
    const bad = await run(["costs", "allocate", "--period", "2026-13"]);
    expect(bad.code).toBe(2);
    expect(bad.lines.error.join("\n")).toContain("--period 2026-13: expected a month as YYYY-MM");
  });

  it("imports driver quantities by service name, and names every bad line", async () => {
    const bad = await run([
      "costs",
      "quantities",
      await writeTempCsv("q.csv", "name,target,value\nlicences,Nobody,5\nlicences,CRM,-1\n"),
      "--period",
      "2026-10",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.lines.error.join("\n")).toContain(
      'line 2 (target): no service or business unit is called "Nobody"',
    );
    expect(bad.lines.error.join("\n")).toContain("line 3 (value): a driver quantity cannot be negative (-1)");
    const good = await run([
      "costs",
      "quantities",
      await writeTempCsv("q.csv", "name,target,value\nlicences,CRM,10\ncpu-hours,tower:compute,2.5\n"),
      "--period",
      "2026-10",
    ]);
    expect(good.lines.result[0]).toBe(
      "imported 2 quantities (cpu-hours, licences) into the model of 2026-10",
    );
    const model = JSON.parse((await run(["costs", "model", "--period", "2026-10"])).lines.result[0] ?? "{}");
    // The file's licences replace both earlier licence values; cpu-hours is new.
    expect(model.quantities.map((q: { name: string; value: number }) => [q.name, q.value])).toEqual([
      ["licences", 10],
      ["cpu-hours", 2.5],
    ]);
  });
});
