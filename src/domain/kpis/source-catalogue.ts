import type { KpiSourceKind, KpiUnit } from "../schemas/kpi.js";
import type { SourceMeasure } from "./kpi-source.js";

/**
 * The measures each formula source offers, with their units, so that a KPI's unit and formula can
 * be checked when it is saved. Metric names are the scorecard's fields (src/domain/schemas/scorecard.ts).
 */
export const sourceMeasures: Record<Exclude<KpiSourceKind, "measurement">, Record<string, SourceMeasure>> = {
  metric: {
    incidents: { unit: "count", definition: "incidents opened in the period" },
    "mttrHours.mean": {
      unit: "hours",
      definition: "MTTR: mean of resolved − opened over incidents resolved in the period",
    },
    "mttrHours.median": { unit: "hours", definition: "median time to resolve" },
    "mttrHours.p90": { unit: "hours", definition: "90th percentile time to resolve" },
    availabilityPct: {
      unit: "percent",
      definition: "(agreed service time − downtime within it) / agreed service time × 100",
    },
    slaAttainmentPct: { unit: "percent", definition: "SLAs met / SLAs ended in the period × 100" },
    reopenRatePct: { unit: "percent", definition: "incidents reopened / resolved × 100" },
    downtimeCostCents: {
      unit: "cents",
      definition: "outage hours × cost of downtime per hour × support strength",
    },
    mttaHours: {
      unit: "hours",
      definition: "MTTA: mean of first acknowledged − opened over incidents acknowledged in the period",
    },
    "mttrServiceHours.mean": {
      unit: "hours",
      definition: "mean time to resolve within the service's agreed hours",
    },
    mttrRestoreHours: {
      unit: "hours",
      definition: "mean outage duration of outages that ended in the period",
    },
    mtbfHours: { unit: "hours", definition: "(service hours − outage time) / outages" },
    firstContactResolutionPct: {
      unit: "percent",
      definition: "resolved without reassignment at first line / resolved × 100",
    },
    changeSuccessPct: { unit: "percent", definition: "changes closed successful / changes closed × 100" },
    changeCausedIncidents: { unit: "count", definition: "incidents caused by a change" },
    "requestFulfilmentHours.mean": { unit: "hours", definition: "mean of closed − opened over requests" },
    "backlog.atEnd": { unit: "count", definition: "open tickets at the end of the period" },
    outageHours: { unit: "hours", definition: "hours of outage in the period" },
    lostHours: { unit: "hours", definition: "user hours lost to outages" },
  },
  survey: {
    csatPct: { unit: "percent", definition: "% of 4-5 answers on a 1-5 scale" },
    csatMean: { unit: "score", definition: "mean of a 1-5 satisfaction question" },
    nps: { unit: "score", definition: "% of 9-10 minus % of 0-6" },
    enps: { unit: "score", definition: "employee NPS" },
    perceptionGap: { unit: "score", definition: "mean gap between IT's and the business's answers" },
    agreePct: { unit: "percent", definition: "% agreeing with a statement" },
  },
  feedback: {
    happiness: { unit: "score", definition: "0-10 per ticket, scored like NPS" },
    lostHoursPerTicket: { unit: "hours", definition: "mean work time lost per ticket" },
    painPointHours: { unit: "hours", definition: "work time lost on the top pain points" },
  },
  cost: {
    spendOnTopPrioritiesPct: {
      unit: "percent",
      definition: "% of allocated IT cost serving top-priority goals",
    },
    allocatedCents: { unit: "cents", definition: "IT cost allocated in the period" },
    costPerTicketCents: { unit: "cents", definition: "allocated service desk cost / tickets handled" },
  },
};

/** Units a measure may be expressed in: its own, and minutes ↔ hours ↔ days are not converted. */
export const unitMatches = (measureUnit: KpiUnit, kpiUnit: KpiUnit): boolean => measureUnit === kpiUnit;
