import {
  type LedgerField,
  type LedgerLine,
  type LedgerProblem,
  ledgerColumns,
  normaliseHeader,
  readLedgerRow,
  requiredLedgerFields,
} from "../domain/costs/ledger-line.js";
import { TandemError } from "../domain/errors.js";
import type { CostModel, LedgerImportReport } from "../domain/schemas/cost-model.js";
import { csvTable } from "../ingest/csv-rows.js";
import { decodedChunks } from "../ingest/decoded-text.js";
import { inputError } from "../ingest/input-error.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ImportLedgerFileOptions {
  repositories: Repositories;
  /** The CSV on disk (the API stores an upload in a temporary folder first). */
  file: string;
  /** What errors and the audit log call the file. */
  source: string;
  /** Exchange rates into the workspace currency, e.g. { USD: 0.92 }. */
  rates?: Record<string, number>;
  dryRun?: boolean;
  delimiter?: string;
}

/** Problems listed in a rejected report; the count beyond is still given in the message. */
const MAX_REPORTED = 1000;

/**
 * A general-ledger or cost-centre CSV into the ledger: each line is checked (line and field named
 * in every error) and mapped to a cost pool by its month's model. All or nothing: one bad line
 * and nothing is written. A file replaces the ledger of the months it contains, so importing the
 * same file again changes nothing.
 */
export const importLedgerFile = async (o: ImportLedgerFileOptions): Promise<LedgerImportReport> => {
  const costs = o.repositories.costs;
  const table = await csvTable(
    o.source,
    decodedChunks(o.file),
    o.delimiter ? { delimiter: o.delimiter } : {},
  );
  const columnOf = new Map<LedgerField, string>();
  for (const name of table.header) {
    const normal = normaliseHeader(name);
    for (const [field, aliases] of Object.entries(ledgerColumns) as [LedgerField, readonly string[]][]) {
      if (aliases.includes(normal) && !columnOf.has(field)) columnOf.set(field, name);
    }
  }
  const missing = requiredLedgerFields.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    throw inputError(
      o.source,
      `missing column${missing.length > 1 ? "s" : ""} ${missing.map((f) => ledgerColumns[f][0]).join(", ")}; the header has ${table.header.join(", ")}`,
      table.headerLine,
    );
  }
  const models = new Map<string, CostModel | null>();
  const workspaceCurrency = await costs.currency("9999-12");
  // Models are looked up once per month before the rows are checked (rows are checked synchronously).
  const lines: LedgerLine[] = [];
  const problems: LedgerProblem[] = [];
  let problemCount = 0;
  const pending: { line: number; fields: Partial<Record<LedgerField, string>> }[] = [];
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      problemCount += 1;
      if (problems.length < MAX_REPORTED)
        problems.push({ line: item.line, field: "", message: item.message });
      continue;
    }
    const fields: Partial<Record<LedgerField, string>> = {};
    for (const [field, column] of columnOf) fields[field] = item.fields[column] ?? "";
    pending.push({ line: item.line, fields });
    const month = /^(\d{4}-\d{2})/.exec((fields.period ?? "").trim())?.[1];
    if (month && !models.has(month)) models.set(month, (await costs.model(month))?.model ?? null);
  }
  for (const p of pending) {
    const read = readLedgerRow(p.line, p.fields, {
      currency: workspaceCurrency,
      rates: o.rates ?? {},
      modelOf: (period) => models.get(period) ?? null,
    });
    if ("line" in read) lines.push(read.line);
    else {
      problemCount += read.problems.length;
      for (const problem of read.problems) if (problems.length < MAX_REPORTED) problems.push(problem);
    }
  }
  if (pending.length === 0 && problemCount === 0)
    throw inputError(o.source, "no ledger lines: the file has only a header");
  const periods = [...new Set(lines.map((l) => l.period))].sort();
  const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  if (problemCount > 0) {
    return { status: "rejected", lines: pending.length, totalCents, periods, errors: problems };
  }
  if (o.dryRun) return { status: "dry-run", lines: lines.length, totalCents, periods, errors: [] };
  if (!Number.isSafeInteger(totalCents))
    throw new TandemError("validation", `${o.source}: the ledger total is too large`);
  await costs.replaceLedger(periods, lines, o.source);
  return { status: "imported", lines: lines.length, totalCents, periods, errors: [] };
};
