import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { billOfItCsv } from "../../domain/costs/bill-of-it.js";
import { TandemError } from "../../domain/errors.js";
import { costModelInput, costPeriod } from "../../domain/schemas/cost-model.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories, type Repositories } from "../../store/repositories/index.js";
import { allocatePeriodCosts } from "../../use-cases/allocate-period-costs.js";
import { getBillOfIt } from "../../use-cases/get-bill-of-it.js";
import { importCostQuantities } from "../../use-cases/import-cost-quantities.js";
import { importLedgerFile } from "../../use-cases/import-ledger-file.js";
import { renderBillPdf } from "../../use-cases/render-bill-pdf.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

interface StoreFlags {
  dataDir?: string;
}

const withCosts = async <T>(config: TandemConfig, use: (r: Repositories) => Promise<T>): Promise<T> => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    return await use(createRepositories(store.db, systemActor("cli costs")));
  } finally {
    await store.close();
  }
};

const period = (value: string, flag: string): string => {
  const parsed = costPeriod.safeParse(value);
  if (!parsed.success) throw new TandemError("validation", `${flag} ${value}: expected a month as YYYY-MM`);
  return parsed.data;
};

const euros = (cents: number) => (cents / 100).toFixed(2);

/** "USD=0.92" (repeatable) → { USD: 0.92 }. */
const collectRate = (value: string, rates: Record<string, number>) => {
  const m = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!m || Number(m[2]) <= 0)
    throw new TandemError("validation", `--rate ${value}: expected a rate such as USD=0.92`);
  return { ...rates, [m[1] as string]: Number(m[2]) };
};

/** `tandem costs …`: the cost model, ledger import, allocation and bills of IT from the shell. */
export const addCostsCommands = (
  program: Command,
  out: CliOutput,
  configFor: (flags: StoreFlags) => TandemConfig,
) => {
  const costs = program
    .command("costs")
    .description("cost transparency: model, ledger, allocation, bills of IT");
  costs
    .command("model")
    .description("print a month's cost model as JSON, or replace it with --set <file>")
    .requiredOption("--period <month>", "the month, YYYY-MM")
    .option("--set <file>", "a JSON cost model to store for the month")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: StoreFlags & { period: string; set?: string }) =>
      withCosts(configFor(flags), async (r) => {
        const month = period(flags.period, "--period");
        if (flags.set) {
          let json: unknown;
          try {
            json = JSON.parse(await readFile(flags.set, "utf8"));
          } catch (error) {
            throw new TandemError(
              "validation",
              `${flags.set}: not a JSON file (${(error as Error).message})`,
            );
          }
          const model = costModelInput.safeParse(json);
          if (!model.success) {
            throw new TandemError("validation", `${flags.set}: not a cost model`, {
              issues: model.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
            });
          }
          const saved = await r.costs.putModel(month, model.data);
          out.result(`stored the cost model of ${month} (version ${saved.version})`);
          return;
        }
        const record = await r.costs.model(month);
        if (!record) throw new TandemError("not_found", `there is no cost model for ${month}`);
        out.result(JSON.stringify(record.model, null, 2));
      }),
    );
  costs
    .command("copy-model")
    .description("copy a month's cost model to a month that has none")
    .requiredOption("--from <month>", "the month to copy, YYYY-MM")
    .requiredOption("--to <month>", "the month to create, YYYY-MM")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: StoreFlags & { from: string; to: string }) =>
      withCosts(configFor(flags), async (r) => {
        await r.costs.copyModel(period(flags.from, "--from"), period(flags.to, "--to"));
        out.result(`copied the cost model of ${flags.from} to ${flags.to}`);
      }),
    );
  costs
    .command("ledger")
    .description(
      "import a general-ledger CSV (account, cost_centre, vendor, amount, currency, period); all or nothing",
    )
    .argument("<file>", "the ledger CSV")
    .option(
      "--rate <CUR=rate>",
      "exchange rate into the workspace currency, e.g. USD=0.92 (repeatable)",
      collectRate,
      {},
    )
    .option("--dry-run", "check and map every line; write nothing")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: StoreFlags & { rate: Record<string, number>; dryRun?: boolean }) =>
      withCosts(configFor(flags), async (r) => {
        const report = await importLedgerFile({
          repositories: r,
          file,
          source: file,
          rates: flags.rate,
          dryRun: Boolean(flags.dryRun),
        });
        if (report.status === "rejected") {
          throw new TandemError(
            "validation",
            `${report.errors.length} problem(s) in ${file}, so nothing was imported`,
            {
              issues: report.errors.slice(0, 50).map((e) => ({
                path: `line ${e.line}${e.field ? ` (${e.field})` : ""}`,
                message: e.message,
              })),
            },
          );
        }
        out.result(
          `${report.status === "dry-run" ? "dry run of" : "imported"} ${file}: ${report.lines} lines, ${euros(report.totalCents)} in ${report.periods.join(", ")}`,
        );
      }),
    );
  costs
    .command("quantities")
    .description("import driver quantities (name, target, value) such as CPU hours into a month's model")
    .argument("<file>", "CSV with columns name, target (service or unit name, or a node), value")
    .requiredOption("--period <month>", "the month, YYYY-MM")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: StoreFlags & { period: string }) =>
      withCosts(configFor(flags), async (r) => {
        const report = await importCostQuantities({
          repositories: r,
          file,
          source: file,
          period: period(flags.period, "--period"),
        });
        if (report.status === "rejected") {
          throw new TandemError(
            "validation",
            `${report.errors.length} problem(s) in ${file}, so nothing was imported`,
            {
              issues: report.errors.slice(0, 50).map((e) => ({
                path: `line ${e.line}${e.field ? ` (${e.field})` : ""}`,
                message: e.message,
              })),
            },
          );
        }
        out.result(
          `imported ${report.quantities} quantities (${report.names.join(", ")}) into the model of ${flags.period}`,
        );
      }),
    );
  costs
    .command("allocate")
    .description("allocate a month's ledger through its model to business units")
    .requiredOption("--period <month>", "the month, YYYY-MM")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: StoreFlags & { period: string }) =>
      withCosts(configFor(flags), async (r) => {
        const s = await allocatePeriodCosts({ repositories: r, period: period(flags.period, "--period") });
        out.result(
          `${s.period}: ledger ${euros(s.ledgerTotalCents)} = units ${euros(s.allocatedToUnitsCents)} + unallocated ${euros(s.unallocatedCents)}`,
        );
        for (const u of s.unallocated)
          out.result(`  unallocated ${euros(u.cents)} at ${u.node}: ${u.reason}`);
        for (const w of s.warnings) out.info(`warning: ${w}`);
      }),
    );
  costs
    .command("bill")
    .description("a business unit's bill of IT for a month (text, --csv or --pdf <file>)")
    .requiredOption("--unit <name>", "the business unit, by name or code")
    .requiredOption("--period <month>", "the month, YYYY-MM")
    .option("--csv", "print the bill as CSV")
    .option("--pdf <file>", "write the bill as PDF")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: StoreFlags & { unit: string; period: string; csv?: boolean; pdf?: string }) =>
      withCosts(configFor(flags), async (r) => {
        const units = await r.businessUnits.list({ limit: 500, q: flags.unit, includeArchived: false });
        const unit = units.items.find(
          (u) =>
            u.name.toLowerCase() === flags.unit.toLowerCase() ||
            u.code?.toLowerCase() === flags.unit.toLowerCase(),
        );
        if (!unit) throw new TandemError("not_found", `no business unit named ${flags.unit}`);
        const bill = await getBillOfIt({
          repositories: r,
          businessUnitId: unit.id,
          period: period(flags.period, "--period"),
        });
        if (flags.pdf) {
          await writeFile(flags.pdf, await renderBillPdf(bill));
          out.result(`wrote the bill of IT of ${bill.businessUnitName} for ${bill.period} to ${flags.pdf}`);
          return;
        }
        if (flags.csv) {
          out.result(billOfItCsv(bill).trimEnd());
          return;
        }
        out.result(
          `Bill of IT: ${bill.businessUnitName}, ${bill.period}: ${euros(bill.totalCents)} ${bill.currency}`,
        );
        for (const l of bill.lines) {
          const change = l.changePct === null ? "" : ` (${l.changePct > 0 ? "+" : ""}${l.changePct} %)`;
          out.result(
            `  ${l.name.padEnd(32)} ${euros(l.cents).padStart(12)}${change}  ${l.basis}, ${l.tickets} tickets`,
          );
        }
      }),
    );
};
