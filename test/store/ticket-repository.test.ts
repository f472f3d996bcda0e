import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import type { Role } from "../../src/domain/schemas/user.js";
import { ticketContentHash } from "../../src/domain/ticket-content-hash.js";
import type { TicketMatch } from "../../src/domain/ticket-matching.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { repositoriesAs } from "../support/actors.js";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { makeTicketRecord } from "../support/ticket-factories.js";

const none: TicketMatch = { serviceId: null, businessUnitId: null };
const toWrite = (records: TicketRecord[], match: TicketMatch = none) =>
  records.map((record) => ({ record, match, contentHash: ticketContentHash(record) }));

describe.each(testBackends())("ticket repository on %s", (backend) => {
  let store: Store;
  let sys: Repositories;

  const partitionOf = async (externalId: string) =>
    (
      await sql<{
        part: string;
      }>`SELECT tableoid::regclass::text AS part FROM ticket WHERE external_id = ${externalId}`.execute(
        store.db,
      )
    ).rows.map((r) => r.part);

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
  }, 60_000);
  afterAll(async () => store?.close());

  it("inserts new tickets, rewrites changed ones and leaves unchanged ones alone", async () => {
    const a = makeTicketRecord();
    const b = makeTicketRecord();
    expect(await sys.tickets.writeBatch(toWrite([a, b]), null)).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const before = await store.db
      .selectFrom("ticket")
      .select(["id", "createdAt", "updatedAt"])
      .where("externalId", "=", a.externalId)
      .executeTakeFirstOrThrow();
    expect(await sys.tickets.writeBatch(toWrite([a, { ...b, title: "Changed" }]), null)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const rows = await store.db
      .selectFrom("ticket")
      .select(["externalId", "title"])
      .where("externalId", "in", [a.externalId, b.externalId])
      .orderBy("externalId")
      .execute();
    expect(rows.map((r) => r.title).sort()).toEqual([a.title, "Changed"].sort());
    const after = await store.db
      .selectFrom("ticket")
      .select(["id", "createdAt", "updatedAt"])
      .where("externalId", "=", a.externalId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("puts tickets of three months into three partitions and moves one whose month changes", async () => {
    const jan = makeTicketRecord({ openedAt: "2025-01-31T23:59:59Z", resolvedAt: null });
    const feb = makeTicketRecord({ openedAt: "2025-02-01T00:00:00Z", resolvedAt: null });
    const mar = makeTicketRecord({ openedAt: "2025-03-15T10:00:00Z", resolvedAt: null });
    await sys.tickets.writeBatch(toWrite([jan, feb, mar]), null);
    expect(await partitionOf(jan.externalId)).toEqual(["ticket_y2025m01"]);
    expect(await partitionOf(feb.externalId)).toEqual(["ticket_y2025m02"]);
    expect(await partitionOf(mar.externalId)).toEqual(["ticket_y2025m03"]);

    const id = (
      await store.db
        .selectFrom("ticketKey")
        .select("ticketId")
        .where("externalId", "=", jan.externalId)
        .executeTakeFirstOrThrow()
    ).ticketId;
    const moved = { ...jan, openedAt: "2025-04-02T09:00:00Z" };
    expect(await sys.tickets.writeBatch(toWrite([moved]), null)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await partitionOf(jan.externalId)).toEqual(["ticket_y2025m04"]);
    const key = await store.db
      .selectFrom("ticketKey")
      .selectAll()
      .where("externalId", "=", jan.externalId)
      .executeTakeFirstOrThrow();
    expect(key.ticketId).toBe(id);
    expect(key.openedAt).toBe("2025-04-02T09:00:00.000Z");
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ticket WHERE external_id = ${jan.externalId}`.execute(store.db);
    expect(rows[0]?.n).toBe(1);
    expect(await sys.tickets.writeBatch(toWrite([moved]), null)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it("rewrites a ticket whose match changed even if its content did not", async () => {
    const service = await makeService(sys);
    const t = makeTicketRecord();
    await sys.tickets.writeBatch(toWrite([t]), null);
    expect(
      await sys.tickets.writeBatch(toWrite([t], { serviceId: service.id, businessUnitId: null }), null),
    ).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    const row = await store.db
      .selectFrom("ticket")
      .select("serviceId")
      .where("externalId", "=", t.externalId)
      .executeTakeFirstOrThrow();
    expect(row.serviceId).toBe(service.id);
  });

  it("lists with filters and cursor pagination, newest first", async () => {
    const tag = `page-${Date.now()}`;
    const service = await makeService(sys);
    const records = [1, 2, 3, 4, 5].map((d) =>
      makeTicketRecord({
        openedAt: `2024-06-0${d}T10:00:00Z`,
        resolvedAt: null,
        state: d === 3 ? "open" : "closed",
        title: tag,
      }),
    );
    await sys.tickets.writeBatch(toWrite(records, { serviceId: service.id, businessUnitId: null }), null);
    const first = await sys.tickets.list({ limit: 2, serviceId: service.id });
    expect(first.items.map((t) => t.externalId)).toEqual([records[4]?.externalId, records[3]?.externalId]);
    const second = await sys.tickets.list({
      limit: 2,
      serviceId: service.id,
      cursor: first.nextCursor ?? "",
    });
    expect(second.items.map((t) => t.externalId)).toEqual([records[2]?.externalId, records[1]?.externalId]);
    const third = await sys.tickets.list({
      limit: 2,
      serviceId: service.id,
      cursor: second.nextCursor ?? "",
    });
    expect(third.items.map((t) => t.externalId)).toEqual([records[0]?.externalId]);
    expect(third.nextCursor).toBeNull();
    const open = await sys.tickets.list({ limit: 10, serviceId: service.id, state: "open" });
    expect(open.items.map((t) => t.externalId)).toEqual([records[2]?.externalId]);
    const window = await sys.tickets.list({
      limit: 10,
      serviceId: service.id,
      openedFrom: "2024-06-02T00:00:00Z",
      openedTo: "2024-06-04T00:00:00Z",
    });
    expect(window.items.map((t) => t.externalId)).toEqual([records[2]?.externalId, records[1]?.externalId]);
    // What was stored reads back as the record.
    const {
      id: _id,
      serviceId: _s,
      businessUnitId: _b,
      importRunId: _r,
      ...record
    } = third.items[0] as (typeof third.items)[number];
    expect(record).toEqual({ ...records[0], openedAt: "2024-06-01T10:00:00.000Z" });
  });

  it("shows a business stakeholder only their units' tickets and those of services they consume", async () => {
    const sales = await makeBusinessUnit(sys);
    const hr = await makeBusinessUnit(sys);
    const crm = await makeService(sys);
    const payroll = await makeService(sys);
    await sys.links.put("unit-service", { businessUnitId: sales.id, serviceId: crm.id, share: 100 });
    const ofSales = makeTicketRecord({ title: "sales unit" });
    const onCrm = makeTicketRecord({ title: "crm service" });
    const ofHr = makeTicketRecord({ title: "hr on payroll" });
    await sys.tickets.writeBatch(toWrite([ofSales], { serviceId: null, businessUnitId: sales.id }), null);
    await sys.tickets.writeBatch(toWrite([onCrm], { serviceId: crm.id, businessUnitId: null }), null);
    await sys.tickets.writeBatch(toWrite([ofHr], { serviceId: payroll.id, businessUnitId: hr.id }), null);
    const as = (role: Role, units: string[]) => repositoriesAs(store.db, role, units);
    const seen = async (role: Role, units: string[]) =>
      (await as(role, units).tickets.list({ limit: 1000 })).items.map((t) => t.externalId);
    const stakeholder = await seen("business_stakeholder", [sales.id]);
    expect(stakeholder.sort()).toEqual([ofSales.externalId, onCrm.externalId].sort());
    expect(await seen("business_stakeholder", [])).toEqual([]);
    expect(await seen("viewer", [])).toEqual(
      expect.arrayContaining([ofSales.externalId, onCrm.externalId, ofHr.externalId]),
    );
    await expect(
      as("business_stakeholder", [sales.id]).tickets.writeBatch(toWrite([makeTicketRecord()]), null),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
