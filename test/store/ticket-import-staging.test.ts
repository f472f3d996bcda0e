import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { ticketContentHash } from "../../src/domain/ticket-content-hash.js";
import type { TicketMatch } from "../../src/domain/ticket-matching.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import { makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { makeTicketRecord } from "../support/ticket-factories.js";

const none: TicketMatch = { serviceId: null, businessUnitId: null };
const toWrite = (records: TicketRecord[], match: TicketMatch = none) =>
  records.map((record) => ({ record, match, contentHash: ticketContentHash(record) }));

// Every character COPY's text format (PGlite) or JSON (PostgreSQL) must carry through unchanged.
const awkward = "tab\there, line\nbreak, cr\rreturn, back\\slash, \\N, \"quoted\", 'single', émoji 🎫, |;,";

describe.each(testBackends())("ticket import staging on %s", (backend) => {
  let store: Store;
  let sys: Repositories;

  beforeAll(async () => {
    store = await openTestStore(backend);
    sys = createRepositories(store.db, systemActor("test"));
  }, 60_000);
  afterAll(async () => store?.close());

  it("stores awkward text, JSON and nulls exactly as read", async () => {
    const record = makeTicketRecord({
      title: awkward,
      stateRaw: "\\",
      assignee: null,
      category: "",
      components: [awkward, "a\\b"],
      slas: [{ name: awkward, targetSeconds: 3600, elapsedSeconds: null, breached: true, origin: "source" }],
      sourceFields: { [awkward]: awkward, nested: { x: "y\\n" }, count: 3 },
    });
    await sys.tickets.writeBatch(toWrite([record]), null);
    const { rows } = await sql<{
      title: string;
      stateRaw: string;
      assignee: string | null;
      category: string | null;
      components: unknown;
      slas: unknown;
      sourceFields: unknown;
    }>`SELECT title, state_raw, assignee, category, components, slas, source_fields
       FROM ticket WHERE external_id = ${record.externalId}`.execute(store.db);
    expect(rows).toEqual([
      {
        title: awkward,
        stateRaw: "\\",
        assignee: null,
        category: "",
        components: [awkward, "a\\b"],
        slas: [
          { name: awkward, targetSeconds: 3600, elapsedSeconds: null, breached: true, origin: "source" },
        ],
        sourceFields: { [awkward]: awkward, nested: { x: "y\\n" }, count: 3 },
      },
    ]);
    // Read back and hashed again, the record is the one that was written: a re-import is "unchanged".
    expect(await sys.tickets.writeBatch(toWrite([record]), null)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it("gives a new ticket the version 5 UUID of its source system and external id", async () => {
    // Computed with Python: uuid.uuid5(UUID("5b1e3a3c-…"), "servicenow\0" + external id).
    const record = makeTicketRecord({ externalId: "46b2c8f1db0a4a10a1b2c3d4e5f60718" });
    await sys.tickets.writeBatch(toWrite([record]), null);
    const { rows } = await sql<{ id: string; keyId: string }>`
      SELECT t.id, k.ticket_id AS key_id FROM ticket t JOIN ticket_key k USING (source_system, external_id)
      WHERE t.external_id = ${record.externalId}`.execute(store.db);
    expect(rows).toEqual([
      { id: "408e2959-ac20-5893-9126-152b4f3b8db6", keyId: "408e2959-ac20-5893-9126-152b4f3b8db6" },
    ]);
  });

  it("keeps the match in ticket_key, and map-value re-matches both tables", async () => {
    const crm = await makeService(sys, { name: "CRM staging test" });
    const matched = makeTicketRecord({ configurationItem: "crm-staging-ci" });
    await sys.tickets.writeBatch(toWrite([matched]), null);
    const matchOf = async (externalId: string) =>
      (
        await sql<{ ticket: string | null; key: string | null }>`
          SELECT t.service_id AS ticket, k.service_id AS key FROM ticket t
          JOIN ticket_key k USING (source_system, external_id) WHERE t.external_id = ${externalId}`.execute(
          store.db,
        )
      ).rows;
    expect(await matchOf(matched.externalId)).toEqual([{ ticket: null, key: null }]);

    const result = await sys.ticketMatching.mapValue(
      "service",
      "configuration_item",
      "CRM-STAGING-CI",
      crm.id,
    );
    expect(result.ticketsChanged).toBe(1);
    expect(await matchOf(matched.externalId)).toEqual([{ ticket: crm.id, key: crm.id }]);
    // The import, matching the same way now, finds nothing to rewrite.
    expect(
      await sys.tickets.writeBatch(toWrite([matched], { serviceId: crm.id, businessUnitId: null }), null),
    ).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("writes one batch that both inserts and rewrites, keeping the rewritten ticket's id and created_at", async () => {
    const old = makeTicketRecord();
    await sys.tickets.writeBatch(toWrite([old]), null);
    const before = await sql<{ id: string; createdAt: string }>`
      SELECT id, created_at FROM ticket WHERE external_id = ${old.externalId}`.execute(store.db);
    const fresh = makeTicketRecord();
    expect(await sys.tickets.writeBatch(toWrite([{ ...old, title: "Now different" }, fresh]), null)).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    const after = await sql<{ id: string; createdAt: string; title: string }>`
      SELECT id, created_at, title FROM ticket WHERE external_id = ${old.externalId}`.execute(store.db);
    expect(after.rows).toEqual([{ ...before.rows[0], title: "Now different" }]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ticket WHERE external_id IN (${old.externalId}, ${fresh.externalId})`.execute(
      store.db,
    );
    expect(rows[0]?.n).toBe(2);
  });
});
