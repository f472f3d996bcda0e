import { addDays, isoWeekOf, parsePeriod } from "../kpis/period.js";
import type { KpiFormula, KpiInput, KpiTargetInput } from "../schemas/kpi.js";
import { seededRandom } from "../seeded-random.js";

/** A demo KPI: a library template on a goal (by name), a service slice (by name), its target and history. */
export interface DemoKpi {
  templateKey: string | null;
  name: string;
  goal: string;
  service: string | null;
  kpi: Omit<KpiInput, "name" | "goalId" | "serviceId" | "businessUnitId" | "source"> & { source: KpiFormula };
  target: KpiTargetInput & { steps: { on: string; value: number }[] };
  /** Weekly or monthly values: start, yearly drift and noise, in the KPI's unit. */
  series: { start: number; drift: number; noise: number; weekly: boolean } | null;
}

const metric = (name: string): KpiFormula => ({
  kind: "metric",
  metric: name,
  serviceId: null,
  businessUnitId: null,
});

/** Nordwind's KPIs for the 2026 plan: business measurements and Tandem metrics on the demo goals. */
export const nordwindKpis: DemoKpi[] = [
  {
    templateKey: "weekly-online-sales",
    name: "Weekly online sales",
    goal: "Double web shop conversion",
    service: null,
    // The mean week of a period, so that one target holds for a week, a month or a quarter.
    kpi: {
      layer: "strategic",
      source: { kind: "measurement", aggregation: "mean" },
      unit: "cents",
      direction: "higher",
      frequency: "weekly",
      definition: "Net online sales per week (mean of the period's weeks), from the finance system.",
      weight: 2,
    },
    // The seed idea: +15 % online sales on 2025's €410,000 a week.
    target: {
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      baseline: 41_000_000,
      target: 47_150_000,
      steps: [],
    },
    series: { start: 41_000_000, drift: 0.12, noise: 0.06, weekly: true },
  },
  {
    templateKey: "availability",
    name: "Web shop availability",
    goal: "Double web shop conversion",
    service: "Web Shop",
    kpi: {
      layer: "operational",
      source: metric("availabilityPct"),
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      definition: "(Agreed service time − downtime within it) / agreed service time × 100.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 99.0, target: 99.5, steps: [] },
    series: null,
  },
  {
    templateKey: "mttr",
    name: "Web shop time to resolve",
    goal: "Double web shop conversion",
    service: "Web Shop",
    kpi: {
      layer: "operational",
      source: metric("mttrHours.mean"),
      unit: "hours",
      direction: "lower",
      frequency: "monthly",
      definition: "Mean of resolved − opened over Web Shop incidents resolved in the period.",
    },
    target: {
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      baseline: 30,
      target: 12,
      steps: [{ on: "2026-06-30", value: 20 }],
    },
    series: null,
  },
  {
    templateKey: null,
    name: "Checkout conversion",
    goal: "Checkout conversion from 2.1 % to 3.0 %",
    service: null,
    kpi: {
      layer: "strategic",
      source: { kind: "measurement", aggregation: "mean" },
      unit: "percent",
      direction: "higher",
      frequency: "weekly",
      definition: "Orders / web shop sessions × 100, from web analytics.",
    },
    target: {
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      baseline: 2.1,
      target: 3.0,
      steps: [{ on: "2026-06-30", value: 2.5 }],
    },
    series: { start: 2.1, drift: 0.3, noise: 0.05, weekly: true },
  },
  {
    templateKey: "orders-shipped-next-day",
    name: "Orders shipped the next day",
    goal: "Ship 98 % of orders the next day",
    service: null,
    kpi: {
      layer: "operational",
      source: { kind: "measurement", aggregation: "mean" },
      unit: "percent",
      direction: "higher",
      frequency: "weekly",
      definition: "Orders shipped by the next working day / orders received × 100.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 93, target: 98, steps: [] },
    series: { start: 93, drift: 0.035, noise: 0.01, weekly: true },
  },
  {
    templateKey: "sla-attainment",
    name: "Warehouse SLA attainment",
    goal: "Ship 98 % of orders the next day",
    service: "Warehouse Management",
    kpi: {
      layer: "operational",
      source: metric("slaAttainmentPct"),
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      definition: "Warehouse Management tickets whose SLA was met / tickets with an SLA that ended × 100.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 80, target: 95, steps: [] },
    series: null,
  },
  {
    templateKey: null,
    name: "Customer NPS",
    goal: "Be the customer's favourite outdoor retailer",
    service: null,
    kpi: {
      layer: "experience",
      source: { kind: "measurement", aggregation: "last" },
      unit: "score",
      direction: "higher",
      frequency: "monthly",
      definition: "Customers' net promoter score from the monthly market panel, -100 to 100.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 31, target: 40, steps: [] },
    series: { start: 31, drift: 0.2, noise: 0.05, weekly: false },
  },
  {
    templateKey: null,
    name: "Staff turnover",
    goal: "Keep staff turnover below 12 %",
    service: null,
    kpi: {
      layer: "strategic",
      source: { kind: "measurement", aggregation: "last" },
      unit: "percent",
      direction: "lower",
      frequency: "monthly",
      definition: "Leavers in the last 12 months / average headcount × 100.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 14.5, target: 12, steps: [] },
    series: { start: 14.5, drift: -0.1, noise: 0.02, weekly: false },
  },
  {
    templateKey: null,
    name: "Days to close the books",
    goal: "Close the books in five working days",
    service: null,
    kpi: {
      layer: "operational",
      source: { kind: "measurement", aggregation: "last" },
      unit: "days",
      direction: "lower",
      frequency: "monthly",
      definition: "Working days from month end to closed books.",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 8, target: 5, steps: [] },
    series: { start: 8, drift: -0.3, noise: 0.05, weekly: false },
  },
  {
    templateKey: "happiness",
    name: "Service desk happiness",
    goal: "Answer every customer within one working day",
    service: null,
    kpi: {
      layer: "experience",
      source: { kind: "feedback", measure: "happiness", serviceId: null },
      unit: "score",
      direction: "higher",
      frequency: "monthly",
      definition: "0-10 rating after each ticket, scored like NPS (-100 to 100).",
    },
    target: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 40, target: 70, steps: [] },
    series: null,
  },
];

export interface DemoMeasurement {
  name: string;
  measuredOn: string;
  value: number;
}

/**
 * Values from 1 January 2025 up to the week (or month) before `today`: a yearly drift, a little
 * seasonality for the weekly ones and seeded noise, rounded as a finance system would report them.
 */
export const nordwindMeasurements = (seed: number, today: string): DemoMeasurement[] => {
  const random = seededRandom(seed * 7919 + 7);
  const out: DemoMeasurement[] = [];
  const start = parsePeriod("2025-W01").start;
  for (const demo of nordwindKpis) {
    if (!demo.series) continue;
    const s = demo.series;
    const round =
      demo.kpi.unit === "cents" ? (v: number) => Math.round(v) : (v: number) => Math.round(v * 100) / 100;
    if (s.weekly) {
      for (let monday = start; addDays(monday, 7) <= today; monday = addDays(monday, 7)) {
        const years = (Date.parse(monday) - Date.parse(start)) / (365 * 86_400_000);
        const week = isoWeekOf(monday).week;
        const season = demo.kpi.unit === "cents" ? 1 + 0.15 * Math.cos(((week - 50) / 52) * 2 * Math.PI) : 1;
        const value = s.start * (1 + s.drift * years) * season * (1 + s.noise * (random.next() * 2 - 1));
        out.push({ name: demo.name, measuredOn: addDays(monday, 6), value: round(value) });
      }
    } else {
      for (let m = 0; ; m++) {
        const first = new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 10);
        const last = addDays(new Date(Date.UTC(2025, m + 1, 1)).toISOString().slice(0, 10), -1);
        if (last >= today) break;
        const value = s.start * (1 + s.drift * (m / 12)) * (1 + s.noise * (random.next() * 2 - 1));
        out.push({ name: demo.name, measuredOn: last, value: round(value) });
        if (first > today) break;
      }
    }
  }
  return out;
};
