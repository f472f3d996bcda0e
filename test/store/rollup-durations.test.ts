import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

/**
 * The duration histograms kept in the rollup rows (count × 1024 + bucket per entry): a row that
 * gathers many resolutions is merged to one entry per bucket, an update that makes a row's list
 * long merges it again, and a short list takes appended entries. Durations sit in the middle of
 * their buckets (1.04^(b − 0.5) seconds, whole seconds), so every expected bucket is known by
 * construction, not by the bucket formula under test.
 */
describe.each(testBackends())("durations kept in the rollup rows on %s", (backend) => {
  let store: Store;
  let r: Repositories;
  let busyId: string;
  let quietId: string;
  const march = { from: "2026-03-01", to: "2026-04-01" };
  const secondsIn = (bucket: number) => Math.round(1.04 ** (bucket - 0.5));
  const resolvedAfter = (record: TicketRecord, bucket: number) =>
    new Date(Date.parse(record.openedAt) + secondsIn(bucket) * 1000).toISOString();

  // 70 incidents of one service, one priority, one month: ticket i resolved in bucket 200 + i % 20,
  // so buckets 200–209 hold 4 tickets and 210–219 hold 3.
  const busy = Array.from({ length: 70 }, (_, i) =>
    makeTicketRecord({
      configurationItem: "BUSY",
      openedAt: `2026-03-${String(2 + (i % 20)).padStart(2, "0")}T08:00:00Z`,
    }),
  ).map((t, i) => ({ ...t, resolvedAt: resolvedAfter(t, 200 + (i % 20)) }));
  const quiet = [
    makeTicketRecord({ configurationItem: "QUIET", openedAt: "2026-03-05T08:00:00Z" }),
    makeTicketRecord({ configurationItem: "QUIET", openedAt: "2026-03-06T08:00:00Z" }),
  ].map((t, i) => ({ ...t, resolvedAt: resolvedAfter(t, 150 + i) }));

  const histogramOf = async (serviceId: string) =>
    Object.fromEntries((await r.metrics.totals({ serviceId }, march)).histograms.resolve);
  const storedEntries = async (serviceId: string) => {
    const rows = await sql<{ n: number }>`
      SELECT cardinality(resolve_durations) AS n FROM ticket_rollup
      WHERE grain = 'month_s' AND service_id = ${serviceId}::uuid AND type = 'incident'`.execute(store.db);
    return rows.rows.map((row) => row.n);
  };
  const load = async (records: TicketRecord[]) => {
    const result = await importTickets({
      db: store.db,
      reader: arrayReader(asRead(records)),
      source: "t.csv",
    });
    expect(result.status).toBe("succeeded");
  };

  beforeAll(async () => {
    store = await openTestStore(backend);
    r = createRepositories(store.db, systemActor("test"));
    busyId = (await makeService(r, { name: "Busy", aliases: [{ kind: "ci", value: "BUSY" }] })).id;
    quietId = (await makeService(r, { name: "Quiet", aliases: [{ kind: "ci", value: "QUIET" }] })).id;
    await load([...busy, ...quiet]);
  });
  afterAll(() => store.close());

  it("keeps a row of 70 resolutions as one entry per bucket", async () => {
    const expected: Record<number, number> = {};
    for (let b = 200; b < 220; b++) expected[b] = b < 210 ? 4 : 3;
    expect(await histogramOf(busyId)).toEqual(expected);
    expect(await storedEntries(busyId)).toEqual([20]);
  });

  it("merges a list that grows past 64 entries, dropping buckets that empty", async () => {
    // Tickets 0–29 and every other ticket of buckets 218 and 219 (38, 39, 58, 59) move to bucket
    // 230: buckets 200–209 lose two tickets each, 210–217 one each, 218 and 219 all of theirs.
    const moved = busy.filter((_, i) => i < 30 || [38, 39, 58, 59].includes(i));
    await load(moved.map((t) => ({ ...t, resolvedAt: resolvedAfter(t, 230) })));
    const expected: Record<number, number> = { 230: 34 };
    for (let b = 200; b < 218; b++) expected[b] = 2;
    expect(await histogramOf(busyId)).toEqual(expected);
    // Appended to the 20: the import's 34 new durations, added up in memory to one entry (bucket
    // 230), then at commit the trigger's 34 removals of the old ones (21 + 34 is not past 64).
    expect(await storedEntries(busyId)).toEqual([55]);

    // The same tickets spread over buckets 240–273: 55 + 34 entries is past 64, so the row's list
    // is merged, and again with the 34 removals: the 52 buckets in use; 218, 219 and 230 are gone.
    await load(moved.map((t, i) => ({ ...t, resolvedAt: resolvedAfter(t, 240 + i) })));
    delete expected[230];
    for (let b = 240; b < 274; b++) expected[b] = 1;
    expect(await histogramOf(busyId)).toEqual(expected);
    expect(await storedEntries(busyId)).toEqual([52]);
  });

  it("appends to a short list, and reads it summed by bucket", async () => {
    expect(await histogramOf(quietId)).toEqual({ 150: 1, 151: 1 });
    await load([{ ...(quiet[0] as TicketRecord), resolvedAt: resolvedAfter(quiet[0] as TicketRecord, 160) }]);
    expect(await histogramOf(quietId)).toEqual({ 151: 1, 160: 1 });
    // Two entries, then a removal from 150 and an addition to 160: appended, not merged.
    expect(await storedEntries(quietId)).toEqual([4]);
  });
});
