import type { LedgerProblem } from "../domain/costs/ledger-line.js";
import { TandemError } from "../domain/errors.js";
import { costModelInput, costNode } from "../domain/schemas/cost-model.js";
import { csvTable } from "../ingest/csv-rows.js";
import { decodedChunks } from "../ingest/decoded-text.js";
import { inputError } from "../ingest/input-error.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ImportCostQuantitiesOptions {
  repositories: Repositories;
  file: string;
  source: string;
  period: string;
}

export interface CostQuantitiesReport {
  status: "imported" | "rejected";
  quantities: number;
  names: string[];
  errors: LedgerProblem[];
}

/**
 * Imported quantities (CPU hours, licences, storage …) for `quantity:<name>` drivers: a CSV with
 * columns name, target (a service or business unit by name, or a node such as tower:compute) and
 * value, into the month's model. Each quantity named in the file replaces that quantity's values;
 * every problem names its line and field, and a file with problems changes nothing.
 */
export const importCostQuantities = async (o: ImportCostQuantitiesOptions): Promise<CostQuantitiesReport> => {
  const costs = o.repositories.costs;
  const record = await costs.model(o.period);
  if (!record)
    throw new TandemError("not_found", `there is no cost model for ${o.period}; create or copy one first`);
  const names = await costs.graphNames();
  const byName = new Map<string, string[]>();
  for (const [node, name] of names)
    byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), node]);
  const table = await csvTable(o.source, decodedChunks(o.file));
  const missing = ["name", "target", "value"].filter((c) => table.columnOf(c) === undefined);
  if (missing.length > 0) {
    throw inputError(
      o.source,
      `missing column(s) ${missing.join(", ")}; expected name, target, value`,
      table.headerLine,
    );
  }
  const errors: LedgerProblem[] = [];
  const rows: { name: string; node: string; value: number }[] = [];
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      errors.push({ line: item.line, field: "", message: item.message });
      continue;
    }
    const name = (item.fields.name ?? "").trim();
    const target = (item.fields.target ?? "").trim();
    const valueText = (item.fields.value ?? "").trim();
    const value = Number(valueText);
    const before = errors.length;
    if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(name)) {
      errors.push({ line: item.line, field: "name", message: `"${name}" is not a key such as cpu-hours` });
    }
    if (valueText === "" || !Number.isFinite(value)) {
      errors.push({ line: item.line, field: "value", message: `"${valueText}" is not a number` });
    } else if (value < 0) {
      errors.push({
        line: item.line,
        field: "value",
        message: `a driver quantity cannot be negative (${valueText})`,
      });
    }
    let node = costNode.safeParse(target).success ? target : null;
    if (!node) {
      const found = byName.get(target.toLowerCase()) ?? [];
      if (found.length === 1) node = found[0] as string;
      else {
        errors.push({
          line: item.line,
          field: "target",
          message:
            found.length === 0
              ? `no service or business unit is called "${target}"`
              : `"${target}" names both a service and a business unit; write service:<id> or unit:<id>`,
        });
      }
    }
    if (errors.length === before && node) rows.push({ name, node, value });
  }
  const fileNames = [...new Set(rows.map((r) => r.name))].sort();
  if (errors.length > 0) return { status: "rejected", quantities: 0, names: fileNames, errors };
  if (rows.length === 0) throw inputError(o.source, "no quantities: the file has only a header");
  const kept = record.model.quantities.filter((q) => !fileNames.includes(q.name));
  await costs.putModel(
    o.period,
    costModelInput.parse({ ...record.model, quantities: [...kept, ...rows] }),
    record.version,
  );
  return { status: "imported", quantities: rows.length, names: fileNames, errors: [] };
};
