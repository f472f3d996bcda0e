import { afterEach, describe, expect, it } from "vitest";
import { TandemError } from "../../src/domain/errors.js";
import type { PagedTicketReader, TicketPage } from "../../src/ingest/paged-ticket-reader.js";
import { serviceNowApiReader } from "../../src/ingest/servicenow-api-reader.js";
import { FakeServiceNow } from "../support/fake-servicenow.js";

const USER = "sync.bot";
const PASSWORD = "s3cret-Pa55word!";

const allPages = async (reader: PagedTicketReader): Promise<TicketPage[]> => {
  const pages: TicketPage[] = [];
  for await (const page of reader.pages()) pages.push(page);
  return pages;
};

describe("ServiceNow Table API reader", () => {
  let fake: FakeServiceNow | undefined;
  afterEach(async () => fake?.close());

  const open = async (count: number, perSecond = 1) =>
    (fake = await new FakeServiceNow({ count, user: USER, password: PASSWORD, perSecond }).start());

  const reader = (
    server: FakeServiceNow,
    o: { since?: string | null; pageSize?: number; password?: string; sleeps?: number[] } = {},
  ) =>
    serviceNowApiReader({
      instance: server.url,
      table: "incident",
      credentials: { kind: "basic", user: USER, password: o.password ?? PASSWORD },
      since: o.since ?? null,
      pageSize: o.pageSize ?? 10,
      http: {
        maxAttempts: 3,
        random: () => 0.5,
        sleep: async (ms) => {
          o.sleeps?.push(ms);
        },
      },
    });

  it("reads every record exactly once, page by page, and reports the highest sys_updated_on", async () => {
    const server = await open(35);
    const pages = await allPages(reader(server));
    expect(pages.map((p) => p.results.length)).toEqual([10, 10, 10, 5]);
    const ids = pages.flatMap((p) => p.results.map((r) => (r.kind === "ticket" ? r.record.externalId : "?")));
    expect(ids).toEqual(server.sorted().map((i) => i.sys_id));
    const last = server.sorted().at(-1)?.sys_updated_on.replace(" ", "T");
    expect(pages.at(-1)?.watermark).toBe(`${last}Z`);
    // Each page's watermark is its own last record's, so a sync can store it after committing the page.
    expect(pages[1]?.watermark).toBe(`${server.sorted()[19]?.sys_updated_on.replace(" ", "T")}Z`);
  });

  it("maps the { value, display_value } fields with the existing mapping, dates from the UTC value", async () => {
    const server = await open(2);
    const [page] = await allPages(reader(server));
    const first = page?.results[0];
    expect(first?.kind).toBe("ticket");
    if (first?.kind !== "ticket") return;
    const source = server.sorted()[0];
    expect(first.record).toMatchObject({
      sourceSystem: "servicenow",
      externalId: source?.sys_id,
      number: source?.number,
      type: "incident",
      assignmentGroup: source?.assignment_group,
      openedAt: `${source?.opened_at.replace(" ", "T")}Z`,
      updatedAt: `${source?.sys_updated_on.replace(" ", "T")}Z`,
    });
  });

  it("pages through more records on one second than fit on a page without a loop or a gap", async () => {
    const server = await open(40, 25);
    const pages = await allPages(reader(server, { pageSize: 10 }));
    const ids = pages.flatMap((p) => p.results.map((r) => (r.kind === "ticket" ? r.record.externalId : "?")));
    expect(ids).toEqual(server.sorted().map((i) => i.sys_id));
  });

  it("reads from the watermark on (inclusive) with the filter and order in sysparm_query", async () => {
    const server = await open(30);
    const since = `${server.sorted()[20]?.sys_updated_on.replace(" ", "T")}Z`;
    const pages = await allPages(reader(server, { since }));
    expect(pages.flatMap((p) => p.results)).toHaveLength(10);
    const first = new URL(server.requests[0] ?? "", server.url);
    expect(first.searchParams.get("sysparm_query")).toBe(
      `sys_updated_on>=${server.sorted()[20]?.sys_updated_on}^ORDERBYsys_updated_on^ORDERBYsys_id`,
    );
    expect(first.searchParams.get("sysparm_display_value")).toBe("all");
    expect(first.searchParams.get("sysparm_exclude_reference_link")).toBe("true");
  });

  it("waits the Retry-After of a 429 and then goes on", async () => {
    const server = await open(25);
    server.rateLimit(2, "7");
    const sleeps: number[] = [];
    const pages = await allPages(reader(server, { sleeps }));
    expect(sleeps).toEqual([7000]);
    expect(pages.flatMap((p) => p.results)).toHaveLength(25);
  });

  it("fails a 401 at once with a message naming the instance and not the password", async () => {
    const server = await open(5);
    const sleeps: number[] = [];
    const error = await allPages(reader(server, { password: "wrong-Pa55", sleeps })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe("unauthenticated");
    expect((error as TandemError).message).toContain(server.url);
    expect(JSON.stringify(error) + String(error)).not.toContain("wrong-Pa55");
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a dropped connection and a 500, then gives up after the configured attempts", async () => {
    const server = await open(25);
    server.failAfter(1, "drop");
    const sleeps: number[] = [];
    const error = await allPages(reader(server, { sleeps })).catch((e: unknown) => e);
    expect((error as TandemError).code).toBe("internal");
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1 s.
    expect(sleeps).toEqual([250, 500]);
    expect(server.requests).toHaveLength(4);
  });
});
