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
