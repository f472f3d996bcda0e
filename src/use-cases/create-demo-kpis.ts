import { nordwindKpis, nordwindMeasurements } from "../domain/demo/nordwind-kpis.js";
import { type Period, parsePeriod, periodHolding, previousPeriod } from "../domain/kpis/period.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { createRepositories } from "../store/repositories/index.js";
import { defaultKpiSources } from "./kpi-source-registry.js";
import { recomputeKpis } from "./recompute-kpis.js";

export interface CreateDemoKpisOptions {
  db: Db;
  seed?: number;
  /** YYYY-MM-DD; measurements run up to the week before. */
  today?: string;
}

/**
 * Nordwind's KPIs on the demo goals with their targets and history (weekly online sales and more),
 * and snapshots of the last three quarters so that goal health and the alignment score show at once.
 */
export const createDemoKpis = async ({
  db,
  seed = 42,
  today = new Date().toISOString().slice(0, 10),
}: CreateDemoKpisOptions) => {
  const repositories = createRepositories(db, systemActor("demo organisation"));
  const goals = new Map((await repositories.kpiData.goals()).map((g) => [g.name, g.id]));
  const services = new Map(
    (await repositories.services.list({ limit: 500, includeArchived: false })).items.map((s) => [
      s.name,
      s.id,
    ]),
  );
  const ids = new Map<string, string>();
  for (const demo of nordwindKpis) {
    const goalId = goals.get(demo.goal);
    if (!goalId) continue;
    const serviceId = demo.service ? (services.get(demo.service) ?? null) : null;
    const source = "serviceId" in demo.kpi.source ? { ...demo.kpi.source, serviceId } : demo.kpi.source;
    const kpi = await repositories.kpis.create({
      ...demo.kpi,
      source,
      name: demo.name,
      goalId,
      templateKey: demo.templateKey,
    });
    ids.set(demo.name, kpi.id);
    await repositories.kpiData.setTarget(kpi.id, demo.target);
  }
  const measurements = nordwindMeasurements(seed, today)
    .filter((m) => ids.has(m.name))
    .map((m) => ({ kpiId: ids.get(m.name) as string, measuredOn: m.measuredOn, value: m.value }));
  await repositories.kpiData.importMeasurements(measurements);
  const sources = defaultKpiSources(repositories);
  const quarters: Period[] = [periodHolding(today, "quarterly")];
  while (quarters.length < 3) quarters.unshift(previousPeriod(quarters[0] as Period));
  for (const quarter of quarters) {
    await recomputeKpis({
      repositories,
      sources,
      period: parsePeriod(quarter.label).label,
      now: new Date().toISOString(),
    });
  }
  return { kpis: ids.size, measurements: measurements.length };
};
