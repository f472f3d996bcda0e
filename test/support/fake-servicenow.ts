import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";

/** One incident as the instance stores it: raw codes, dates as UTC glide values. */
export interface FakeIncident {
  sys_id: string;
  number: string;
  short_description: string;
  state: string;
  impact: string;
  urgency: string;
  opened_at: string;
  sys_updated_on: string;
  assignment_group: string;
}

export interface FakeServiceNowOptions {
  count: number;
  user: string;
  password: string;
  /** Records per second of sys_updated_on; >1 puts several records on one boundary second. */
  perSecond?: number;
  /** The zone of display values (to prove the reader uses the UTC value). */
  zone?: string;
}

const stateLabels: Record<string, string> = {
  "1": "New",
  "2": "In Progress",
  "6": "Resolved",
  "7": "Closed",
};
const levelLabels: Record<string, string> = { "1": "1 - High", "2": "2 - Medium", "3": "3 - Low" };
const GLIDE = "yyyy-MM-dd HH:mm:ss";

const glideAt = (start: DateTime, seconds: number) => start.plus({ seconds }).toFormat(GLIDE);

export const makeIncidents = (count: number, perSecond = 1): FakeIncident[] => {
  const start = DateTime.fromISO("2024-03-01T08:00:00", { zone: "utc" });
  return Array.from({ length: count }, (_, i) => ({
    // Not in sys_updated_on order, so that the ORDERBY sys_id tie-break matters.
    sys_id: `${((i * 7919) % 10007).toString(16).padStart(8, "0")}${String(i).padStart(24, "0")}`,
    number: `INC${String(10000 + i).padStart(7, "0")}`,
    short_description: `Incident ${i}`,
    state: ["1", "2", "6", "7"][i % 4] ?? "1",
    impact: String((i % 3) + 1),
    urgency: String(((i + 1) % 3) + 1),
    opened_at: glideAt(start, -3600 + i),
    sys_updated_on: glideAt(start, Math.floor(i / perSecond)),
    assignment_group: ["Service Desk", "Network", "Database"][i % 3] ?? "Service Desk",
  }));
};

type Failure = "500" | "drop";

/**
 * A ServiceNow instance on 127.0.0.1 speaking the Table API's JSON: `{ result: [...] }` with
 * sysparm_display_value=all fields as { value, display_value }, honouring the sys_updated_on>=
 * filter, the ORDERBY keys, offset and limit, and basic auth. Faults are scripted per request.
 */
export class FakeServiceNow {
  readonly incidents: FakeIncident[];
  /** Every request URL (path and query), in order. */
  readonly requests: string[] = [];
  url = "";
  #server = createServer((req, res) => this.#handle(req, res));
  #rateLimited = new Map<number, string>();
  #failAfterPages: { pages: number; mode: Failure } | null = null;
  #pagesServed = 0;
  #clock: DateTime;

  constructor(private readonly options: FakeServiceNowOptions) {
    this.incidents = makeIncidents(options.count, options.perSecond);
    this.#clock = DateTime.fromISO("2024-04-01T00:00:00", { zone: "utc" });
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

  /** The Nth request (1-based, counted from now on over all requests) answers 429 with this Retry-After. */
  rateLimit(nth: number, retryAfter: string): void {
    this.#rateLimited.set(this.requests.length + nth, retryAfter);
  }

  /** After `pages` more pages are served, every request fails until `heal()`. */
  failAfter(pages: number, mode: Failure): void {
    this.#failAfterPages = { pages: this.#pagesServed + pages, mode };
  }

  heal(): void {
    this.#failAfterPages = null;
  }

  /** Changes an incident as a user would: sys_updated_on moves to "now" (later than anything). */
  update(sysId: string, patch: Partial<FakeIncident>): void {
    const incident = this.incidents.find((i) => i.sys_id === sysId);
    if (!incident) throw new Error(`no incident ${sysId}`);
    this.#clock = this.#clock.plus({ seconds: 1 });
    Object.assign(incident, patch, { sys_updated_on: this.#clock.toFormat(GLIDE) });
  }

  /** The table as the reader should end up with it, sorted the way the API sorts. */
  sorted(): FakeIncident[] {
    return [...this.incidents].sort(
      (a, b) => a.sys_updated_on.localeCompare(b.sys_updated_on) || a.sys_id.localeCompare(b.sys_id),
    );
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    this.requests.push(req.url ?? "");
    const retryAfter = this.#rateLimited.get(this.requests.length);
    if (retryAfter !== undefined)
      return json(res, 429, { error: { message: "Too many requests" } }, retryAfter);
    const expected = `Basic ${Buffer.from(`${this.options.user}:${this.options.password}`).toString("base64")}`;
    if (req.headers.authorization !== expected)
      return json(res, 401, { error: { message: "User Not Authenticated" }, status: "failure" });
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/api/now/table/incident") return json(res, 404, { error: { message: "No table" } });
    const failure = this.#failAfterPages;
    if (failure && this.#pagesServed >= failure.pages) {
      if (failure.mode === "drop") {
        req.socket.destroy();
        return;
      }
      return json(res, 500, { error: { message: "Internal error" } });
    }
    const query = url.searchParams.get("sysparm_query") ?? "";
    const offset = Number(url.searchParams.get("sysparm_offset") ?? "0");
    const limit = Number(url.searchParams.get("sysparm_limit") ?? "10000");
    const page = this.#select(query).slice(offset, offset + limit);
    this.#pagesServed += 1;
    json(res, 200, { result: page.map((incident) => this.#display(incident)) });
  }

  /** The encoded query subset the reader sends: `sys_updated_on>=X` and ORDERBY keys, joined by ^. */
  #select(query: string): FakeIncident[] {
    let rows = [...this.incidents];
    const order: (keyof FakeIncident)[] = [];
    for (const part of query.split("^").filter(Boolean)) {
      if (part.startsWith("ORDERBY")) order.push(part.slice(7) as keyof FakeIncident);
      else {
        const match = /^(\w+)>=(.+)$/.exec(part);
        if (!match) throw new Error(`fake ServiceNow cannot read "${part}"`);
        const [, field, value] = match as unknown as [string, keyof FakeIncident, string];
        rows = rows.filter((row) => row[field] >= value);
      }
    }
    return rows.sort((a, b) => {
      for (const key of order) {
        const c = a[key].localeCompare(b[key]);
        if (c !== 0) return c;
      }
      return 0;
    });
  }

  #display(incident: FakeIncident): Record<string, { value: string; display_value: string }> {
    const zone = this.options.zone ?? "Europe/Berlin";
    const date = (value: string) => ({
      value,
      display_value: DateTime.fromFormat(value, GLIDE, { zone: "utc" })
        .setZone(zone)
        .toFormat("dd.MM.yyyy HH:mm:ss"),
    });
    const same = (value: string) => ({ value, display_value: value });
    return {
      sys_id: same(incident.sys_id),
      number: same(incident.number),
      short_description: same(incident.short_description),
      state: { value: incident.state, display_value: stateLabels[incident.state] ?? incident.state },
      impact: { value: incident.impact, display_value: levelLabels[incident.impact] ?? "" },
      urgency: { value: incident.urgency, display_value: levelLabels[incident.urgency] ?? "" },
      opened_at: date(incident.opened_at),
      sys_updated_on: date(incident.sys_updated_on),
      assignment_group: {
        value: `grp-${incident.assignment_group.length}`,
        display_value: incident.assignment_group,
      },
      sys_class_name: { value: "incident", display_value: "Incident" },
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
