import { DateTime } from "luxon";
import type { ServiceHours } from "../schemas/it-service.js";

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * The agreed service windows that overlap [start, end), as UTC intervals: each weekly window on each
 * local day in the service's time zone, minus holidays. A service without hours is agreed 24 × 7.
 * The rule matches SQL `service_seconds` (service-metrics migration).
 */
export const serviceWindows = (hours: ServiceHours | null, start: Date, end: Date): Interval[] => {
  if (end <= start) return [];
  if (!hours) return [{ start, end }];
  const holidays = new Set(hours.holidays);
  const out: Interval[] = [];
  let day = DateTime.fromJSDate(start, { zone: hours.timeZone }).startOf("day");
  const lastDay = DateTime.fromJSDate(end, { zone: hours.timeZone }).startOf("day");
  while (day <= lastDay) {
    const iso = day.toISODate() as string;
    if (!holidays.has(iso)) {
      const name = weekdays[day.weekday - 1];
      for (const w of hours.windows) {
        if (w.day !== name) continue;
        const ws = localAt(day, w.start, hours.timeZone);
        const we =
          w.end === "24:00"
            ? localAt(day.plus({ days: 1 }), "00:00", hours.timeZone)
            : localAt(day, w.end, hours.timeZone);
        const s = Math.max(ws, start.getTime());
        const e = Math.min(we, end.getTime());
        if (e > s) out.push({ start: new Date(s), end: new Date(e) });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
};

const localAt = (day: DateTime, clock: string, zone: string): number => {
  const [h, m] = clock.split(":").map(Number);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: h, minute: m },
    { zone },
  ).toMillis();
};

/** Whole seconds of [start, end) within the agreed hours (the "business hours" MTTR variant, reference §1). */
export const serviceSeconds = (hours: ServiceHours | null, start: Date, end: Date): number =>
  Math.floor(
    serviceWindows(hours, start, end).reduce((sum, w) => sum + (w.end.getTime() - w.start.getTime()), 0) /
      1000,
  );

/** Seconds two interval lists share (both lists free of overlaps within themselves). */
export const overlapSeconds = (a: readonly Interval[], b: readonly Interval[]): number => {
  let ms = 0;
  for (const x of a) {
    for (const y of b) {
      const s = Math.max(x.start.getTime(), y.start.getTime());
      const e = Math.min(x.end.getTime(), y.end.getTime());
      if (e > s) ms += e - s;
    }
  }
  return ms / 1000;
};

/** Merges overlapping intervals, so that two outages at once count as downtime once. */
export const mergeIntervals = (intervals: readonly Interval[]): Interval[] => {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end > last.end) last.end = i.end;
    } else out.push({ start: i.start, end: i.end });
  }
  return out;
};
