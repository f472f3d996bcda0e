import { parse } from "csv-parse/sync";
import type { FieldIssue } from "../errors.js";
import type { KpiFrequency } from "../schemas/kpi.js";
import { periodHolding } from "./period.js";

/**
 * A CSV of business measurements: a header naming `kpi`, `date` and `value` (any order, any case),
 * one row per KPI and date. `kpi` is the KPI's name or id; `date` is YYYY-MM-DD; `value` a plain
 * number (a decimal point, no thousands separators, so 1,234 is refused rather than misread).
 */
export interface MeasurementRow {
  line: number;
  kpi: string;
  measuredOn: string;
  value: number;
}

const columns = ["kpi", "date", "value"] as const;

export const parseMeasurementFile = (text: string): { rows: MeasurementRow[]; issues: FieldIssue[] } => {
  const issues: FieldIssue[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { rows: [], issues: [{ path: `line ${e.lines ?? 1}`, message: e.message }] };
  }
  const header = records[0];
  if (!header)
    return {
      rows: [],
      issues: [{ path: "line 1", message: "the file is empty; expected a header kpi,date,value" }],
    };
  const at = new Map(header.record.map((name, i) => [name.toLowerCase(), i]));
  const missing = columns.filter((c) => !at.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      issues: [
        {
          path: "line 1",
          message: `the header lacks ${missing.join(", ")}; expected the columns kpi, date, value`,
        },
      ],
    };
  }
  const rows: MeasurementRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (c: (typeof columns)[number]) => record[at.get(c) as number] ?? "";
    const column = (c: (typeof columns)[number]) => (at.get(c) as number) + 1;
    const kpi = cell("kpi");
    const date = cell("date");
    const raw = cell("value");
    let ok = true;
    if (record.length > header.record.length) {
      issues.push({
        path: `line ${line}, column ${header.record.length + 1}`,
        message: `expected ${header.record.length} columns, got ${record.length}; quote a value with a comma in it, and write numbers without thousands separators`,
      });
      ok = false;
    }
    if (!kpi) {
      issues.push({
        path: `line ${line}, column ${column("kpi")}`,
        message: "kpi: expected a KPI name or id",
      });
      ok = false;
    }
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      issues.push({
        path: `line ${line}, column ${column("date")}`,
        message: `date: expected YYYY-MM-DD, got "${date.slice(0, 40)}"`,
      });
      ok = false;
    }
    const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value) || Math.abs(value) > 1e15) {
      issues.push({
        path: `line ${line}, column ${column("value")}`,
        message: `value: expected a number such as 1234.5, got "${raw.slice(0, 40)}"`,
      });
      ok = false;
    }
    if (ok) rows.push({ line, kpi, measuredOn: date, value });
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push({ path: "line 2", message: "the file has a header but no measurements" });
  return { rows, issues };
};

/**
 * Within one KPI's rows of a file: two rows in the same period are a duplicate, and a period with
 * no row between the first and the last is a gap. Both are refused, naming the KPI and the field.
 */
export const seriesProblems = (
  kpiName: string,
  frequency: KpiFrequency,
  rows: readonly MeasurementRow[],
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const byPeriod = new Map<string, MeasurementRow>();
  for (const row of rows) {
    const period = periodHolding(row.measuredOn, frequency);
    const first = byPeriod.get(period.label);
    if (first) {
      issues.push({
        path: `line ${row.line}, column date`,
        message: `KPI "${kpiName}" (${frequency}): date ${row.measuredOn} is a duplicate of line ${first.line} for period ${period.label}`,
      });
    } else byPeriod.set(period.label, row);
  }
  const starts = [...byPeriod.values()]
    .map((r) => periodHolding(r.measuredOn, frequency))
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < starts.length; i++) {
    const prev = starts[i - 1];
    const next = starts[i];
    if (prev && next && prev.end !== next.start) {
      const missing = periodHolding(prev.end, frequency).label;
      const row = byPeriod.get(next.label);
      issues.push({
        path: `line ${row?.line ?? 0}, column date`,
        message: `KPI "${kpiName}" (${frequency}): gap, no value for ${missing}${periodHolding(prev.end, frequency).end !== next.start ? ` to the period before ${next.label}` : ""} between ${prev.label} and ${next.label}`,
      });
    }
  }
  return issues;
};
