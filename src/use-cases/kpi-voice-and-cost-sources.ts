import type { KpiSource, KpiSourceReading, SourcedKpi } from "../domain/kpis/kpi-source.js";
import type { Period } from "../domain/kpis/period.js";
import type { KpiFormula } from "../domain/schemas/kpi.js";
import type { Repositories } from "../store/repositories/index.js";
import { getGoalCosts } from "./get-goal-costs.js";

type Of<K extends KpiFormula["kind"]> = SourcedKpi<Extract<KpiFormula, { kind: K }>>;

const lastDayOf = (period: Period) =>
  new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const none = (note: string): KpiSourceReading => ({ value: null, asOf: null, note });

/**
 * Survey scores (helper "surveys"' figures): CSAT, NPS and eNPS of the period, and the mean
 * perception gap over the mirrored statements; groups under five are no data (anonymity).
 */
export const surveySource = (repositories: Repositories): KpiSource<"survey"> => ({
  kind: "survey",
  check: async () => [],
  read: async (kpis: readonly Of<"survey">[], period: Period) => {
    const results = repositories.surveyResults;
    const span = { from: period.start, to: lastDayOf(period) };
    const readings = new Map<string, KpiSourceReading>();
    let gap: Awaited<ReturnType<typeof results.perceptionGap>> | null = null;
    for (const k of kpis) {
      const { measure, serviceId } = k.formula;
      if (serviceId !== null) {
        readings.set(k.id, none("survey scores are measured per organisation and unit, not per service"));
        continue;
      }
      if (measure === "perceptionGap") {
        gap ??= await results.perceptionGap(span);
        // The mean gap over the statements both sides answered (reference §5, perception gap).
        const gaps = gap.overall.flatMap((r) => (r.gapPoints === null ? [] : [r.gapPoints]));
        readings.set(
          k.id,
          gaps.length === 0
            ? none(`no statement has answers from both sides in ${period.label}`)
            : { value: gaps.reduce((a, b) => a + b, 0) / gaps.length, asOf: null },
        );
        continue;
      }
      const read =
        measure === "csatPct"
          ? results.csat
          : measure === "nps"
            ? results.nps
            : measure === "enps"
              ? results.enps
              : null;
      if (!read) {
        readings.set(k.id, none(`${measure} is not offered as a survey figure yet`));
        continue;
      }
      const figure = await read.call(results, span);
      readings.set(
        k.id,
        figure.value === null
          ? none(
              figure.suppressed
                ? `fewer than five answers in ${period.label} are not shown`
                : `no answers in ${period.label}`,
            )
          : { value: figure.value, asOf: null },
      );
    }
    return readings;
  },
});

/** The months (YYYY-MM) a KPI period covers, for the monthly cost allocations. */
const monthsOf = (period: Period): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${period.start.slice(0, 7)}-01T00:00:00Z`);
    d.toISOString().slice(0, 10) < period.end;
    d.setUTCMonth(d.getUTCMonth() + 1)
  ) {
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
};

/** Cost figures (helper "costs"' spend by goal): allocated IT cost and the share on top-priority goals. */
export const costSource = (repositories: Repositories): KpiSource<"cost"> => ({
  kind: "cost",
  check: async () => [],
  read: async (kpis: readonly Of<"cost">[], period: Period) => {
    let total = 0;
    let top = 0;
    for (const month of monthsOf(period)) {
      const spend = await getGoalCosts({ repositories, period: month });
      total += spend.totalCents;
      top += spend.topPriorityCents;
    }
    const readings = new Map<string, KpiSourceReading>();
    for (const k of kpis) {
      const { measure, serviceId, businessUnitId } = k.formula;
      if (serviceId !== null || businessUnitId !== null) {
        readings.set(
          k.id,
          none("cost figures are read for the whole organisation; see the bill of IT per unit"),
        );
      } else if (total === 0) {
        readings.set(k.id, none(`no allocated costs in ${period.label}`));
      } else if (measure === "spendOnTopPrioritiesPct") {
        // % of IT spend on the top-priority goals (reference §6, spend by goal).
        readings.set(k.id, { value: (top / total) * 100, asOf: null });
      } else if (measure === "allocatedCents") {
        readings.set(k.id, { value: total, asOf: null });
      } else {
        readings.set(k.id, none(`${measure} is not offered as a cost figure yet`));
      }
    }
    return readings;
  },
});
