import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { TicketRepository } from "../../src/store/repositories/ticket-repository.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { rollupSnapshot } from "../support/rollup-snapshot.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000", "");

/**
 * Forty tickets over three months whose events fall on other days and months than their opening:
 * ticket i opens on day 2i (from 2026-01-01 09:00) and, unless open, is resolved 3i hours later.
 */
const tickets = (
  edit: (i: number) => Partial<TicketRecord> = () => ({}),
  { prefix = "roll", start = "2026-01-01T09:00:00Z" } = {},
): TicketRecord[] =>
  Array.from({ length: 40 }, (_, i) => {
    const opened = Date.parse(start) + i * 2 * DAY;
    const open = i % 7 === 3;
    return makeTicketRecord({
      externalId: `${prefix}-${i}`,
      number: `${prefix.toUpperCase()}${i}`,
      title: `Ticket ${i}`,
      sourceFields: {},
      configurationItem: "WEBSHOP",
      requesterDepartment: "Sales",
      type: i % 5 === 4 ? "request" : "incident",
      priority: 1 + (i % 4),
      assignmentGroup: `Group ${i % 3}`,
      channel: i % 2 === 0 ? "phone" : "portal",
      openedAt: iso(opened),
      acknowledgedAt: iso(opened + 20 * 60_000),
      ...(open
        ? { state: "open", stateRaw: "In Progress", resolvedAt: null }
        : { state: "resolved", resolvedAt: iso(opened + i * 3 * 3_600_000 + 60_000) }),
      reopenCount: i % 6 === 0 ? 1 : 0,
      ...edit(i),
    });
  });

/**
 * The import applies the rollups every `rollupsEvery` written tickets inside its transaction, not
 * only at commit; the rollups must come out as a rebuild from the raw tickets gives them, and a
 * failed import must leave them as they were.
 */
describe.each(testBackends())("rollups applied during an import on %s", (backend) => {
  let store: Store;
  const importWith = (records: TicketRecord[], failAfter?: number) =>
    importTickets({
      db: store.db,
      reader: arrayReader(asRead(records), failAfter),
      source: "roll.csv",
      batchSize: 5,
      rollupsEvery: 10,
    });
  const opened = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT COALESCE(sum(opened), 0) AS n FROM ticket_rollup WHERE grain = 'month_o'`.execute(store.db)
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    store = await openTestStore(backend);
    const r = createRepositories(store.db, systemActor("test"));
    await makeBusinessUnit(r, { name: "Sales" });
    await makeService(r, { name: "Web Shop", aliases: [{ kind: "ci", value: "WEBSHOP" }] });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => store.close());

  it("gives the rows a rebuild gives, first import and changed re-import alike", async () => {
    const applied = vi.spyOn(TicketRepository.prototype, "applyPendingRollups");
    expect((await importWith(tickets())).inserted).toBe(40);
    // 40 written in batches of 5, applied after every 10: four times before the commit.
    expect(applied).toHaveBeenCalledTimes(4);
    expect(await opened()).toBe(40);
    const first = await rollupSnapshot(store.db);
    await createRepositories(store.db, systemActor("test")).metrics.rebuild();
    expect(await rollupSnapshot(store.db)).toEqual(first);

    // Every third ticket changes: resolved a day later, in another group; the open ones get resolved.
    const changed = tickets((i) =>
      i % 3 === 0 || i % 7 === 3
        ? {
            state: "resolved",
            stateRaw: "Resolved",
            assignmentGroup: "Group 9",
            resolvedAt: iso(Date.parse("2026-01-01T09:00:00Z") + i * 2 * DAY + (i * 3 + 24) * 3_600_000),
          }
        : {},
    );
    const again = await importWith(changed);
    // i % 3 === 0: 14 tickets; i % 7 === 3 and not a multiple of 3: 10, 17, 31, 38 (3 and 24 are).
    expect(again.updated).toBe(18);
    expect(await opened()).toBe(40);
    const incremental = await rollupSnapshot(store.db);
    await createRepositories(store.db, systemActor("test")).metrics.rebuild();
    expect(await rollupSnapshot(store.db)).toEqual(incremental);
  });

  it("leaves the rollups as they were when the import fails after applying some", async () => {
    const before = await rollupSnapshot(store.db);
    const tickets_ = await sql<{ n: string }>`SELECT count(*) AS n FROM ticket`.execute(store.db);
    const applied = vi.spyOn(TicketRepository.prototype, "applyPendingRollups");
    const moved = tickets(undefined, { prefix: "moved", start: "2026-04-01T09:00:00Z" });
    await expect(importWith(moved, 35)).rejects.toThrow("dropped");
    expect(applied.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(await rollupSnapshot(store.db)).toEqual(before);
    expect((await sql<{ n: string }>`SELECT count(*) AS n FROM ticket`.execute(store.db)).rows).toEqual(
      tickets_.rows,
    );
  });
});
