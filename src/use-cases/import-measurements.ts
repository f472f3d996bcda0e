import { type FieldIssue, TandemError } from "../domain/errors.js";
import {
  type MeasurementRow,
  parseMeasurementFile,
  seriesProblems,
} from "../domain/kpis/measurement-file.js";
import type { Kpi } from "../domain/schemas/kpi.js";
import type { MeasurementImportResult } from "../domain/schemas/measurement.js";
import { requirePermission } from "../store/access.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ImportMeasurementsOptions {
  repositories: Repositories;
  /** The CSV text: kpi,date,value. */
  text: string;
  /** Check everything, write nothing. */
  dryRun?: boolean;
}

const MAX_ISSUES = 100;

/**
 * Imports a file of business measurements, all or nothing. Refused with every problem named by
 * line and column: unknown KPIs, KPIs that are not measured by hand, bad dates or numbers, two
 * values in one period of a KPI, and periods missing between a KPI's first and last value.
 */
export const importMeasurements = async (
  options: ImportMeasurementsOptions,
): Promise<MeasurementImportResult> => {
  requirePermission(options.repositories.actor, "business-graph:write");
  const { rows, issues } = parseMeasurementFile(options.text);
  const kpis = await options.repositories.kpiData.allKpis();
  const byName = new Map<string, Kpi>();
  for (const k of kpis) {
    byName.set(k.name.toLowerCase(), k);
    byName.set(k.id, k);
  }
  const grouped = new Map<string, { kpi: Kpi; rows: MeasurementRow[] }>();
  for (const row of rows) {
    const kpi = byName.get(row.kpi.toLowerCase()) ?? byName.get(row.kpi);
    if (!kpi) {
      issues.push({
        path: `line ${row.line}, column kpi`,
        message: `kpi: no KPI named "${row.kpi.slice(0, 100)}"`,
      });
      continue;
    }
    if (kpi.source.kind !== "measurement") {
      issues.push({
        path: `line ${row.line}, column kpi`,
        message: `kpi: "${kpi.name}" is computed from its ${kpi.source.kind} source and takes no measurements`,
      });
      continue;
    }
    const group = grouped.get(kpi.id) ?? { kpi, rows: [] };
    group.rows.push(row);
    grouped.set(kpi.id, group);
  }
  for (const { kpi, rows: series } of grouped.values())
    issues.push(...seriesProblems(kpi.name, kpi.frequency, series));
  if (issues.length > 0) {
    const sorted: FieldIssue[] = issues.sort((a, b) => lineOf(a) - lineOf(b)).slice(0, MAX_ISSUES);
    throw new TandemError(
      "validation",
      `the measurement file has ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was imported`,
      { issues: sorted },
    );
  }
  const flat = [...grouped.values()].flatMap(({ kpi, rows: series }) =>
    series.map((r) => ({ kpiId: kpi.id, measuredOn: r.measuredOn, value: r.value })),
  );
  if (!options.dryRun) await options.repositories.kpiData.importMeasurements(flat);
  return {
    inserted: options.dryRun ? 0 : flat.length,
    kpis: [...grouped.values()].map(({ kpi, rows: series }) => ({
      kpiId: kpi.id,
      name: kpi.name,
      rows: series.length,
    })),
  };
};

const lineOf = (issue: FieldIssue) => Number(/line (\d+)/.exec(issue.path)?.[1] ?? 0);
