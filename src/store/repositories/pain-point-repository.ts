import { randomUUID } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type {
  PainPoint,
  PainPointComment,
  PainPointInput,
  PainPointTriage,
} from "../../domain/schemas/pain-point.js";
import {
  canMoveTo,
  hoursBetween,
  isClosed,
  isQuickWin,
  type PainPointStatus,
} from "../../domain/voice/pain-point-triage.js";
import { inUnits, requirePermission, scopeUnits } from "../access.js";
import { type Actor, actorLabel, actorUserId } from "../actor.js";
import type { Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";
import { withFeedbackTables } from "./feedback-tables.js";

interface PainPointRow {
  id: string;
  title: string;
  description: string;
  serviceId: string | null;
  serviceName: string | null;
  businessUnitId: string;
  businessUnitName: string;
  frequency: PainPoint["frequency"];
  hoursLostPerWeek: number;
  status: PainPointStatus;
  effort: PainPoint["effort"];
  statusReason: string | null;
  postedBy: string;
  createdAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  votes: number;
  votedByMe: boolean;
  comments: number;
}

export interface PainPointListOptions {
  status?: PainPointStatus;
  businessUnitId?: string;
}

/**
 * Posting, voting and commenting take a voice in the business: everyone but viewers (read only)
 * and read-only API tokens.
 */
const requireVoice = (actor: Actor): void => {
  requirePermission(actor, "graph:read");
  if (actor.kind === "user" && actor.role === "viewer")
    throw new TandemError("forbidden", "viewers may read pain points but not post, vote or comment");
  if (actor.kind === "user" && actor.tokenScope === "read")
    throw new TandemError("forbidden", "this API token is read-only");
};

/**
 * The pain-point register. A business stakeholder sees, posts and votes on the pain points of
 * their own units only; IT triages.
 */
export class PainPointRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  private scope(): RawBuilder<boolean> {
    const units = scopeUnits(this.actor);
    return units === null ? sql<boolean>`true` : inUnits("p.business_unit_id", units);
  }

  private async rows(where: RawBuilder<boolean>): Promise<PainPointRow[]> {
    const me = actorUserId(this.actor);
    const result = await sql<PainPointRow>`
      SELECT p.id, p.title, p.description, p.service_id, s.name AS service_name, p.business_unit_id,
             u.name AS business_unit_name, p.frequency, p.hours_lost_per_week::float8 AS hours_lost_per_week,
             p.status, p.effort, p.status_reason, p.posted_by, p.created_at, p.acknowledged_at, p.closed_at,
             (SELECT count(*)::int FROM pain_point_vote v WHERE v.pain_point_id = p.id) AS votes,
             EXISTS (SELECT 1 FROM pain_point_vote v WHERE v.pain_point_id = p.id
                     AND v.user_id = ${me}::uuid) AS voted_by_me,
             (SELECT count(*)::int FROM pain_point_comment c WHERE c.pain_point_id = p.id) AS comments
      FROM pain_point p
      JOIN business_unit u ON u.id = p.business_unit_id
      LEFT JOIN it_service s ON s.id = p.service_id
      WHERE ${this.scope()} AND ${where}
      ORDER BY p.created_at DESC, p.id`.execute(this.db);
    return result.rows;
  }

  private present(row: PainPointRow, now: Date): PainPoint {
    return {
      ...row,
      votedByMe: row.votedByMe === true,
      quickWin: isQuickWin(row),
      hoursToAcknowledge: row.acknowledgedAt ? hoursBetween(row.createdAt, row.acknowledgedAt) : null,
      ageHours: hoursBetween(row.createdAt, row.closedAt ?? now.toISOString()),
    };
  }

  async list(options: PainPointListOptions, now: Date): Promise<PainPoint[]> {
    requirePermission(this.actor, "graph:read");
    const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
    if (options.status) parts.push(sql<boolean>`p.status = ${options.status}`);
    if (options.businessUnitId)
      parts.push(sql<boolean>`p.business_unit_id = ${options.businessUnitId}::uuid`);
    const rows = await this.rows(sql.join(parts, sql` AND `) as RawBuilder<boolean>);
    return rows.map((row) => this.present(row, now));
  }

  /** One pain point the actor may see; one of another unit is "not found", as if it did not exist. */
  async get(id: string, now: Date): Promise<PainPoint> {
    requirePermission(this.actor, "graph:read");
    const [row] = await this.rows(sql<boolean>`p.id = ${id}::uuid`);
    if (!row) throw new TandemError("not_found", `no pain point ${id}`);
    return this.present(row, now);
  }

  async create(input: PainPointInput, now: Date): Promise<PainPoint> {
    requireVoice(this.actor);
    const units = scopeUnits(this.actor);
    if (units !== null && !units.includes(input.businessUnitId))
      throw new TandemError("forbidden", "you may post pain points for your own business units only", {
        issues: [{ path: "businessUnitId", message: "not one of your business units" }],
      });
    const unit = await this.db
      .selectFrom("businessUnit")
      .select("id")
      .where("id", "=", input.businessUnitId)
      .executeTakeFirst();
    if (!unit)
      throw new TandemError("unknown_reference", "no such business unit", {
        issues: [{ path: "businessUnitId", message: `no business unit ${input.businessUnitId}` }],
      });
    if (input.serviceId !== null) {
      const service = await this.db
        .selectFrom("itService")
        .select("id")
        .where("id", "=", input.serviceId)
        .executeTakeFirst();
      if (!service)
        throw new TandemError("unknown_reference", "no such IT service", {
          issues: [{ path: "serviceId", message: `no IT service ${input.serviceId}` }],
        });
    }
    const id = randomUUID();
    const at = now.toISOString();
    await withFeedbackTables(this.db)
      .insertInto("painPoint")
      .values({
        id,
        title: input.title,
        description: input.description,
        serviceId: input.serviceId,
        businessUnitId: input.businessUnitId,
        frequency: input.frequency,
        hoursLostPerWeek: input.hoursLostPerWeek,
        status: "new",
        effort: null,
        statusReason: null,
        postedBy: actorLabel(this.actor),
        postedByUserId: actorUserId(this.actor),
        createdAt: at,
        acknowledgedAt: null,
        closedAt: null,
        updatedAt: at,
      })
      .execute();
    return this.get(id, now);
  }

  /** One vote per user; voting again changes nothing. */
  async vote(id: string, now: Date): Promise<PainPoint> {
    requireVoice(this.actor);
    await this.get(id, now);
    const userId = actorUserId(this.actor);
    if (userId === null) throw new TandemError("bad_request", "only a signed-in user can vote");
    await withFeedbackTables(this.db)
      .insertInto("painPointVote")
      .values({ painPointId: id, userId, createdAt: now.toISOString() })
      .onConflict((oc) => oc.columns(["painPointId", "userId"]).doNothing())
      .execute();
    return this.get(id, now);
  }

  async unvote(id: string, now: Date): Promise<PainPoint> {
    requireVoice(this.actor);
    await this.get(id, now);
    const userId = actorUserId(this.actor);
    if (userId === null) throw new TandemError("bad_request", "only a signed-in user can vote");
    await withFeedbackTables(this.db)
      .deleteFrom("painPointVote")
      .where("painPointId", "=", id)
      .where("userId", "=", userId)
      .execute();
    return this.get(id, now);
  }

  async comment(id: string, body: string, now: Date): Promise<PainPointComment> {
    requireVoice(this.actor);
    await this.get(id, now);
    const comment = { id: randomUUID(), body, author: actorLabel(this.actor), createdAt: now.toISOString() };
    await withFeedbackTables(this.db)
      .insertInto("painPointComment")
      .values({ ...comment, painPointId: id })
      .execute();
    return comment;
  }

  async comments(id: string, now: Date): Promise<PainPointComment[]> {
    await this.get(id, now);
    return withFeedbackTables(this.db)
      .selectFrom("painPointComment")
      .select(["id", "body", "author", "createdAt"])
      .where("painPointId", "=", id)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
  }

  /** IT moves a pain point along; declining needs a reason, which the business sees. */
  async triage(id: string, triage: PainPointTriage, now: Date): Promise<PainPoint> {
    requirePermission(this.actor, "graph:write");
    const before = await this.get(id, now);
    if (before.status !== triage.status && !canMoveTo(before.status, triage.status))
      throw new TandemError(
        "conflict",
        `a pain point cannot move from ${before.status} to ${triage.status}`,
        {
          issues: [{ path: "status", message: `not allowed after ${before.status}` }],
        },
      );
    const at = now.toISOString();
    const reason = triage.reason === undefined || triage.reason === "" ? null : triage.reason;
    await this.db.transaction().execute(async (trx) => {
      await withFeedbackTables(trx)
        .updateTable("painPoint")
        .set({
          status: triage.status,
          ...(triage.effort !== undefined ? { effort: triage.effort } : {}),
          statusReason: reason ?? (triage.status === before.status ? before.statusReason : null),
          // The first move out of "new" is the acknowledgement; reopening keeps the first one.
          acknowledgedAt: before.acknowledgedAt ?? (triage.status === "new" ? null : at),
          closedAt: isClosed(triage.status) ? (before.closedAt ?? at) : null,
          updatedAt: at,
        })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, this.actor, {
        action: "pain-point.triage",
        entityType: "pain_point",
        entityId: id,
        before: { status: before.status, effort: before.effort },
        after: { status: triage.status, effort: triage.effort ?? before.effort, reason },
      });
    });
    return this.get(id, now);
  }

  /**
   * Time to acknowledge, for KPIs: pain points acknowledged in [from, to) and those still new at
   * `to`, optionally of one business unit, within the actor's reach.
   */
  async acknowledgementTimes(options: {
    from: string;
    to: string;
    businessUnitId?: string;
  }): Promise<{ acknowledgedHours: number[]; waitingSince: string[] }> {
    requirePermission(this.actor, "graph:read");
    const unit = options.businessUnitId
      ? sql<boolean>`p.business_unit_id = ${options.businessUnitId}::uuid`
      : sql<boolean>`true`;
    const acknowledged = await sql<{ hours: number }>`
      SELECT extract(epoch FROM p.acknowledged_at - p.created_at)::float8 / 3600 AS hours
      FROM pain_point p
      WHERE ${this.scope()} AND ${unit}
        AND p.acknowledged_at >= ${options.from}::timestamptz AND p.acknowledged_at < ${options.to}::timestamptz
      ORDER BY hours`.execute(this.db);
    const waiting = await sql<{ createdAt: string }>`
      SELECT p.created_at FROM pain_point p
      WHERE ${this.scope()} AND ${unit} AND p.created_at < ${options.to}::timestamptz
        AND (p.acknowledged_at IS NULL OR p.acknowledged_at >= ${options.to}::timestamptz)
        AND (p.closed_at IS NULL OR p.closed_at >= ${options.to}::timestamptz)
      ORDER BY p.created_at`.execute(this.db);
    return {
      acknowledgedHours: acknowledged.rows.map((row) => row.hours),
      waitingSince: waiting.rows.map((row) => row.createdAt),
    };
  }
}
