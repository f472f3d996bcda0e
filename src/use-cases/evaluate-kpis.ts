import { evaluate, targetFor } from "../domain/kpis/achievement.js";
import type { KpiSourceReading } from "../domain/kpis/kpi-source.js";
import { type Period, parsePeriod } from "../domain/kpis/period.js";
import type { Kpi, KpiReading, KpiSourceKind } from "../domain/schemas/kpi.js";
import type { Repositories } from "../store/repositories/index.js";
import type { KpiSourceRegistry } from "./kpi-source-registry.js";

export interface EvaluateKpisOptions {
  repositories: Repositories;
  sources: KpiSourceRegistry;
  period: string;
  /** Today, for "stale" (YYYY-MM-DD). */
  today: string;
  /** Only these KPIs (default: every KPI the actor may see). */
  kpiIds?: readonly string[];
}

/** Reads every KPI for a period through its source, in one batch per source, and rates it against its target. */
export const evaluateKpis = async (
  options: EvaluateKpisOptions,
): Promise<{ period: Period; readings: KpiReading[]; kpis: Kpi[] }> => {
  const period = parsePeriod(options.period);
  let kpis = await options.repositories.kpiData.allKpis();
  if (options.kpiIds) {
    const wanted = new Set(options.kpiIds);
    kpis = kpis.filter((k) => wanted.has(k.id));
  }
  const byKind = new Map<KpiSourceKind, Kpi[]>();
  for (const k of kpis) byKind.set(k.source.kind, [...(byKind.get(k.source.kind) ?? []), k]);
  const readings = new Map<string, KpiSourceReading>();
  await Promise.all(
    [...byKind].map(async ([kind, group]) => {
      const source = options.sources.get(kind);
      if (!source) return;
      const read = await source.read(
        group.map((k) => ({ id: k.id, name: k.name, unit: k.unit, formula: k.source as never })),
        period,
      );
      for (const [id, r] of read) readings.set(id, r);
    }),
  );
  const targets = await options.repositories.kpiData.targets(kpis.map((k) => k.id));
  const targetsOf = new Map<string, typeof targets>();
  for (const t of targets) targetsOf.set(t.kpiId, [...(targetsOf.get(t.kpiId) ?? []), t]);
  return {
    period,
    kpis,
    readings: kpis.map((k) => {
      const r = readings.get(k.id) ?? { value: null, asOf: null, note: "no source" };
      const target = targetFor(targetsOf.get(k.id) ?? [], period);
      const e = evaluate(r.value, r.asOf, target, period, k.frequency, options.today, k);
      return {
        kpiId: k.id,
        name: k.name,
        definition: k.definition,
        layer: k.layer,
        unit: k.unit,
        direction: k.direction,
        goalId: k.goalId,
        serviceId: k.serviceId,
        businessUnitId: k.businessUnitId,
        period: period.label,
        value: r.value,
        baseline: e.baseline,
        target: e.target,
        achievementPct: e.achievementPct,
        status: e.status,
        asOf: r.asOf,
        note: r.value === null ? (r.note ?? "no data") : target === null ? "no target for this period" : null,
      };
    }),
  };
};
