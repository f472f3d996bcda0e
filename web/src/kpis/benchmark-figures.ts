import { formatKpiValue } from "../../../src/domain/kpis/kpi-format.js";
import type { BenchmarkSet, BenchmarkValue } from "../../../src/domain/schemas/benchmark.js";
import type { KpiUnit } from "../../../src/domain/schemas/kpi.js";

export interface ApplicableFigure extends BenchmarkValue {
  /** The name of the set the figure comes from. */
  set: string;
}

/**
 * The figures that apply to a KPI: those kept for the library KPI it measures. A KPI that names no
 * library KPI has none (figures are never matched by name or unit: "Incident happiness 67" is only
 * comparable with a KPI known to measure happiness).
 */
export const figuresFor = (sets: readonly BenchmarkSet[], templateKey: string | null): ApplicableFigure[] =>
  templateKey === null
    ? []
    : sets.flatMap((s) =>
        s.values.filter((v) => v.templateKey === templateKey).map((v) => ({ ...v, set: s.name })),
      );

/**
 * The KPI units, as the domain schema lists them (kept here as plain values so that the KPI page
 * does not load the schema library; test/web/kpi-form-values.test.ts checks they agree).
 */
export const kpiUnits: readonly KpiUnit[] = [
  "percent",
  "hours",
  "minutes",
  "days",
  "count",
  "cents",
  "score",
  "number",
];

/** A figure with its unit: a KPI unit as KPIs show it ("67", "3 h"), any other unit after the number. */
export const benchmarkFigure = (value: number, unit: string): string => {
  const known = kpiUnits.find((u) => u === unit);
  return known ? formatKpiValue(value, known) : `${formatKpiValue(value, "number")} ${unit}`;
};
