import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Db } from "../../src/store/database.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { makeBusinessUnit, makeService } from "./factories.js";
import { arrayReader, asRead, makeTicketRecord } from "./ticket-factories.js";

export interface FeedbackWorld {
  sales: string;
  hr: string;
  crm: string;
  payroll: string;
}

/** Sales consumes CRM, HR consumes Payroll. */
export const makeFeedbackWorld = async (db: Db): Promise<FeedbackWorld> => {
  const sys = createRepositories(db, systemActor("feedback test"));
  const sales = await makeBusinessUnit(sys, { name: "Sales" });
  const hr = await makeBusinessUnit(sys, { name: "HR" });
  const crm = await makeService(sys, { name: "CRM" });
  const payroll = await makeService(sys, { name: "Payroll" });
  await sys.links.put("unit-service", { businessUnitId: sales.id, serviceId: crm.id, share: 100 });
  await sys.links.put("unit-service", { businessUnitId: hr.id, serviceId: payroll.id, share: 100 });
  return { sales: sales.id, hr: hr.id, crm: crm.id, payroll: payroll.id };
};

/**
 * Imports tickets and sets their service and unit directly (matching is tested elsewhere);
 * returns their ids in order.
 */
export const makeTickets = async (
  db: Db,
  tickets: { serviceId: string | null; businessUnitId: string | null; record?: Partial<TicketRecord> }[],
): Promise<{ id: string; number: string }[]> => {
  const records = tickets.map((t) => makeTicketRecord(t.record ?? {}));
  await importTickets({ db, reader: arrayReader(asRead(records)), source: "feedback-test" });
  const made: { id: string; number: string }[] = [];
  for (const [index, record] of records.entries()) {
    const t = tickets[index];
    const row = await sql<{ id: string }>`
      UPDATE ticket SET service_id = ${t?.serviceId ?? null}, business_unit_id = ${t?.businessUnitId ?? null}
      WHERE number = ${record.number} RETURNING id`.execute(db);
    made.push({ id: row.rows[0]?.id ?? "", number: record.number });
  }
  return made;
};

/** An answer written straight into the table, bypassing the code under test. */
export const addFeedbackRow = async (
  db: Db,
  ticketId: string,
  score: number,
  lostMinutes: number | null = null,
  comment = "",
  answeredAt = "2026-02-01T10:00:00Z",
): Promise<void> => {
  await sql`
    INSERT INTO ticket_feedback (id, ticket_id, score, lost_minutes, comment, source, answered_at)
    VALUES (${randomUUID()}, ${ticketId}, ${score}, ${lostMinutes}, ${comment}, 'import', ${answeredAt})`.execute(
    db,
  );
};
