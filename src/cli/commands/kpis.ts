import { readFile } from "node:fs/promises";
import { formatKpiValue } from "../../domain/kpis/kpi-format.js";
import { periodHolding, previousPeriod } from "../../domain/kpis/period.js";
import type { KpiFrequency, KpiReading } from "../../domain/schemas/kpi.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories, type Repositories } from "../../store/repositories/index.js";
import { evaluateKpis } from "../../use-cases/evaluate-kpis.js";
import { importMeasurements } from "../../use-cases/import-measurements.js";
import { defaultKpiSources } from "../../use-cases/kpi-source-registry.js";
import { recomputeKpis } from "../../use-cases/recompute-kpis.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

interface KpiCommandContext {
  config: TandemConfig;
  out: CliOutput;
  /** Today (YYYY-MM-DD); the system date unless a test fixes it. */
  today?: string;
}

const withRepositories = async <T>(
  config: TandemConfig,
  run: (r: Repositories) => Promise<T>,
): Promise<T> => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    return await run(createRepositories(store.db, systemActor("cli")));
  } finally {
    await store.close();
  }
};

/**
 * Each KPI's latest value: the current period of its own frequency, or the one before when the
 * current one has no data yet (a week that has just begun).
 */
export const latestReadings = async (
  repositories: Repositories,
  today: string,
  period?: string,
): Promise<KpiReading[]> => {
  const sources = defaultKpiSources(repositories);
  if (period) return (await evaluateKpis({ repositories, sources, period, today })).readings;
  const kpis = await repositories.kpiData.allKpis();
  const frequencies = [...new Set(kpis.map((k) => k.frequency))] as KpiFrequency[];
  const latest = new Map<string, KpiReading>();
  for (const frequency of frequencies) {
    const ids = kpis.filter((k) => k.frequency === frequency).map((k) => k.id);
    const current = periodHolding(today, frequency);
    const now = await evaluateKpis({ repositories, sources, period: current.label, today, kpiIds: ids });
    const missing = now.readings.filter((r) => r.value === null).map((r) => r.kpiId);
    for (const r of now.readings) if (r.value !== null) latest.set(r.kpiId, r);
    if (missing.length > 0) {
      const before = await evaluateKpis({
        repositories,
        sources,
        period: previousPeriod(current).label,
        today,
        kpiIds: missing,
      });
      for (const r of before.readings)
        latest.set(
          r.kpiId,
          r.value === null ? (now.readings.find((n) => n.kpiId === r.kpiId) as KpiReading) : r,
        );
    }
  }
  return kpis.map((k) => latest.get(k.id)).filter((r): r is KpiReading => r !== undefined);
};

/** `tandem kpis`: each KPI's latest value, target and status (JSON with --json). */
export const kpisCommand = async ({
  config,
  out,
  today,
  json,
  period,
}: KpiCommandContext & { json: boolean; period?: string }) => {
  const day = today ?? new Date().toISOString().slice(0, 10);
  const readings = await withRepositories(config, (r) => latestReadings(r, day, period));
  if (json) {
    out.result(
      JSON.stringify(
        readings.map((r) => ({
          kpiId: r.kpiId,
          name: r.name,
          layer: r.layer,
          unit: r.unit,
          period: r.period,
          value: r.value,
          target: r.target,
          achievementPct: r.achievementPct,
          status: r.status,
          definition: r.definition,
        })),
        null,
        2,
      ),
    );
    return;
  }
  if (readings.length === 0) {
    out.result(
      "no KPIs yet; add one from the library on a goal's page or with POST /api/v1/kpis/from-template",
    );
    return;
  }
  for (const r of readings) {
    const value = r.value === null ? "no data" : formatKpiValue(r.value, r.unit);
    const target = r.target === null ? "no target" : `target ${formatKpiValue(r.target, r.unit)}`;
    out.result(
      `${r.status.padEnd(7)} ${r.name} (${r.period}): ${value}, ${target}${r.achievementPct === null ? "" : `, ${r.achievementPct.toFixed(0)} % achieved`}`,
    );
  }
};

/** `tandem kpis import <file>`: business measurements from CSV (kpi,date,value), all or nothing. */
export const importMeasurementsCommand = async ({
  config,
  out,
  file,
  dryRun,
}: KpiCommandContext & { file: string; dryRun: boolean }) => {
  const text = await readFile(file, "utf8");
  const result = await withRepositories(config, (repositories) =>
    importMeasurements({ repositories, text, dryRun }),
  );
  const kpis = result.kpis.map((k) => `${k.name}: ${k.rows}`).join(", ");
  out.result(
    dryRun
      ? `checked ${file}: ${kpis}; nothing written (dry run)`
      : `imported ${result.inserted} measurements (${kpis})`,
  );
};

/** `tandem kpis recompute 2026-Q4`: recompute every KPI and keep the period's snapshots. */
export const recomputeKpisCommand = async ({
  config,
  out,
  period,
}: KpiCommandContext & { period: string }) => {
  const result = await withRepositories(config, (repositories) =>
    recomputeKpis({
      repositories,
      sources: defaultKpiSources(repositories),
      period,
      now: new Date().toISOString(),
    }),
  );
  out.result(
    `recomputed ${result.kpis} KPIs for ${result.period}: ${result.created} new snapshots, ${result.changed} changed since first computed`,
  );
};
