import { DateTime } from "luxon";
import { TandemError } from "../domain/errors.js";
import { type ApiCredentials, authorizationHeader } from "./api-credentials.js";
import { fetchJsonWithRetry, type RetryOptions } from "./http-retry.js";
import { defaultTimeSettings } from "./local-time.js";
import type { PagedTicketReader, TicketPage } from "./paged-ticket-reader.js";
import { readRow } from "./row-results.js";
import { checkedServiceNowTicket } from "./servicenow-ticket.js";
import type { ReadResult } from "./ticket-reader.js";

export interface ServiceNowApiOptions {
  /** e.g. https://acme.service-now.com */
  instance: string;
  table: string;
  credentials: ApiCredentials;
  /** ISO-8601 UTC instant: read records updated at or after it; null reads the whole table. */
  since: string | null;
  pageSize: number;
  /** Retry tuning and test seams (sleep, fetch, clock); the target is the instance. */
  http?: Omit<RetryOptions, "target">;
}

/** The internal value of a glide_date_time: UTC, whatever the instance's or user's zone. */
const GLIDE_UTC = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * With sysparm_display_value=all each field is { value, display_value }. Dates take the value,
 * which is UTC (the display value is in the instance's zone and the user's format); everything
 * else takes the display value (group and CI names rather than sys_ids, labels the mapping reads).
 */
const textOf = (field: unknown): string => {
  if (field === null || field === undefined) return "";
  if (typeof field !== "object") return String(field);
  const { value, display_value: display } = field as { value?: unknown; display_value?: unknown };
  if (typeof value === "string" && GLIDE_UTC.test(value)) return value;
  return textOf(display ?? value);
};

export const flattenApiRecord = (record: unknown): Record<string, string> => {
  const row: Record<string, string> = {};
  if (record && typeof record === "object") {
    for (const [key, value] of Object.entries(record)) row[key] = textOf(value);
  }
  return row;
};

const toGlide = (iso: string): string => {
  const at = DateTime.fromISO(iso, { zone: "utc" });
  if (!at.isValid) throw new TandemError("validation", `watermark "${iso}" is not an ISO-8601 instant`);
  return at.toFormat("yyyy-MM-dd HH:mm:ss");
};

const fromGlide = (glide: string): string =>
  DateTime.fromFormat(glide, "yyyy-MM-dd HH:mm:ss", { zone: "utc" }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

/**
 * Incidents (or any task table) from the ServiceNow Table API, page by page.
 *
 * Paging is keyset rather than a growing offset over a fixed query: each request asks again for
 * `sys_updated_on >= last seen` and skips only the records already read at exactly that second.
 * With a fixed query and a growing offset, a record updated during the run moves to the end and
 * shifts every later record back by one, so one record would be skipped for good once the
 * watermark passes it. Re-reading a boundary record is harmless: the import is idempotent.
 */
export const serviceNowApiReader = (options: ServiceNowApiOptions): PagedTicketReader => ({
  pages: () => readPages(options),
});

async function* readPages(options: ServiceNowApiOptions): AsyncGenerator<TicketPage> {
  const base = options.instance.replace(/\/+$/, "");
  const time = { ...defaultTimeSettings, zone: "UTC" };
  const headers = { accept: "application/json", authorization: authorizationHeader(options.credentials) };
  let mark = options.since === null ? null : toGlide(options.since);
  let skip = 0;
  let line = 0;
  for (let number = 1; ; number++) {
    const query = `${mark === null ? "" : `sys_updated_on>=${mark}^`}ORDERBYsys_updated_on^ORDERBYsys_id`;
    const params = new URLSearchParams({
      sysparm_query: query,
      sysparm_limit: String(options.pageSize),
      sysparm_offset: String(skip),
      sysparm_display_value: "all",
      sysparm_exclude_reference_link: "true",
    });
    const url = `${base}/api/now/table/${encodeURIComponent(options.table)}?${params}`;
    const body = await fetchJsonWithRetry(
      url,
      { headers },
      { ...options.http, target: `ServiceNow ${base}` },
    );
    const records = (body as { result?: unknown } | null)?.result;
    if (!Array.isArray(records)) {
      throw new TandemError("bad_request", `ServiceNow ${base} answered without a "result" array`);
    }
    // An empty page is the end; a short page is not, since ACLs may drop rows from a full one.
    if (records.length === 0) return;
    const results: ReadResult[] = [];
    for (const record of records) {
      const row = flattenApiRecord(record);
      line += 1;
      results.push(
        readRow(
          line,
          row,
          () => undefined,
          () => checkedServiceNowTicket(row, time),
        ),
      );
      const updated = row.sys_updated_on ?? "";
      if (!GLIDE_UTC.test(updated)) {
        // Only possible before the first dated row (the filtered query has none): page past it.
        if (mark === null) skip += 1;
        continue;
      }
      // Rows come ordered by sys_updated_on, so the last one seen is the highest.
      if (updated === mark) skip += 1;
      else if (mark === null || updated > mark) {
        mark = updated;
        skip = 1;
      }
    }
    yield { number, results, watermark: mark === null ? null : fromGlide(mark) };
  }
}
