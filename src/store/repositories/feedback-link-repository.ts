import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { FeedbackAnswer } from "../../domain/schemas/feedback.js";
import type { Db } from "../database.js";
import { withFeedbackTables } from "./feedback-tables.js";

export interface FeedbackQuestionRow {
  ticketNumber: string;
  ticketTitle: string;
  serviceName: string | null;
  expiresAt: string;
}

/**
 * The public side of feedback links: no actor, the token is the credential. Only the token's hash
 * is looked up; a forged, used or expired token each gets its own refusal.
 */
export class FeedbackLinkRepository {
  constructor(private readonly db: Db) {}

  private async usableLink(tokenHash: string, now: Date) {
    const link = await withFeedbackTables(this.db)
      .selectFrom("feedbackLink")
      .select(["ticketId", "expiresAt", "usedAt"])
      .where("tokenHash", "=", tokenHash)
      .executeTakeFirst();
    if (!link) throw new TandemError("not_found", "this feedback link is not valid");
    if (link.usedAt !== null) throw new TandemError("conflict", "this feedback link has already been used");
    if (Date.parse(link.expiresAt) <= now.getTime())
      throw new TandemError("conflict", "this feedback link has expired");
    return link;
  }

  async question(tokenHash: string, now: Date): Promise<FeedbackQuestionRow> {
    const link = await this.usableLink(tokenHash, now);
    const ticket = await sql<{ number: string; title: string; serviceName: string | null }>`
      SELECT t.number, t.title, s.name AS service_name
      FROM ticket t LEFT JOIN it_service s ON s.id = t.service_id
      WHERE t.id = ${link.ticketId}`.execute(this.db);
    const row = ticket.rows[0];
    return {
      ticketNumber: row?.number ?? "",
      ticketTitle: row?.title ?? "",
      serviceName: row?.serviceName ?? null,
      expiresAt: link.expiresAt,
    };
  }

  /** Uses the link and stores the answer in one transaction: of two racing submissions one wins. */
  async answer(tokenHash: string, answer: FeedbackAnswer, now: Date): Promise<void> {
    await this.usableLink(tokenHash, now);
    await this.db.transaction().execute(async (trx) => {
      const used = await withFeedbackTables(trx)
        .updateTable("feedbackLink")
        .set({ usedAt: now.toISOString() })
        .where("tokenHash", "=", tokenHash)
        .where("usedAt", "is", null)
        .where("expiresAt", ">", now.toISOString())
        .returning("ticketId")
        .executeTakeFirst();
      if (!used) throw new TandemError("conflict", "this feedback link has already been used");
      const inserted = await withFeedbackTables(trx)
        .insertInto("ticketFeedback")
        .values({
          id: randomUUID(),
          ticketId: used.ticketId,
          score: answer.score,
          lostMinutes: answer.lostMinutes,
          comment: answer.comment,
          signedBy: answer.signedBy === "" ? null : answer.signedBy,
          source: "link",
          answeredAt: now.toISOString(),
        })
        .onConflict((oc) => oc.column("ticketId").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) throw new TandemError("conflict", "this ticket has already been answered");
    });
  }
}
