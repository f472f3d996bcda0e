import { DateTime, IANAZone } from "luxon";
import { RowProblem } from "./row-problem.js";

/** How an export writes its instants: Luxon formats tried in order ("ISO" for ISO-8601) and a zone. */
export interface TimeSettings {
  zone: string;
  formats: readonly string[];
}

export const isoFormat = "ISO";
export const defaultTimeSettings: TimeSettings = { zone: "UTC", formats: ["yyyy-MM-dd HH:mm:ss", isoFormat] };

export const isKnownZone = (zone: string): boolean =>
  IANAZone.isValidZone(zone) || zone.toUpperCase() === "UTC";

const wall = "yyyy-MM-dd HH:mm:ss";

const wallPattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The common case without Luxon's format parser (which re-reads the format for every value and
 * was most of the import's time): `wall` text in UTC, or in a zone via one fromObject. Returns
 * undefined when the text is not a valid `wall` date, so that the general path reports it.
 */
const parseWall = (value: string, field: string, zone: string): string | undefined => {
  const m = wallPattern.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024-02-30 over to March: a changed field means the date does not exist.
  if (
    utc.getUTCFullYear() !== year ||
    utc.getUTCMonth() !== month - 1 ||
    utc.getUTCDate() !== day ||
    utc.getUTCHours() !== hour ||
    utc.getUTCMinutes() !== minute ||
    utc.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  if (zone.toUpperCase() === "UTC") return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  if (!local.isValid) return undefined;
  if (local.hour !== hour || local.minute !== minute || local.day !== day) {
    throw new RowProblem(
      field,
      `${field}: "${value}" does not exist in ${zone} (skipped by a daylight-saving change)`,
    );
  }
  const u = local.toUTC();
  return `${String(u.year).padStart(4, "0")}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}Z`;
};

const parseWith = (text: string, format: string, zone: string): DateTime =>
  format === isoFormat
    ? DateTime.fromISO(text, { zone, setZone: true })
    : DateTime.fromFormat(text, format, { zone, setZone: true });

/**
 * The UTC ISO instant of a local time written in one of the formats, or null for an empty value.
 * A local time that does not exist (skipped by a daylight-saving change) is rejected: Luxon would
 * silently shift it by an hour, which would corrupt durations computed from it.
 */
export const parseInstant = (text: string | null, field: string, time: TimeSettings): string | null => {
  if (text === null) return null;
  const value = text.trim();
  if (value === "") return null;
  for (const format of time.formats) {
    if (format === wall) {
      const fast = parseWall(value, field, time.zone);
      if (fast !== undefined) return fast;
    }
    const local = parseWith(value, format, time.zone);
    if (!local.isValid) continue;
    // The same text read in UTC gives the wall-clock fields as written; they differ from the
    // zoned reading only when that wall-clock time does not exist in the zone.
    const asWritten = parseWith(value, format, "UTC");
    if (local.toFormat(wall) !== asWritten.toFormat(wall)) {
      throw new RowProblem(
        field,
        `${field}: "${value}" does not exist in ${time.zone} (skipped by a daylight-saving change)`,
      );
    }
    return local.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
  }
  throw new RowProblem(
    field,
    `${field}: "${value}" is not a date; expected ${time.formats.map((f) => (f === isoFormat ? "ISO-8601" : `"${f}"`)).join(" or ")}`,
  );
};
