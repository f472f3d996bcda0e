import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import type { ReadResult } from "../../src/ingest/ticket-reader.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { mapTicketValue } from "../../src/use-cases/map-ticket-value.js";
import { userActor } from "../support/actors.js";
import { makeBusinessUnit, makePerson, makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

describe.each(testBackends())("importing tickets on %s", (backend) => {
  let store: Store;
  let sys: Repositories;

  beforeEach(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
  }, 60_000);
  afterEach(async () => store?.close());

  const run = (
    rows: ReadResult[],
    o: { skipInvalid?: boolean; dryRun?: boolean; batchSize?: number; failAfter?: number } = {},
  ) =>
    importTickets({
      db: store.db,
      reader: arrayReader(rows, o.failAfter),
      source: "export.csv",
      format: "servicenow",
      ...o,
    });
  /** Counted in SQL, independently of what the import reports. */
  const stored = async () => {
    const { rows } = await sql<{ tickets: number; keys: number; distinct: number }>`
      SELECT (SELECT count(*)::int FROM ticket) AS tickets, (SELECT count(*)::int FROM ticket_key) AS keys,
             (SELECT count(DISTINCT (source_system, external_id))::int FROM ticket) AS distinct`.execute(
      store.db,
    );
    return rows[0];
  };
  const titles = async () =>
    (await store.db.selectFrom("ticket").select("title").orderBy("title").execute()).map((r) => r.title);

  it("inserts, then reports a re-import as unchanged, then one changed record as updated", async () => {
    const records = [1, 2, 3].map((n) => makeTicketRecord({ title: `T${n}` }));
    const first = await run(asRead(records));
    expect(first).toMatchObject({
      status: "succeeded",
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(await stored()).toEqual({ tickets: 3, keys: 3, distinct: 3 });
    expect(await run(asRead(records))).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3 });
    const [a, b, c] = records as [TicketRecord, TicketRecord, TicketRecord];
    const changed = [a, { ...b, state: "closed" as const }, c];
    expect(await run(asRead(changed))).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 2 });
    expect(await stored()).toEqual({ tickets: 3, keys: 3, distinct: 3 });

    const runs = await store.db.selectFrom("importRun").selectAll().orderBy("startedAt").execute();
    expect(runs.map((r) => [r.status, r.insertedCount, r.updatedCount, r.unchangedCount])).toEqual([
      ["succeeded", 3, 0, 0],
      ["succeeded", 0, 0, 3],
      ["succeeded", 0, 1, 2],
    ]);
    const audit = await store.db
      .selectFrom("auditEvent")
      .select("entityId")
      .where("action", "=", "tickets.import")
      .execute();
    expect(audit.map((a) => a.entityId).sort()).toEqual(runs.map((r) => r.id).sort());
    expect(first.importRunId).toBe(runs[0]?.id);
  });

  it("counts a record seen twice in one file once inserted and once unchanged (or updated)", async () => {
    const a = makeTicketRecord();
    const result = await run(asRead([a, a, { ...a, title: "later" }]));
    expect(result).toMatchObject({ read: 3, inserted: 1, unchanged: 1, updated: 1 });
    expect(await titles()).toEqual(["later"]);
  });

  it("writes nothing when one row is rejected, and names its line", async () => {
    const good = [1, 2, 3, 4].map((n) => makeTicketRecord({ title: `G${n}` }));
    const rows: ReadResult[] = [
      ...asRead(good.slice(0, 2)),
      {
        kind: "rejected",
        at: { line: 4, column: 7, field: "opened_at" },
        message: "expected a date",
        raw: { opened_at: "soon" },
      },
      ...asRead(good.slice(2)).map((r, i) => ({ ...r, at: { line: 5 + i } })),
    ];
    const result = await run(rows, { batchSize: 1 });
    expect(result).toMatchObject({
      status: "rejected",
      read: 5,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    expect(result.errors).toEqual([{ line: 4, column: 7, field: "opened_at", message: "expected a date" }]);
    expect(await stored()).toEqual({ tickets: 0, keys: 0, distinct: 0 });
    const runs = await store.db
      .selectFrom("importRun")
      .select(["status", "rejectedCount", "errors"])
      .execute();
    expect(runs).toEqual([{ status: "rejected", rejectedCount: 1, errors: result.errors }]);
  });

  it("rejects a record that fails the schema, naming the field", async () => {
    const bad = makeTicketRecord({ resolvedAt: "2026-01-01T00:00:00Z", openedAt: "2026-01-02T00:00:00Z" });
    const result = await run(asRead([makeTicketRecord(), bad]));
    expect(result.status).toBe("rejected");
    expect(result.errors).toEqual([
      { line: 3, field: "resolvedAt", message: "resolved before it was opened" },
    ]);
    expect(await stored()).toEqual({ tickets: 0, keys: 0, distinct: 0 });
  });

  it("with skipInvalid imports the valid rows and hands over the rejects", async () => {
    const good = [makeTicketRecord({ title: "A" }), makeTicketRecord({ title: "B" })];
    const rows: ReadResult[] = [
      asRead(good)[0]!,
      { kind: "rejected", at: { line: 3 }, message: "bad priority", raw: { priority: "urgent!" } },
      { ...asRead(good)[1]!, at: { line: 4 } },
    ];
    const rejects: unknown[] = [];
    const result = await importTickets({
      db: store.db,
      reader: arrayReader(rows),
      source: "x.csv",
      skipInvalid: true,
      onReject: (r) => rejects.push(r.raw),
    });
    expect(result).toMatchObject({ status: "succeeded", read: 3, inserted: 2, rejected: 1 });
    expect(rejects).toEqual([{ priority: "urgent!" }]);
    expect(await titles()).toEqual(["A", "B"]);
  });

  it("a dry run reports what would change and writes nothing", async () => {
    const result = await run(asRead([makeTicketRecord(), makeTicketRecord()]), { dryRun: true });
    expect(result).toMatchObject({ status: "dry_run", inserted: 2, importRunId: null });
    expect(await stored()).toEqual({ tickets: 0, keys: 0, distinct: 0 });
    expect(await store.db.selectFrom("importRun").selectAll().execute()).toEqual([]);
  });

  it("a reader that fails mid-stream leaves the store as it was; a re-run completes without duplicates", async () => {
    const old = makeTicketRecord({ title: "old" });
    await run(asRead([old]));
    const records = [
      { ...old, title: "old, changed" },
      ...[1, 2, 3, 4, 5].map((n) => makeTicketRecord({ title: `N${n}` })),
    ];
    await expect(run(asRead(records), { batchSize: 2, failAfter: 4 })).rejects.toThrow(
      /connection to the source dropped/,
    );
    expect(await titles()).toEqual(["old"]);
    const failed = await store.db
      .selectFrom("importRun")
      .select("status")
      .where("status", "=", "failed")
      .execute();
    expect(failed).toHaveLength(1);
    expect(await run(asRead(records), { batchSize: 2 })).toMatchObject({
      inserted: 5,
      updated: 1,
      unchanged: 0,
    });
    expect(await stored()).toEqual({ tickets: 6, keys: 6, distinct: 6 });
    expect(await titles()).toEqual(["N1", "N2", "N3", "N4", "N5", "old, changed"]);
  });

  it("matches services by alias and by rule, units by e-mail and by department name", async () => {
    const sales = await makeBusinessUnit(sys, { name: "Sales", code: "SLS" });
    const finance = await makeBusinessUnit(sys, { name: "Finance" });
    await makePerson(sys, { email: "Ann@Example.test", businessUnitId: sales.id });
    const erp = await makeService(sys, { name: "ERP", aliases: [{ kind: "ci", value: "SAP ECC PRD" }] });
    const jira = await makeService(sys, {
      name: "Jira",
      aliases: [{ kind: "jira_component", value: "Boards" }],
    });
    const mail = await makeService(sys, { name: "Mail" });
    await store.db
      .insertInto("ticketMatchRule")
      .values({
        id: crypto.randomUUID(),
        kind: "service",
        sourceField: "category",
        value: "E-Mail",
        targetId: mail.id,
        createdBy: "t",
      })
      .execute();
    const t = {
      byCi: makeTicketRecord({ configurationItem: "sap ecc prd", requester: "ann@example.test" }),
      byComponent: makeTicketRecord({ components: ["Other", "BOARDS"], requesterDepartment: "sls" }),
      byRule: makeTicketRecord({ category: "e-mail", requesterDepartment: "FINANCE" }),
      none: makeTicketRecord({ configurationItem: "Mainframe", requesterDepartment: "Legal" }),
    };
    const result = await run(asRead(Object.values(t)));
    const matched = Object.fromEntries(
      await Promise.all(
        Object.entries(t).map(async ([k, r]) => [
          k,
          await store.db
            .selectFrom("ticket")
            .select(["serviceId", "businessUnitId"])
            .where("externalId", "=", r.externalId)
            .executeTakeFirstOrThrow(),
        ]),
      ),
    );
    expect(matched).toEqual({
      byCi: { serviceId: erp.id, businessUnitId: sales.id },
      byComponent: { serviceId: jira.id, businessUnitId: sales.id },
      byRule: { serviceId: mail.id, businessUnitId: finance.id },
      none: { serviceId: null, businessUnitId: null },
    });
    expect(result.unmatched).toEqual({
      services: [{ field: "configuration_item", value: "Mainframe", tickets: 1 }],
      businessUnits: [{ field: "department", value: "Legal", tickets: 1 }],
    });
  });

  it("lists unmatched values with counts, and map-value re-matches stored tickets without re-import", async () => {
    const erp = await makeService(sys, { name: "ERP" });
    const legal = await makeBusinessUnit(sys, { name: "Legal" });
    const records = [
      makeTicketRecord({ configurationItem: "SAP ECC PRD" }),
      makeTicketRecord({ configurationItem: "sap ecc prd" }),
      makeTicketRecord({ configurationItem: "SAP ECC PRD", requesterDepartment: "Legal Dept" }),
      makeTicketRecord({ configurationItem: null, category: "Printing" }),
    ];
    const result = await run(asRead(records));
    const repoView = createRepositories(store.db, systemActor("t")).ticketMatching;
    // The in-memory tally of the import and the SQL over stored tickets are two routes to one answer.
    expect(await repoView.unmatchedServices()).toEqual(result.unmatched.services);
    expect(await repoView.unmatchedUnits()).toEqual(result.unmatched.businessUnits);
    expect(result.unmatched.services).toEqual([
      { field: "configuration_item", value: "SAP ECC PRD", tickets: 3 },
      { field: "category", value: "Printing", tickets: 1 },
    ]);
    expect(result.unmatched.businessUnits).toEqual([
      { field: null, value: null, tickets: 3 },
      { field: "department", value: "Legal Dept", tickets: 1 },
    ]);

    const mapped = await mapTicketValue({
      db: store.db,
      field: "configuration_item",
      value: "Sap Ecc Prd",
      service: "erp",
    });
    expect(mapped).toEqual({ kind: "service", targetId: erp.id, targetName: "ERP", ticketsChanged: 3 });
    const onErp = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ticket WHERE service_id = ${erp.id}`.execute(store.db);
    expect(onErp.rows[0]?.n).toBe(3);
    expect(
      await mapTicketValue({ db: store.db, field: "department", value: "legal dept", unit: "LEGAL" }),
    ).toMatchObject({ kind: "business_unit", targetId: legal.id, ticketsChanged: 1 });
    // A re-import now matches by the rules, and changes nothing.
    expect(await run(asRead(records))).toMatchObject({ unchanged: 4, updated: 0 });
    expect(await repoView.unmatchedServices()).toEqual([
      { field: "category", value: "Printing", tickets: 1 },
    ]);
    await expect(
      mapTicketValue({ db: store.db, field: "category", value: "x", service: "nope" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses an import by a role without graph:write", async () => {
    await expect(
      importTickets({
        db: store.db,
        reader: arrayReader([]),
        source: "x",
        actor: userActor("viewer"),
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
