import { randomUUID } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import { type Actor, actorLabel } from "../actor.js";
import type { Db } from "../database.js";
import { withFeedbackTables } from "./feedback-tables.js";

export interface FeedbackPeriod {
  /** Answered at or after this instant. */
  from?: string;
  /** Answered before this instant. */
  to?: string;
  /** Tickets of this business unit only. */
  businessUnitId?: string | undefined;
}

/** The reporting dimensions, in the order of the GROUPING() bits below. */
export type FeedbackDimension =
  | "ticketType"
  | "service"
  | "businessUnit"
  | "assignmentGroup"
  | "channel"
  | "reassignments"
  | "total";

/** Sums of the answers of one group of one dimension; `key` null for "no value". */
export interface FeedbackTallyRow {
  dimension: FeedbackDimension;
  key: string | null;
  label: string | null;
  respondents: number;
  promoters: number;
  detractors: number;
  lostTimeAnswers: number;
  lostMinutes: number;
}

// GROUPING(type, service, unit, group, channel, reassignments): a bit is 1 for a column not grouped.
const dimensionOfGrouping: Record<number, FeedbackDimension> = {
  31: "ticketType",
  47: "service",
  55: "businessUnit",
  59: "assignmentGroup",
  61: "channel",
  62: "reassignments",
  63: "total",
};

export interface FeedbackCommentRow {
  id: string;
  comment: string;
  signedBy: string | null;
}

export interface FeedbackToImport {
  ticketId: string;
  score: number;
  lostMinutes: number | null;
  comment: string;
  signedBy: string | null;
  answeredAt: string;
}

/**
 * Ticket happiness answers, read within the actor's reach (a stakeholder sees the answers on the
 * tickets they may see: their units' tickets and those of the services their units consume).
 */
export class FeedbackRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  private scope(): RawBuilder<boolean> {
    const units = scopeUnits(this.actor);
    return units === null
      ? sql<boolean>`true`
      : sql<boolean>`(${inUnits("t.business_unit_id", units)} OR t.service_id IN ${consumedServices(units)})`;
  }

  private period(options: FeedbackPeriod): RawBuilder<boolean> {
    const parts: RawBuilder<boolean>[] = [this.scope()];
    if (options.from) parts.push(sql<boolean>`f.answered_at >= ${options.from}::timestamptz`);
    if (options.to) parts.push(sql<boolean>`f.answered_at < ${options.to}::timestamptz`);
    if (options.businessUnitId)
      parts.push(sql<boolean>`t.business_unit_id = ${options.businessUnitId}::uuid`);
    return sql.join(parts, sql` AND `) as RawBuilder<boolean>;
  }

  /**
   * The answers of the period summed per group of every dimension in one pass (GROUPING SETS), so
   * that a report reads a few hundred rows however many answers there are.
   */
  async tallies(options: FeedbackPeriod): Promise<FeedbackTallyRow[]> {
    requirePermission(this.actor, "graph:read");
    const result = await sql<Omit<FeedbackTallyRow, "dimension"> & { grouping: number }>`
      WITH answer AS (
        SELECT f.score, f.lost_minutes, t.type, t.service_id, t.business_unit_id, t.assignment_group,
               t.channel, least(t.reassignment_count, 3) AS reassignments
        FROM ticket_feedback f JOIN ticket t ON t.id = f.ticket_id
        WHERE ${this.period(options)}
      ), tally AS (
        SELECT GROUPING(type, service_id, business_unit_id, assignment_group, channel, reassignments) AS grouping,
               type, service_id, business_unit_id, assignment_group, channel, reassignments,
               count(*)::int AS respondents,
               (count(*) FILTER (WHERE score >= 9))::int AS promoters,
               (count(*) FILTER (WHERE score <= 6))::int AS detractors,
               count(lost_minutes)::int AS lost_time_answers,
               coalesce(sum(lost_minutes), 0)::float8 AS lost_minutes
        FROM answer
        GROUP BY GROUPING SETS ((type), (service_id), (business_unit_id), (assignment_group), (channel),
                                (reassignments), ())
      )
      SELECT tally.grouping,
             coalesce(tally.type, tally.service_id::text, tally.business_unit_id::text, tally.assignment_group,
                      tally.channel, tally.reassignments::text) AS key,
             coalesce(tally.type, s.name, u.name, tally.assignment_group, tally.channel,
                      tally.reassignments::text) AS label,
             tally.respondents, tally.promoters, tally.detractors, tally.lost_time_answers, tally.lost_minutes
      FROM tally
      LEFT JOIN it_service s ON s.id = tally.service_id
      LEFT JOIN business_unit u ON u.id = tally.business_unit_id`.execute(this.db);
    return result.rows.map(({ grouping, ...row }) => ({
      ...row,
      dimension: dimensionOfGrouping[Number(grouping)] ?? "total",
    }));
  }

  /** The non-empty comments in the period, with the signer's name only when they signed. */
  async comments(options: FeedbackPeriod): Promise<FeedbackCommentRow[]> {
    requirePermission(this.actor, "graph:read");
    const result = await sql<FeedbackCommentRow>`
      SELECT f.id, f.comment, f.signed_by
      FROM ticket_feedback f JOIN ticket t ON t.id = f.ticket_id
      WHERE ${this.period(options)} AND f.comment <> ''
      ORDER BY f.answered_at DESC, f.id
      LIMIT 5000`.execute(this.db);
    return result.rows;
  }

  /** Resolved tickets that have neither a link nor an answer yet, oldest resolution first. */
  async ticketsToAsk(options: {
    resolvedFrom?: string;
    resolvedTo?: string;
    ticketIds?: string[];
    limit: number;
  }): Promise<{ id: string; number: string }[]> {
    requirePermission(this.actor, "graph:write");
    const parts: RawBuilder<boolean>[] = [
      sql<boolean>`t.resolved_at IS NOT NULL`,
      sql<boolean>`NOT EXISTS (SELECT 1 FROM feedback_link l WHERE l.ticket_id = t.id)`,
      sql<boolean>`NOT EXISTS (SELECT 1 FROM ticket_feedback f WHERE f.ticket_id = t.id)`,
    ];
    if (options.resolvedFrom) parts.push(sql<boolean>`t.resolved_at >= ${options.resolvedFrom}::timestamptz`);
    if (options.resolvedTo) parts.push(sql<boolean>`t.resolved_at < ${options.resolvedTo}::timestamptz`);
    if (options.ticketIds) parts.push(sql<boolean>`t.id = ANY(${options.ticketIds}::uuid[])`);
    const result = await sql<{ id: string; number: string }>`
      SELECT t.id, t.number FROM ticket t
      WHERE ${sql.join(parts, sql` AND `)}
      ORDER BY t.resolved_at, t.id
      LIMIT ${options.limit}`.execute(this.db);
    return result.rows;
  }

  async createLinks(links: { ticketId: string; tokenHash: string; expiresAt: string }[], now: Date) {
    requirePermission(this.actor, "graph:write");
    if (links.length === 0) return;
    await withFeedbackTables(this.db)
      .insertInto("feedbackLink")
      .values(
        links.map((link) => ({
          id: randomUUID(),
          ...link,
          createdAt: now.toISOString(),
          createdBy: actorLabel(this.actor),
        })),
      )
      .execute();
  }

  /** Ticket ids by number or by source external id (for imported answers); unknown ones are absent. */
  async ticketIdsByReference(references: string[]): Promise<Map<string, string>> {
    requirePermission(this.actor, "graph:write");
    const found = new Map<string, string>();
    if (references.length === 0) return found;
    const result = await sql<{ reference: string; id: string }>`
      SELECT t.number AS reference, t.id FROM ticket t WHERE t.number = ANY(${references}::text[])
      UNION ALL
      SELECT k.external_id AS reference, k.ticket_id AS id FROM ticket_key k
      WHERE k.external_id = ANY(${references}::text[])`.execute(this.db);
    for (const row of result.rows) if (!found.has(row.reference)) found.set(row.reference, row.id);
    return found;
  }

  /** Writes imported answers in one transaction; a ticket already answered keeps its answer. */
  async importAnswers(answers: FeedbackToImport[]): Promise<{ inserted: number }> {
    requirePermission(this.actor, "graph:write");
    if (answers.length === 0) return { inserted: 0 };
    return this.db.transaction().execute(async (trx) => {
      let inserted = 0;
      for (let start = 0; start < answers.length; start += 1000) {
        const batch = answers.slice(start, start + 1000);
        const rows = await withFeedbackTables(trx)
          .insertInto("ticketFeedback")
          .values(batch.map((answer) => ({ id: randomUUID(), ...answer, source: "import" as const })))
          .onConflict((oc) => oc.column("ticketId").doNothing())
          .returning("id")
          .execute();
        inserted += rows.length;
      }
      return { inserted };
    });
  }

  /** Refuses a business unit outside a stakeholder's reach, as if it did not exist. */
  checkUnit(businessUnitId: string | undefined): void {
    const units = scopeUnits(this.actor);
    if (businessUnitId && units !== null && !units.includes(businessUnitId))
      throw new TandemError("not_found", `no business unit ${businessUnitId}`);
  }
}
