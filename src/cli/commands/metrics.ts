import { systemClock } from "../../domain/clock.js";
import { TandemError } from "../../domain/errors.js";
import { periodBuckets } from "../../domain/metrics/periods.js";
import { scorecardJson } from "../../domain/metrics/scorecard-json.js";
import type { PeriodUnit } from "../../domain/schemas/scorecard.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories } from "../../store/repositories/index.js";
import { computeScorecard } from "../../use-cases/compute-scorecard.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

export interface MetricsFlags {
  from?: string;
  to?: string;
  service?: string;
  businessUnit?: string;
  by?: PeriodUnit;
  json?: boolean;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const figure = (v: number | null, unit = "") => (v === null ? "no data" : `${Number(v.toFixed(2))}${unit}`);

/**
 * `tandem metrics`: the scorecard of a period (default: the twelve whole months up to this one), for the whole
 * organisation, a service or a business unit, optionally per day/week/month/quarter/year.
 */
export const metricsCommand = async ({
  config,
  out,
  flags,
}: {
  config: TandemConfig;
  out: CliOutput;
  flags: MetricsFlags;
}) => {
  const today = systemClock.now();
  // By default the twelve whole months up to and including this one (services are kept per month).
  const to = flags.to ?? isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)));
  const from =
    flags.from ?? isoDay(new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 1)));
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const repositories = createRepositories(store.db, systemActor("cli"));
    const lookUp = async (kind: "service" | "business_unit", name: string | undefined, flag: string) => {
      if (name === undefined) return null;
      const id = await repositories.metrics.idByName(kind, name);
      if (!id)
        throw new TandemError(
          "not_found",
          `${flag}: no ${kind === "service" ? "service" : "business unit"} is named "${name}"`,
        );
      return id;
    };
    const serviceId = await lookUp("service", flags.service, "--service");
    const businessUnitId = await lookUp("business_unit", flags.businessUnit, "--business-unit");
    const card = (period: { from: string; to: string }) =>
      computeScorecard({ repositories, ...period, serviceId, businessUnitId });
    const whole = await card({ from, to });
    const buckets = flags.by ? periodBuckets({ from, to }, flags.by) : [];
    const periods = [];
    for (const bucket of buckets) periods.push(await card(bucket));
    if (flags.json) {
      out.result(
        JSON.stringify(
          {
            service: flags.service ?? null,
            business_unit: flags.businessUnit ?? null,
            ...scorecardJson(whole),
            ...(flags.by ? { by: flags.by, periods: periods.map(scorecardJson) } : {}),
          },
          null,
          2,
        ),
      );
      return;
    }
    const lines = (s: typeof whole) => [
      `${s.from} to ${s.to} (exclusive)${flags.service ? `, service ${flags.service}` : ""}${flags.businessUnit ? `, unit ${flags.businessUnit}` : ""}`,
      `  incidents ${s.volumes.incident}, requests ${s.volumes.request}, changes ${s.volumes.change}, problems ${s.volumes.problem}`,
      `  availability ${figure(s.availabilityPct, " %")} (target ${figure(s.availabilityTargetPct, " %")}), outages ${s.outages}, downtime cost ${(s.downtimeCostCents / 100).toFixed(2)}`,
      `  SLA attainment ${figure(s.slaAttainmentPct, " %")} of ${s.slaCount}, reopen rate ${figure(s.reopenRatePct, " %")}, first-contact resolution ${figure(s.firstContactResolutionPct, " %")}`,
      `  MTTA ${figure(s.mttaHours, " h")}, MTTR mean ${figure(s.mttrHours.mean, " h")} median ${figure(s.mttrHours.median, " h")} p90 ${figure(s.mttrHours.p90, " h")}`,
      `  backlog at end ${s.backlog.atEnd}, change success ${figure(s.changeSuccessPct, " %")}, change-caused incidents ${s.changeCausedIncidents}`,
    ];
    out.result([...lines(whole), ...periods.flatMap((p) => lines(p))].join("\n"));
  } finally {
    await store.close();
  }
};

/** `tandem rebuild-metrics`: recomputes every rollup from the raw tickets. */
export const rebuildMetricsCommand = async ({ config, out }: { config: TandemConfig; out: CliOutput }) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const started = Date.now();
    const r = await createRepositories(store.db, systemActor("cli")).metrics.rebuild();
    out.result(
      `rebuilt ${r.rollupRows} rollup rows, ${r.histogramEntries} histogram entries and ${r.outages} outages in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
};
