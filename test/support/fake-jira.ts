import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";

export interface FakeIssue {
  id: string;
  key: string;
  summary: string;
  status: string;
  /** UTC instant (ms precision), written out in the site's zone as Jira does. */
  updated: DateTime;
  created: DateTime;
  breached: boolean;
}

export interface FakeJiraOptions {
  count: number;
  email: string;
  token: string;
  /** The API user's zone: JQL dates are read in it. */
  zone?: string;
}

const JIRA_TIME = "yyyy-MM-dd'T'HH:mm:ss.SSSZZZ";

/**
 * A Jira Cloud site on 127.0.0.1: /myself, the new POST /rest/api/3/search/jql (nextPageToken,
 * isLast) and the older GET /rest/api/2/search (startAt, total), with issues carrying an SLA
 * custom field; checks basic auth (e-mail + API token) and can answer 429 for a chosen request.
 */
export class FakeJira {
  readonly issues: FakeIssue[];
  readonly requests: { path: string; jql: string | null }[] = [];
  url = "";
  #server = createServer((req, res) => void this.#handle(req, res));
  #rateLimited = new Map<number, string>();
  readonly zone: string;

  constructor(private readonly options: FakeJiraOptions) {
    this.zone = options.zone ?? "America/New_York";
    const start = DateTime.fromISO("2024-05-01T09:00:00.000Z", { zone: "utc" });
    this.issues = Array.from({ length: options.count }, (_, i) => ({
      id: String(20000 + i),
      key: `ITSM-${i + 1}`,
      summary: `Request ${i + 1}`,
      status: ["Open", "In Progress", "Resolved"][i % 3] ?? "Open",
      // Several issues per minute: JQL's minute precision makes the boundary overlap real.
      updated: start.plus({ seconds: i * 20 + 0.5 }),
      created: start.minus({ days: 1 }).plus({ minutes: i }),
      breached: i % 5 === 0,
    }));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  rateLimit(nth: number, retryAfter: string): void {
    this.#rateLimited.set(this.requests.length + nth, retryAfter);
  }

  update(key: string, patch: Partial<Pick<FakeIssue, "summary" | "status">>): void {
    const issue = this.issues.find((i) => i.key === key);
    if (!issue) throw new Error(`no issue ${key}`);
    const latest = DateTime.max(...this.issues.map((i) => i.updated)) ?? issue.updated;
    Object.assign(issue, patch, { updated: latest.plus({ minutes: 5 }) });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    let body: Record<string, unknown> = {};
    if (req.method === "POST") {
      let text = "";
      for await (const chunk of req) text += String(chunk);
      body = JSON.parse(text) as Record<string, unknown>;
    }
    const jql = typeof body.jql === "string" ? body.jql : url.searchParams.get("jql");
    this.requests.push({ path: url.pathname, jql });
    const retryAfter = this.#rateLimited.get(this.requests.length);
    if (retryAfter !== undefined)
      return json(res, 429, { errorMessages: ["Rate limit exceeded"] }, retryAfter);
    const expected = `Basic ${Buffer.from(`${this.options.email}:${this.options.token}`).toString("base64")}`;
    if (req.headers.authorization !== expected) return json(res, 401, { errorMessages: ["Unauthorized"] });
    if (url.pathname.endsWith("/myself")) return json(res, 200, { accountId: "x", timeZone: this.zone });
    const matching = this.#select(jql ?? "");
    if (url.pathname === "/rest/api/3/search/jql" && req.method === "POST") {
      const start = typeof body.nextPageToken === "string" ? Number(atob(body.nextPageToken)) : 0;
      const max = typeof body.maxResults === "number" ? body.maxResults : 50;
      const page = matching.slice(start, start + max);
      const isLast = start + max >= matching.length;
      return json(res, 200, {
        issues: page.map((issue) => this.#render(issue)),
        isLast,
        ...(isLast ? {} : { nextPageToken: btoa(String(start + max)) }),
      });
    }
    if (url.pathname === "/rest/api/2/search") {
      const start = Number(url.searchParams.get("startAt") ?? "0");
      const max = Number(url.searchParams.get("maxResults") ?? "50");
      const page = matching.slice(start, start + max);
      return json(res, 200, {
        startAt: start,
        maxResults: max,
        total: matching.length,
        issues: page.map((i) => this.#render(i)),
      });
    }
    json(res, 404, { errorMessages: ["Not found"] });
  }

  /** The JQL subset the reader sends: an optional `updated >= "yyyy-MM-dd HH:mm"` (site zone), ORDER BY updated. */
  #select(jql: string): FakeIssue[] {
    const match = /updated >= "(\d{4}-\d{2}-\d{2} \d{2}:\d{2})"/.exec(jql);
    const from = match?.[1] ? DateTime.fromFormat(match[1], "yyyy-MM-dd HH:mm", { zone: this.zone }) : null;
    return this.issues
      .filter((issue) => from === null || issue.updated >= from)
      .sort((a, b) => a.updated.toMillis() - b.updated.toMillis() || Number(a.id) - Number(b.id));
  }

  #render(issue: FakeIssue) {
    const category = issue.status === "Open" ? "new" : issue.status === "Resolved" ? "done" : "indeterminate";
    const at = (t: DateTime) => t.setZone(this.zone).toFormat(JIRA_TIME);
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.url}/rest/api/3/issue/${issue.id}`,
      fields: {
        summary: issue.summary,
        issuetype: { name: "Incident" },
        status: { name: issue.status, statusCategory: { key: category } },
        priority: { name: "High" },
        created: at(issue.created),
        updated: at(issue.updated),
        resolutiondate: issue.status === "Resolved" ? at(issue.updated) : null,
        assignee: { displayName: "Ada Agent" },
        reporter: { displayName: "Rob Reporter", emailAddress: "rob@example.com" },
        components: [{ name: "Payroll" }],
        labels: ["sync"],
        customfield_10030: {
          id: "1",
          name: "Time to resolution",
          completedCycles: [
            {
              breached: issue.breached,
              goalDuration: { millis: 14_400_000 },
              elapsedTime: { millis: issue.breached ? 20_000_000 : 3_600_000 },
            },
          ],
        },
      },
    };
  }
}

const json = (res: ServerResponse, status: number, body: unknown, retryAfter?: string) => {
  res.writeHead(status, {
    "content-type": "application/json",
    ...(retryAfter === undefined ? {} : { "retry-after": retryAfter }),
  });
  res.end(JSON.stringify(body));
};
