import type { Clock } from "../domain/clock.js";
import { isTandemError } from "../domain/errors.js";
import type { KpiSource, KpiSourceReading, SourcedKpi } from "../domain/kpis/kpi-source.js";
import type { Period } from "../domain/kpis/period.js";
import type { KpiFormula, KpiSourceKind } from "../domain/schemas/kpi.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import type { Repositories } from "../store/repositories/index.js";
import { computeScorecard } from "./compute-scorecard.js";
import { costSource, surveySource } from "./kpi-voice-and-cost-sources.js";
import { listServiceScorecards } from "./list-service-scorecards.js";
import { measureHappiness } from "./measure-happiness.js";

/** Reads a scorecard for a slice and period (the lead's computeScorecard, bound to the actor). */
export type ScorecardReader = (slice: {
  from: string;
  to: string;
  serviceId: string | null;
  businessUnitId: string | null;
}) => Promise<Scorecard>;

export interface KpiSourceRegistryOptions {
  repositories: Repositories;
  /** The metric source; without it metric KPIs read as "not connected". */
  scorecard?: ScorecardReader;
  /** Every service's scorecard at once, for many KPIs on single services. */
  serviceScorecards?: ServiceScorecardsReader;
  /** Ticket feedback (happiness, lost time); without it feedback KPIs read as "not connected". */
  happiness?: HappinessReader;
  /** Further sources (survey, cost) as their modules offer them. */
  extra?: KpiSource[];
}

export type KpiSourceRegistry = Map<KpiSourceKind, KpiSource>;

type Of<K extends KpiSourceKind> = SourcedKpi<Extract<KpiFormula, { kind: K }>>;

/** Business measurements: the period's sum, mean or last value of a KPI's own measurements. */
export const measurementSource = (repositories: Repositories): KpiSource<"measurement"> => ({
  kind: "measurement",
  check: async () => [],
  read: async (kpis: readonly Of<"measurement">[], period: Period) => {
    const figures = await repositories.kpiData.measurementAggregates(
      kpis.map((k) => k.id),
      period.start,
      period.end,
    );
    const readings = new Map<string, KpiSourceReading>();
    for (const k of kpis) {
      const f = figures.get(k.id);
      readings.set(
        k.id,
        f
          ? { value: f[k.formula.aggregation], asOf: f.newest }
          : { value: null, asOf: null, note: `no measurements in ${period.label}` },
      );
    }
    return readings;
  },
});

/** A scorecard field by its path, e.g. `mttrHours.p90`; null when absent or not a number. */
export const scorecardFigure = (card: Scorecard, path: string): number | null => {
  let at: unknown = card;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object") return null;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === "number" && Number.isFinite(at) ? at : null;
};

/** Every visible service's scorecard for a period, by service id (listServiceScorecards). */
export type ServiceScorecardsReader = (period: {
  from: string;
  to: string;
}) => Promise<Map<string, Scorecard>>;

/** Scorecards read at once: PostgreSQL answers them on several connections; PGlite queues them. */
const SCORECARD_CONCURRENCY = 8;

/** Tandem metrics: one scorecard per slice and period, shared by every KPI on that slice. */
export const metricSource = (
  scorecard: ScorecardReader,
  allServices?: ServiceScorecardsReader,
): KpiSource<"metric"> => ({
  kind: "metric",
  check: async () => [],
  read: async (kpis: readonly Of<"metric">[], period: Period) => {
    const sliceOf = (k: Of<"metric">) => `${k.formula.serviceId ?? "-"}|${k.formula.businessUnitId ?? "-"}`;
    const slices = new Map<string, Of<"metric">["formula"]>();
    for (const k of kpis) slices.set(sliceOf(k), k.formula);
    const cards = new Map<string, Scorecard>();
    const refusals = new Map<string, string>();
    // Many KPIs on single services: every service's scorecard in one grouped read, not one each.
    const serviceOnly = [...slices].filter(([, f]) => f.serviceId !== null && f.businessUnitId === null);
    if (allServices && serviceOnly.length >= 3) {
      try {
        const all = await allServices({ from: period.start, to: period.end });
        for (const [key, f] of serviceOnly) {
          const card = all.get(f.serviceId as string);
          if (card) {
            cards.set(key, card);
            slices.delete(key);
          }
        }
      } catch (error) {
        // Not whole months: each slice is asked on its own below, and says why it has no data.
        if (!isTandemError(error) || error.code !== "validation") throw error;
      }
    }
    const queue = [...slices];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, f] = next;
        try {
          cards.set(
            key,
            await scorecard({
              from: period.start,
              to: period.end,
              serviceId: f.serviceId,
              businessUnitId: f.businessUnitId,
            }),
          );
        } catch (error) {
          // A period the metrics cannot answer (service figures are kept per month) is no data for
          // these KPIs, said why, not a failure of every KPI.
          if (!isTandemError(error) || error.code !== "validation") throw error;
          refusals.set(key, error.message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCORECARD_CONCURRENCY, queue.length) }, worker));
    const readings = new Map<string, KpiSourceReading>();
    for (const k of kpis) {
      const card = cards.get(sliceOf(k));
      const refused = refusals.get(sliceOf(k));
      if (refused) {
        readings.set(k.id, {
          value: null,
          asOf: null,
          note: `the metrics cannot answer ${period.label}: ${refused}`,
        });
        continue;
      }
      const value = card ? scorecardFigure(card, k.formula.metric) : null;
      readings.set(
        k.id,
        value === null
          ? { value: null, asOf: null, note: `no ${k.formula.metric} data in ${period.label}` }
          : { value, asOf: null },
      );
    }
    return readings;
  },
});

/** Reads ticket happiness for a period (helper "feedback"'s measureHappiness, bound to the actor). */
export type HappinessReader = (period: { from: string; to: string }) => Promise<{
  happiness: number | null;
  meanLostMinutes: number | null;
}>;

/**
 * Ticket feedback: happiness (NPS-style, -100..100) and lost hours per ticket, organisation-wide
 * (within the actor's reach). Fewer than five answers is no data (anonymity), never 0.
 */
export const feedbackSource = (happiness: HappinessReader): KpiSource<"feedback"> => ({
  kind: "feedback",
  check: async () => [],
  read: async (kpis: readonly Of<"feedback">[], period: Period) => {
    const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const figures = await happiness({ from: period.start, to: last });
    const readings = new Map<string, KpiSourceReading>();
    for (const k of kpis) {
      const { measure, serviceId } = k.formula;
      const value =
        serviceId !== null
          ? null
          : measure === "happiness"
            ? figures.happiness
            : measure === "lostHoursPerTicket" && figures.meanLostMinutes !== null
              ? figures.meanLostMinutes / 60
              : null;
      const note =
        serviceId !== null
          ? "ticket feedback is measured per organisation and business unit, not per service"
          : measure === "painPointHours"
            ? "time lost to pain points is not offered as a KPI figure yet"
            : `no feedback figure for ${period.label} (fewer than five answers are not shown)`;
      readings.set(k.id, value === null ? { value: null, asOf: null, note } : { value, asOf: null });
    }
    return readings;
  },
});

const notConnected = (kind: KpiSourceKind): KpiSource => ({
  kind,
  check: async () => [],
  read: async (kpis) =>
    new Map(
      kpis.map((k) => [
        k.id,
        { value: null, asOf: null, note: `the ${kind} source is not connected in this installation yet` },
      ]),
    ),
});

/** Every formula source, by kind. Kinds whose module is not wired read as "not connected". */
export const createKpiSourceRegistry = (options: KpiSourceRegistryOptions): KpiSourceRegistry => {
  const registry: KpiSourceRegistry = new Map();
  for (const kind of ["measurement", "metric", "survey", "feedback", "cost"] as const)
    registry.set(kind, notConnected(kind));
  registry.set("measurement", measurementSource(options.repositories) as unknown as KpiSource);
  if (options.scorecard)
    registry.set(
      "metric",
      metricSource(options.scorecard, options.serviceScorecards) as unknown as KpiSource,
    );
  if (options.happiness) registry.set("feedback", feedbackSource(options.happiness) as unknown as KpiSource);
  for (const source of options.extra ?? []) registry.set(source.kind, source);
  return registry;
};

/** The sources wired in this installation, bound to the caller's repositories. */
export const defaultKpiSources = (repositories: Repositories, clock?: Clock): KpiSourceRegistry =>
  createKpiSourceRegistry({
    repositories,
    scorecard: (slice) => computeScorecard({ repositories, ...slice, ...(clock ? { clock } : {}) }),
    serviceScorecards: async (period) =>
      new Map(
        (await listServiceScorecards({ repositories, ...period, ...(clock ? { clock } : {}) })).services.map(
          (s) => [s.serviceId, s.scorecard],
        ),
      ),
    happiness: (period) => measureHappiness({ repositories, ...period }),
    extra: [
      surveySource(repositories) as unknown as KpiSource,
      costSource(repositories) as unknown as KpiSource,
    ],
  });
