import { DateTime } from "luxon";
import { TandemError } from "../domain/errors.js";
import { type ApiCredentials, authorizationHeader } from "./api-credentials.js";
import { fetchJsonWithRetry, type RetryOptions } from "./http-retry.js";
import { jiraTicket } from "./jira-reader.js";
import { isoFormat, type TimeSettings } from "./local-time.js";
import type { PagedTicketReader, TicketPage } from "./paged-ticket-reader.js";
import { readRow } from "./row-results.js";
import type { ReadResult } from "./ticket-reader.js";

export interface JiraApiOptions {
  /** e.g. https://acme.atlassian.net */
  site: string;
  credentials: ApiCredentials;
  /** ISO-8601 UTC instant: read issues updated at or after it; null reads everything the filter matches. */
  since: string | null;
  /** Extra JQL, e.g. `project = ITSM`, ANDed with the time window. */
  jqlFilter?: string;
  pageSize: number;
  /** "v3": POST /rest/api/3/search/jql with nextPageToken (default); "v2": the older startAt/total search. */
  api?: "v3" | "v2";
  /** The zone JQL dates are read in (the API user's); default: asked of /myself. */
  timeZone?: string;
  http?: Omit<RetryOptions, "target">;
}

const time: TimeSettings = { zone: "UTC", formats: [isoFormat] };

/**
 * JQL compares `updated` at minute precision in the API user's zone: one minute is taken off the
 * watermark so that issues updated in the watermark's own minute are read again (harmless, the
 * import is idempotent) rather than missed.
 */
export const jiraWindowJql = (since: string | null, zone: string, filter?: string): string => {
  const clauses: string[] = [];
  if (filter?.trim()) clauses.push(`(${filter.trim()})`);
  if (since !== null) {
    const at = DateTime.fromISO(since, { zone: "utc" });
    if (!at.isValid) throw new TandemError("validation", `watermark "${since}" is not an ISO-8601 instant`);
    const from = at.setZone(zone).minus({ minutes: 1 }).startOf("minute");
    clauses.push(`updated >= "${from.toFormat("yyyy-MM-dd HH:mm")}"`);
  }
  return `${clauses.join(" AND ")} ORDER BY updated ASC`.trim();
};

const updatedOf = (issue: unknown): string | null => {
  const fields = (issue as { fields?: { updated?: unknown } } | null)?.fields;
  if (typeof fields?.updated !== "string") return null;
  const at = DateTime.fromISO(fields.updated, { setZone: true });
  return at.isValid ? at.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") : null;
};

interface SearchPage {
  issues: unknown[];
  next: { token: string } | { startAt: number } | null;
}

/** Jira Service Management issues from the search API, page by page, oldest update first. */
export const jiraApiReader = (options: JiraApiOptions): PagedTicketReader => ({
  pages: () => readPages(options),
});

async function* readPages(options: JiraApiOptions): AsyncGenerator<TicketPage> {
  const base = options.site.replace(/\/+$/, "");
  const api = options.api ?? "v3";
  const http = { ...options.http, target: `Jira ${base}` };
  const headers = {
    accept: "application/json",
    "content-type": "application/json",
    authorization: authorizationHeader(options.credentials),
  };
  const get = (path: string) => fetchJsonWithRetry(`${base}${path}`, { headers }, http);
  const zone = options.timeZone ?? (await userZone(get, api));
  const jql = jiraWindowJql(options.since, zone, options.jqlFilter);
  let watermark = options.since;
  let line = 0;
  let next: SearchPage["next"] = null;
  for (let number = 1; ; number++) {
    const page: SearchPage =
      api === "v3"
        ? searchV3(
            await fetchJsonWithRetry(
              `${base}/rest/api/3/search/jql`,
              {
                method: "POST",
                headers,
                body: JSON.stringify({
                  jql,
                  fields: ["*all"],
                  maxResults: options.pageSize,
                  ...(next && "token" in next ? { nextPageToken: next.token } : {}),
                }),
              },
              http,
            ),
            base,
          )
        : searchV2(
            await get(
              `/rest/api/2/search?${new URLSearchParams({
                jql,
                fields: "*all",
                startAt: String(next && "startAt" in next ? next.startAt : 0),
                maxResults: String(options.pageSize),
              })}`,
            ),
            base,
          );
    if (page.issues.length === 0) return;
    const results: ReadResult[] = page.issues.map((issue) => {
      line += 1;
      const raw = JSON.stringify(issue);
      const updated = updatedOf(issue);
      if (updated !== null && (watermark === null || updated > watermark)) watermark = updated;
      return readRow(
        line,
        raw,
        () => undefined,
        () => jiraTicket(issue, time),
      );
    });
    yield { number, results, watermark };
    if (page.next === null) return;
    next = page.next;
  }
}

const userZone = async (get: (path: string) => Promise<unknown>, api: "v3" | "v2"): Promise<string> => {
  const me = (await get(`/rest/api/${api === "v3" ? "3" : "2"}/myself`)) as { timeZone?: unknown } | null;
  return typeof me?.timeZone === "string" && DateTime.local().setZone(me.timeZone).isValid
    ? me.timeZone
    : "UTC";
};

const issuesOf = (body: unknown, base: string): unknown[] => {
  const issues = (body as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) throw new TandemError("bad_request", `Jira ${base} answered without "issues"`);
  return issues;
};

const searchV3 = (body: unknown, base: string): SearchPage => {
  const page = body as { nextPageToken?: unknown; isLast?: unknown };
  const token = typeof page.nextPageToken === "string" ? page.nextPageToken : null;
  return { issues: issuesOf(body, base), next: page.isLast === true || token === null ? null : { token } };
};

const searchV2 = (body: unknown, base: string): SearchPage => {
  const issues = issuesOf(body, base);
  const page = body as { startAt?: unknown; total?: unknown };
  const startAt = typeof page.startAt === "number" ? page.startAt : 0;
  const total = typeof page.total === "number" ? page.total : 0;
  const after = startAt + issues.length;
  return { issues, next: after < total ? { startAt: after } : null };
};
