import { DateTime } from "luxon";
import { TandemError } from "../errors.js";
import type { PeriodUnit } from "../schemas/scorecard.js";

/** A period of whole UTC days, `to` exclusive, both as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const iso = (d: DateTime) => d.toISODate() as string;

export const checkPeriod = ({ from, to }: Period): Period => {
  const invalid = (path: string, message: string) =>
    new TandemError("validation", `${path}: ${message}`, { issues: [{ path, message }] });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !day(from).isValid)
    throw invalid("from", "expected a date as YYYY-MM-DD");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || !day(to).isValid)
    throw invalid("to", "expected a date as YYYY-MM-DD");
  if (to <= from) throw invalid("to", "must be after from (to is exclusive)");
  return { from, to };
};

/**
 * How the rollups answer a period: whole calendar months from the month rows, the days at either
 * edge from the day rows, so that a year costs 12 rows, not 365.
 */
export const splitForRollups = ({ from, to }: Period): { months: Period | null; days: Period[] } => {
  const start = day(from);
  const end = day(to);
  const firstWholeMonth = start.day === 1 ? start : start.plus({ months: 1 }).startOf("month");
  const endOfWholeMonths = end.startOf("month");
  if (firstWholeMonth >= endOfWholeMonths) return { months: null, days: [{ from, to }] };
  const days: Period[] = [];
  if (start < firstWholeMonth) days.push({ from, to: iso(firstWholeMonth) });
  if (endOfWholeMonths < end) days.push({ from: iso(endOfWholeMonths), to });
  return { months: { from: iso(firstWholeMonth), to: iso(endOfWholeMonths) }, days };
};

/** True when the period is made of whole calendar months. */
export const isWholeMonths = ({ from, to }: Period): boolean => day(from).day === 1 && day(to).day === 1;

/** The period of the same length just before this one (period-over-period change). */
export const previousPeriod = ({ from, to }: Period): Period => {
  const start = day(from);
  const end = day(to);
  if (start.day === 1 && end.day === 1) {
    const months = Math.round(end.diff(start, "months").months);
    return { from: iso(start.minus({ months })), to: from };
  }
  const days = Math.round(end.diff(start, "days").days);
  return { from: iso(start.minus({ days })), to: from };
};

/** Consecutive buckets of a unit covering the period (weeks start on Monday, ISO). */
export const periodBuckets = ({ from, to }: Period, unit: PeriodUnit): Period[] => {
  const end = day(to);
  let at = day(from).startOf(unit === "week" ? "week" : unit);
  const out: Period[] = [];
  while (at < end) {
    const next = at.plus({ [`${unit}s`]: 1 });
    out.push({ from: iso(DateTime.max(at, day(from))), to: iso(DateTime.min(next, end)) });
    at = next;
  }
  if (out.length > 1000) {
    const message = `${out.length} ${unit}s is too many; choose a longer unit or a shorter period`;
    throw new TandemError("validation", `by: ${message}`, { issues: [{ path: "by", message }] });
  }
  return out;
};

/** The bucket a date falls in, as the bucket's first day. */
export const bucketOf = (date: string, unit: PeriodUnit): string =>
  iso(day(date).startOf(unit === "week" ? "week" : unit));
