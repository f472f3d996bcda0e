import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import type { TandemError } from "../../src/domain/errors.js";
import { jiraApiReader, jiraWindowJql } from "../../src/ingest/jira-api-reader.js";
import type { PagedTicketReader, TicketPage } from "../../src/ingest/paged-ticket-reader.js";
import { FakeJira } from "../support/fake-jira.js";

const EMAIL = "bot@example.com";
const TOKEN = "ATATT-jira-api-token-123";

const allPages = async (reader: PagedTicketReader): Promise<TicketPage[]> => {
  const pages: TicketPage[] = [];
  for await (const page of reader.pages()) pages.push(page);
  return pages;
};

const keysOf = (pages: TicketPage[]) =>
  pages.flatMap((p) => p.results.map((r) => (r.kind === "ticket" ? r.record.number : r.message)));

describe("Jira search API reader", () => {
  let fake: FakeJira | undefined;
  afterEach(async () => fake?.close());

  const open = async (count: number) =>
    (fake = await new FakeJira({ count, email: EMAIL, token: TOKEN }).start());
  const reader = (
    server: FakeJira,
    o: { since?: string | null; api?: "v3" | "v2"; token?: string; sleeps?: number[] } = {},
  ) =>
    jiraApiReader({
      site: server.url,
      credentials: { kind: "basic", user: EMAIL, password: o.token ?? TOKEN },
      since: o.since ?? null,
      pageSize: 10,
      jqlFilter: "project = ITSM",
      ...(o.api ? { api: o.api } : {}),
      http: { maxAttempts: 3, sleep: async (ms) => void o.sleeps?.push(ms) },
    });

  it("builds the JQL window one minute early, in the user's zone, at minute precision", () => {
    expect(jiraWindowJql("2024-05-01T09:00:40Z", "America/New_York", "project = ITSM")).toBe(
      '(project = ITSM) AND updated >= "2024-05-01 04:59" ORDER BY updated ASC',
    );
    expect(jiraWindowJql(null, "UTC")).toBe("ORDER BY updated ASC");
  });

  for (const api of ["v3", "v2"] as const) {
    it(`reads every issue exactly once through the ${api} search`, async () => {
      const server = await open(25);
      const pages = await allPages(reader(server, { api }));
      expect(pages.map((p) => p.results.length)).toEqual([10, 10, 5]);
      expect(keysOf(pages)).toEqual(server.issues.map((i) => i.key));
      const latest = server.issues.at(-1)?.updated.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
      expect(pages.at(-1)?.watermark).toBe(latest);
      const first = pages[0]?.results[0];
      expect(first?.kind === "ticket" && first.record.slas).toEqual([
        {
          name: "Time to resolution",
          targetSeconds: 14400,
          elapsedSeconds: 20000,
          breached: true,
          origin: "source",
        },
      ]);
    });
  }

  it("reads from the watermark with one minute of overlap, never missing the boundary minute", async () => {
    const server = await open(30);
    const boundary = server.issues[12];
    const since = boundary?.updated.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") ?? "";
    const keys = keysOf(await allPages(reader(server, { since })));
    const expected = server.issues.filter(
      (i) => i.updated >= DateTime.fromISO(since).minus({ minutes: 1 }).startOf("minute"),
    );
    expect(keys).toEqual(expected.map((i) => i.key));
    expect(keys).toContain(boundary?.key);
    expect(server.requests.at(-1)?.jql).toContain('updated >= "2024-05-01 05:03"');
  });

  it("waits the Retry-After of a 429 and continues", async () => {
    const server = await open(15);
    server.rateLimit(3, "3");
    const sleeps: number[] = [];
    expect(keysOf(await allPages(reader(server, { sleeps })))).toHaveLength(15);
    expect(sleeps).toEqual([3000]);
  });

  it("fails a 401 clearly without the token", async () => {
    const server = await open(3);
    const error = await allPages(reader(server, { token: "bad-token-xyz" })).catch((e: unknown) => e);
    expect((error as TandemError).code).toBe("unauthenticated");
    expect((error as TandemError).message).toContain(`Jira ${server.url}`);
    expect(String(error)).not.toContain("bad-token-xyz");
  });
});
