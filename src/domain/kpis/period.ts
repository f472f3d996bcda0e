import { TandemError } from "../errors.js";
import type { KpiFrequency } from "../schemas/kpi.js";

/** A reporting period: its label and its days, `start` inclusive and `end` exclusive (ISO dates). */
export interface Period {
  label: string;
  start: string;
  end: string;
}

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m, d);

/** Monday of ISO week 1: the week holding 4 January. */
const isoWeekOneMonday = (year: number) => {
  const jan4 = utc(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * day;
};

export const parsePeriod = (label: string): Period => {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2])|-W(\d{2}))?$/.exec(label);
  if (!m) {
    throw new TandemError("validation", `"${label}" is not a period`, {
      issues: [{ path: "period", message: "expected a period such as 2026, 2026-Q4, 2026-11 or 2026-W48" }],
    });
  }
  const year = Number(m[1]);
  if (m[2]) {
    const q = Number(m[2]) - 1;
    return { label, start: iso(utc(year, q * 3, 1)), end: iso(utc(year, q * 3 + 3, 1)) };
  }
  if (m[3]) {
    const month = Number(m[3]) - 1;
    return { label, start: iso(utc(year, month, 1)), end: iso(utc(year, month + 1, 1)) };
  }
  if (m[4]) {
    const week = Number(m[4]);
    const weeks = isoWeekOf(iso(isoWeekOneMonday(year + 1) - day)).week;
    if (week < 1 || week > weeks) {
      throw new TandemError("validation", `${year} has no ISO week ${week}`, {
        issues: [{ path: "period", message: `weeks of ${year} run from 1 to ${weeks}` }],
      });
    }
    const start = isoWeekOneMonday(year) + (week - 1) * 7 * day;
    return { label, start: iso(start), end: iso(start + 7 * day) };
  }
  return { label, start: iso(utc(year, 0, 1)), end: iso(utc(year + 1, 0, 1)) };
};

/** ISO week-numbering year and week of a date. */
export const isoWeekOf = (date: string): { year: number; week: number } => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * day;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - isoWeekOneMonday(year)) / (7 * day)) + 1 };
};

export const weekLabelOf = (date: string): string => {
  const { year, week } = isoWeekOf(date);
  return `${year}-W${String(week).padStart(2, "0")}`;
};

/** The period of a kind that holds a date. */
export const periodHolding = (date: string, frequency: KpiFrequency): Period => {
  const [y, mo] = date.split("-").map(Number) as [number, number];
  switch (frequency) {
    case "weekly":
      return parsePeriod(weekLabelOf(date));
    case "monthly":
      return parsePeriod(`${y}-${String(mo).padStart(2, "0")}`);
    case "quarterly":
      return parsePeriod(`${y}-Q${Math.floor((mo - 1) / 3) + 1}`);
    default:
      return parsePeriod(String(y));
  }
};

/** The period just before this one, of the same kind. */
export const previousPeriod = (period: Period): Period => {
  const lastDayBefore = iso(Date.parse(`${period.start}T00:00:00Z`) - day);
  const kind: KpiFrequency = period.label.includes("-W")
    ? "weekly"
    : period.label.includes("-Q")
      ? "quarterly"
      : period.label.length === 7
        ? "monthly"
        : "yearly";
  return periodHolding(lastDayBefore, kind);
};

/** Nominal days of a frequency, for "stale": data older than this before the period's end. */
export const frequencyDays: Record<KpiFrequency, number> = {
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  yearly: 366,
};

export const addDays = (date: string, days: number): string =>
  iso(Date.parse(`${date}T00:00:00Z`) + days * day);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / day);
