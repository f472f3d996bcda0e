import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TandemError } from "../../src/domain/errors.js";
import { secretsOf } from "../../src/ingest/api-credentials.js";
import { jiraApiReader } from "../../src/ingest/jira-api-reader.js";
import { serviceNowApiReader } from "../../src/ingest/servicenow-api-reader.js";
import type { Store } from "../../src/store/open-store.js";
import { SyncStateRepository } from "../../src/store/repositories/sync-state-repository.js";
import { type SyncPageSummary, syncTickets } from "../../src/use-cases/sync-tickets.js";
import { FakeJira } from "../support/fake-jira.js";
import { FakeServiceNow } from "../support/fake-servicenow.js";
import { openTestStore, testBackends } from "../support/test-store.js";

const USER = "sync.bot";
const PASSWORD = "Pa55-never-logged";
const PAGE = 10;

const glideIso = (glide: string | undefined) => `${glide?.replace(" ", "T")}Z`;

describe.each(testBackends())("syncing tickets from a live API on %s", (backend) => {
  let store: Store;
  let fake: FakeServiceNow;
  let jira: FakeJira | undefined;

  beforeEach(async () => {
    store = await openTestStore(backend);
    fake = await new FakeServiceNow({ count: 45, user: USER, password: PASSWORD }).start();
  }, 60_000);
  afterEach(async () => {
    await fake?.close();
    await jira?.close();
    await store?.close();
  });

  const source = () => `servicenow:${fake.url}:incident`;
  const credentials = { kind: "basic" as const, user: USER, password: PASSWORD };
  const sync = (o: { pages?: SyncPageSummary[]; sleeps?: number[]; since?: string } = {}) =>
    syncTickets({
      db: store.db,
      source: source(),
      format: "servicenow-api",
      secrets: secretsOf(credentials),
      ...(o.since ? { since: o.since } : {}),
      onPage: (p) => o.pages?.push(p),
      openReader: (since) =>
        serviceNowApiReader({
          instance: fake.url,
          table: "incident",
          credentials,
          since,
          pageSize: PAGE,
          http: { maxAttempts: 2, random: () => 0, sleep: async (ms) => void o.sleeps?.push(ms) },
        }),
    });

  /** Read straight from the store, independently of what the sync reports. */
  const storedIds = async () =>
    (
      await store.db
        .selectFrom("ticket")
        .select("externalId")
        .where("sourceSystem", "=", "servicenow")
        .orderBy("externalId")
        .execute()
    ).map((r) => r.externalId);
  const duplicates = async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT source_system, external_id FROM ticket
      GROUP BY 1, 2 HAVING count(*) > 1) d`.execute(store.db);
    return rows[0]?.n;
  };
  const sourceIds = () => fake.incidents.map((i) => i.sys_id).sort();
  const state = () => new SyncStateRepository(store.db).get(source());

  it("imports every record once, one committed page at a time, and stores the watermark", async () => {
    const pages: SyncPageSummary[] = [];
    const result = await sync({ pages });
    expect(result).toMatchObject({ status: "succeeded", pages: 5, read: 45, inserted: 45, rejected: 0 });
    expect(pages.map((p) => p.inserted)).toEqual([10, 10, 10, 10, 5]);
    expect(await storedIds()).toEqual(sourceIds());
    expect(await duplicates()).toBe(0);
    expect(await state()).toMatchObject({
      watermark: glideIso(fake.sorted().at(-1)?.sys_updated_on),
      lastStatus: "succeeded",
      lastError: null,
    });
    const runs = await store.db.selectFrom("importRun").select("status").execute();
    expect(runs).toHaveLength(5);
  });

  it("keeps pages 1-2 after a failure at page 3, then resumes from page 2's end with no gap or duplicate", async () => {
    fake.failAfter(2, "500");
    const error = await sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandemError);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(await storedIds()).toEqual(
      fake
        .sorted()
        .slice(0, 2 * PAGE)
        .map((i) => i.sys_id)
        .sort(),
    );
    const failed = await state();
    expect(failed).toMatchObject({
      watermark: glideIso(fake.sorted()[2 * PAGE - 1]?.sys_updated_on),
      lastStatus: "failed",
    });
    expect(failed?.lastError).toContain("HTTP 500");
    expect(failed?.lastError).not.toContain(PASSWORD);

    fake.heal();
    const before = fake.requests.length;
    const resumed = await sync();
    // The re-run starts at the stored watermark (inclusive): the boundary record is read again, unchanged.
    expect(new URL(fake.requests[before] ?? "", fake.url).searchParams.get("sysparm_query")).toContain(
      `sys_updated_on>=${fake.sorted()[2 * PAGE - 1]?.sys_updated_on}`,
    );
    expect(resumed).toMatchObject({ status: "succeeded", inserted: 25, unchanged: 1, updated: 0 });
    expect(await storedIds()).toEqual(sourceIds());
    expect(await duplicates()).toBe(0);
    expect((await state())?.lastStatus).toBe("succeeded");
  });

  it("reports a second sync without changes as unchanged, and picks up an update made since", async () => {
    await sync();
    const again = await sync();
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(again.read);
    const target = fake.sorted()[3];
    fake.update(target?.sys_id ?? "", { short_description: "Printer on fire", state: "7" });
    const third = await sync();
    expect(third).toMatchObject({ inserted: 0, updated: 1 });
    const row = await store.db
      .selectFrom("ticket")
      .select(["title", "state"])
      .where("externalId", "=", target?.sys_id ?? "")
      .executeTakeFirst();
    expect(row).toEqual({ title: "Printer on fire", state: "closed" });
    expect(await storedIds()).toEqual(sourceIds());
    expect((await state())?.watermark).toBe(glideIso(fake.sorted().at(-1)?.sys_updated_on));
  });

  it("waits out a 429 mid-sync and finishes", async () => {
    fake.rateLimit(3, "2");
    const sleeps: number[] = [];
    expect(await sync({ sleeps })).toMatchObject({ status: "succeeded", inserted: 45 });
    expect(sleeps).toEqual([2000]);
  });

  it("records a 401 as a failed run whose error names the instance and not the password", async () => {
    const error = await syncTickets({
      db: store.db,
      source: source(),
      format: "servicenow-api",
      secrets: [PASSWORD],
      openReader: (since) =>
        serviceNowApiReader({
          instance: fake.url,
          table: "incident",
          credentials: { kind: "basic", user: USER, password: `${PASSWORD}x` },
          since,
          pageSize: PAGE,
        }),
    }).catch((e: unknown) => e);
    expect((error as TandemError).code).toBe("unauthenticated");
    expect((error as Error).message).toContain(fake.url);
    expect((await state())?.lastStatus).toBe("failed");
    expect(await storedIds()).toEqual([]);
  });

  it("redacts credentials from an error text before storing or rethrowing it", async () => {
    const header = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
    const error = await syncTickets({
      db: store.db,
      source: source(),
      format: "servicenow-api",
      secrets: secretsOf(credentials),
      openReader: () => ({
        // biome-ignore lint/correctness/useYield: a reader that fails before its first page
        async *pages() {
          throw new Error(`proxy refused ${USER}:${PASSWORD} with authorization ${header}`);
        },
      }),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`proxy refused ${USER}:***`);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect((error as Error).message).not.toContain(header.slice(6));
    expect((await state())?.lastError).not.toContain(PASSWORD);
  });

  it("syncs Jira issues with their SLA field and resumes incrementally", async () => {
    jira = await new FakeJira({ count: 23, email: "bot@example.com", token: "tok-123" }).start();
    const server = jira;
    const run = () =>
      syncTickets({
        db: store.db,
        source: `jira:${server.url}`,
        format: "jira-api",
        openReader: (since) =>
          jiraApiReader({
            site: server.url,
            credentials: { kind: "basic", user: "bot@example.com", password: "tok-123" },
            since,
            pageSize: 10,
          }),
      });
    expect(await run()).toMatchObject({ status: "succeeded", pages: 3, inserted: 23 });
    server.update("ITSM-2", { status: "Resolved" });
    const second = await run();
    expect(second).toMatchObject({ inserted: 0, updated: 1 });
    const keys = await store.db
      .selectFrom("ticket")
      .select("number")
      .where("sourceSystem", "=", "jira")
      .execute();
    expect(keys.map((k) => k.number).sort()).toEqual(server.issues.map((i) => i.key).sort());
  });
});
