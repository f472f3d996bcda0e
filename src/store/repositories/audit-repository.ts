import type { AuditEvent } from "../../domain/schemas/user.js";
import { type Actor, actorLabel, actorUserId } from "../actor.js";
import type { Db } from "../database.js";

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: string | null;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Writes one audit event; called inside the transaction of the change it records. */
export const recordAudit = async (db: Db, actor: Actor, entry: AuditEntry): Promise<void> => {
  await db
    .insertInto("auditEvent")
    .values({
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      detail: entry.detail ?? null,
    })
    .execute();
};

export interface AuditQuery {
  limit: number;
  /** Events older than this id (the cursor of the previous page). */
  beforeId?: number;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async list(q: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    let query = this.db.selectFrom("auditEvent").selectAll();
    if (q.beforeId !== undefined) query = query.where("id", "<", q.beforeId);
    if (q.entityType) query = query.where("entityType", "=", q.entityType);
    if (q.entityId) query = query.where("entityId", "=", q.entityId);
    if (q.actorUserId) query = query.where("actorUserId", "=", q.actorUserId);
    if (q.action) query = query.where("action", "=", q.action);
    if (q.from) query = query.where("at", ">=", q.from);
    if (q.to) query = query.where("at", "<", q.to);
    const rows = await query
      .orderBy("id", "desc")
      .limit(q.limit + 1)
      .execute();
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows) as AuditEvent[];
    return { items, nextCursor: more ? String(items.at(-1)?.id) : null };
  }
}
