import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { digestSecret, newSecret } from "../../domain/credentials.js";
import { TandemError } from "../../domain/errors.js";
import type { Campaign, CampaignInput } from "../../domain/schemas/campaign.js";
import { campaignInput } from "../../domain/schemas/campaign.js";
import type { Audience } from "../../domain/schemas/survey.js";
import { inUnits, requirePermission, scopeUnits } from "../access.js";
import { type Actor, actorLabel } from "../actor.js";
import type { Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";
import "./survey-tables.js";

/** A freshly made invitation: the token exists only here, in memory, until it is mailed or shown. */
export interface IssuedInvitation {
  invitationId: string;
  email: string | null;
  name: string | null;
  audience: Audience;
  token: string;
}

interface Invitee {
  personId: string;
  email: string;
  name: string;
  audience: Audience;
  businessUnitId: string | null;
}

const statusOf = (row: { startsAt: string; deadline: string; closedAt: string | null }, now: Date) =>
  row.closedAt !== null || Date.parse(row.deadline) <= now.getTime()
    ? ("closed" as const)
    : Date.parse(row.startsAt) > now.getTime()
      ? ("scheduled" as const)
      : ("open" as const);

const rate = (responded: number, invited: number) =>
  invited === 0 ? null : Math.round((1000 * responded) / invited) / 10;

/**
 * Campaigns: a survey sent to units and people with a start, a deadline and reminders. Every
 * invitee gets a single-use token whose SHA-256 alone is stored. A business stakeholder sees the
 * campaigns that invited their units, with only their units' counts.
 */
export class CampaignRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async create(input: CampaignInput): Promise<{ campaign: Campaign; invitations: IssuedInvitation[] }> {
    requirePermission(this.actor, "business-graph:write");
    const c = campaignInput.parse(input);
    const survey = await this.db
      .selectFrom("survey")
      .select(["id", "name"])
      .where("id", "=", c.surveyId)
      .executeTakeFirst();
    if (!survey)
      throw new TandemError("unknown_reference", `no survey ${c.surveyId}`, {
        issues: [{ path: "surveyId", message: "no such survey" }],
      });
    if (c.serviceId) {
      const svc = await this.db
        .selectFrom("itService")
        .select("id")
        .where("id", "=", c.serviceId)
        .executeTakeFirst();
      if (!svc)
        throw new TandemError("unknown_reference", `no service ${c.serviceId}`, {
          issues: [{ path: "serviceId", message: "no such service" }],
        });
    }
    const invitees = await this.invitees(c);
    if (invitees.length === 0)
      throw new TandemError(
        "validation",
        "nobody to invite: the chosen units and people have no e-mail addresses",
        {
          issues: [{ path: "businessUnitIds", message: "no people with an e-mail address in these units" }],
        },
      );
    const id = randomUUID();
    const issued: IssuedInvitation[] = [];
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("campaign")
        .values({
          id,
          surveyId: c.surveyId,
          name: c.name,
          serviceId: c.serviceId,
          startsAt: new Date(c.startsAt).toISOString(),
          deadline: new Date(c.deadline).toISOString(),
          reminderDays: c.reminderDays,
          createdBy: this.actorLabel(),
        })
        .execute();
      const rows = invitees.map((p) => {
        const token = newSecret();
        const invitationId = randomUUID();
        issued.push({ invitationId, email: p.email, name: p.name, audience: p.audience, token });
        return {
          id: invitationId,
          campaignId: id,
          tokenHash: digestSecret(token),
          email: p.email,
          personId: p.personId,
          audience: p.audience,
          businessUnitId: p.businessUnitId,
          expiresAt: new Date(c.deadline).toISOString(),
        };
      });
      for (let i = 0; i < rows.length; i += 1000)
        await tx
          .insertInto("campaignInvitation")
          .values(rows.slice(i, i + 1000))
          .execute();
      await recordAudit(tx, this.actor, {
        action: "campaign.create",
        entityType: "campaign",
        entityId: id,
        after: { name: c.name, invited: rows.length },
      });
    });
    return { campaign: await this.get(id), invitations: issued };
  }

  private actorLabel() {
    return actorLabel(this.actor);
  }

  /** Business people of the units (and the units below) and the named people; IT staff for the mirror. */
  private async invitees(c: ReturnType<typeof campaignInput.parse>): Promise<Invitee[]> {
    const out = new Map<string, Invitee>();
    if (c.businessUnitIds.length > 0) {
      const rows = await sql<{ id: string; email: string; name: string; businessUnitId: string }>`
        WITH RECURSIVE below(id) AS (
          SELECT id FROM business_unit WHERE id = ANY(${c.businessUnitIds}::uuid[])
          UNION SELECT b.id FROM business_unit b JOIN below r ON b.parent_id = r.id)
        SELECT p.id, p.email, p.name, p.business_unit_id FROM person p JOIN below ON p.business_unit_id = below.id
        WHERE p.archived_at IS NULL ORDER BY p.email`.execute(this.db);
      for (const p of rows.rows)
        out.set(`business:${p.id}`, {
          personId: p.id,
          email: p.email,
          name: p.name,
          audience: "business",
          businessUnitId: p.businessUnitId,
        });
    }
    const ids = [...c.personIds, ...c.itRespondents.map((r) => r.personId)];
    if (ids.length > 0) {
      const people = await this.db
        .selectFrom("person")
        .select(["id", "email", "name", "businessUnitId"])
        .where("id", "in", ids)
        .execute();
      const byId = new Map(people.map((p) => [p.id, p]));
      const missing = ids.map((pid, i) => ({ pid, i })).filter(({ pid }) => !byId.has(pid));
      if (missing.length > 0)
        throw new TandemError("unknown_reference", `no person ${missing[0]?.pid}`, {
          issues: missing.map(({ pid, i }) =>
            i < c.personIds.length
              ? { path: `personIds.${i}`, message: `no person ${pid}` }
              : { path: `itRespondents.${i - c.personIds.length}.personId`, message: `no person ${pid}` },
          ),
        });
      for (const pid of c.personIds) {
        const p = byId.get(pid);
        if (p)
          out.set(`business:${p.id}`, {
            personId: p.id,
            email: p.email,
            name: p.name,
            audience: "business",
            businessUnitId: p.businessUnitId,
          });
      }
      for (const r of c.itRespondents) {
        const p = byId.get(r.personId);
        if (p)
          out.set(`it:${p.id}:${r.aboutBusinessUnitId}`, {
            personId: p.id,
            email: p.email,
            name: p.name,
            audience: "it",
            businessUnitId: r.aboutBusinessUnitId,
          });
      }
    }
    return [...out.values()];
  }

  async markSent(invitationIds: string[], at: Date, reminder = false): Promise<void> {
    if (invitationIds.length === 0) return;
    await this.db
      .updateTable("campaignInvitation")
      .set(reminder ? { remindedAt: at.toISOString() } : { sentAt: at.toISOString() })
      .where("id", "in", invitationIds)
      .execute();
  }

  /**
   * Claims the invitations still unanswered whose reminder day has come (marks them reminded now,
   * so that two rounds at once cannot both remind them) and gives each a fresh token. The token is
   * not stored yet (storeToken, once the reminder reached someone): a reminder that could not be
   * mailed must not kill the link the invitee already has (releaseReminder undoes the claim).
   */
  async dueReminders(
    campaignId: string,
    now: Date,
  ): Promise<(IssuedInvitation & { previousRemindedAt: string | null })[]> {
    requirePermission(this.actor, "business-graph:write");
    const c = await this.row(campaignId);
    if (statusOf(c, now) !== "open") return [];
    const daysLeft = (Date.parse(c.deadline) - now.getTime()) / 86_400_000;
    const due = c.reminderDays.filter((d) => d >= daysLeft).sort((a, b) => a - b)[0];
    if (due === undefined) return [];
    const since = new Date(Date.parse(c.deadline) - due * 86_400_000).toISOString();
    const rows = await sql<{
      id: string;
      email: string | null;
      audience: Audience;
      name: string | null;
      previousRemindedAt: string | null;
    }>`
      WITH due AS (
        SELECT id, person_id, reminded_at AS previous FROM campaign_invitation
        WHERE campaign_id = ${campaignId}::uuid AND used_at IS NULL AND email IS NOT NULL
          AND (reminded_at IS NULL OR reminded_at < ${since}::timestamptz)
        ORDER BY id
        FOR UPDATE SKIP LOCKED
      )
      UPDATE campaign_invitation i SET reminded_at = ${now.toISOString()}::timestamptz
      FROM due LEFT JOIN person p ON p.id = due.person_id
      WHERE i.id = due.id
      RETURNING i.id, i.email, i.audience, p.name, due.previous AS previous_reminded_at`.execute(this.db);
    return rows.rows.map((r) => ({
      invitationId: r.id,
      email: r.email,
      name: r.name,
      audience: r.audience,
      token: newSecret(),
      previousRemindedAt: r.previousRemindedAt,
    }));
  }

  /** Undoes a reminder's claim that reached nobody: the next round tries again. */
  async releaseReminder(invitationId: string, previousRemindedAt: string | null): Promise<void> {
    requirePermission(this.actor, "business-graph:write");
    await this.db
      .updateTable("campaignInvitation")
      .set({ remindedAt: previousRemindedAt })
      .where("id", "=", invitationId)
      .execute();
  }

  /** Makes a reminder's fresh token the invitation's link (the old one stops working); not once answered. */
  async storeToken(invitationId: string, token: string): Promise<void> {
    requirePermission(this.actor, "business-graph:write");
    await this.db
      .updateTable("campaignInvitation")
      .set({ tokenHash: digestSecret(token) })
      .where("id", "=", invitationId)
      .where("usedAt", "is", null)
      .execute();
  }

  /** Campaigns open now that have reminder days: the ones a reminder round has to look at. */
  async openWithReminders(now: Date): Promise<{ id: string; name: string }[]> {
    requirePermission(this.actor, "business-graph:write");
    return this.db
      .selectFrom("campaign")
      .select(["id", "name"])
      .where("closedAt", "is", null)
      .where("startsAt", "<=", now.toISOString())
      .where("deadline", ">", now.toISOString())
      .where(sql<boolean>`cardinality(reminder_days) > 0`)
      .orderBy("deadline")
      .orderBy("id")
      .execute();
  }

  async idOf(idOrName: string): Promise<string> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    const row = await this.db
      .selectFrom("campaign")
      .select("id")
      .where((eb) =>
        uuid ? eb("id", "=", idOrName) : eb(eb.fn("lower", ["name"]), "=", idOrName.trim().toLowerCase()),
      )
      .orderBy("deadline", "desc")
      .executeTakeFirst();
    if (!row) throw new TandemError("not_found", `no campaign ${idOrName}`);
    return row.id;
  }

  private async row(id: string) {
    const row = await this.db.selectFrom("campaign").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `no campaign ${id}`);
    return row;
  }

  /** Invitations the actor may count: all, or those of a stakeholder's units. */
  private invitationScope() {
    const units = scopeUnits(this.actor);
    return units === null ? sql<boolean>`true` : inUnits("i.business_unit_id", units);
  }

  async list(now: Date): Promise<Campaign[]> {
    requirePermission(this.actor, "graph:read");
    const rows = await sql<{ id: string }>`
      SELECT c.id FROM campaign c
      WHERE EXISTS (SELECT 1 FROM campaign_invitation i WHERE i.campaign_id = c.id AND ${this.invitationScope()})
      ORDER BY c.deadline DESC, c.id LIMIT 500`.execute(this.db);
    return Promise.all(rows.rows.map((r) => this.get(r.id, now)));
  }

  async get(id: string, now: Date = new Date()): Promise<Campaign> {
    requirePermission(this.actor, "graph:read");
    const found = await sql<{
      id: string;
      surveyId: string;
      surveyName: string;
      name: string;
      serviceId: string | null;
      startsAt: string;
      deadline: string;
      reminderDays: number[];
      closedAt: string | null;
      invited: number;
      responded: number;
    }>`
      SELECT c.id, c.survey_id, s.name AS survey_name, c.name, c.service_id, c.starts_at, c.deadline,
             c.reminder_days, c.closed_at, count(i.id)::int AS invited, count(i.used_at)::int AS responded
      FROM campaign c JOIN survey s ON s.id = c.survey_id
      JOIN campaign_invitation i ON i.campaign_id = c.id AND ${this.invitationScope()}
      WHERE c.id = ${id}
      GROUP BY c.id, s.name`.execute(this.db);
    const c = found.rows[0];
    // A stakeholder asking for another unit's campaign is told it does not exist.
    if (!c) throw new TandemError("not_found", `no campaign ${id}`);
    return { ...c, status: statusOf(c, now), responseRatePct: rate(c.responded, c.invited) };
  }

  /** Closing stops new answers and keeps every answer given. */
  async close(id: string, now: Date): Promise<Campaign> {
    requirePermission(this.actor, "business-graph:write");
    await this.row(id);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("campaign")
        .set({ closedAt: now.toISOString() })
        .where("id", "=", id)
        .where("closedAt", "is", null)
        .execute();
      await recordAudit(tx, this.actor, { action: "campaign.close", entityType: "campaign", entityId: id });
    });
    return this.get(id, now);
  }

  async responseRates(id: string) {
    const rows = await sql<{
      businessUnitId: string | null;
      businessUnitName: string | null;
      audience: Audience;
      invited: number;
      responded: number;
    }>`
      SELECT i.business_unit_id, u.name AS business_unit_name, i.audience,
             count(*)::int AS invited, count(i.used_at)::int AS responded
      FROM campaign_invitation i LEFT JOIN business_unit u ON u.id = i.business_unit_id
      WHERE i.campaign_id = ${id} AND ${this.invitationScope()}
      GROUP BY i.business_unit_id, u.name, i.audience
      ORDER BY i.audience, u.name NULLS LAST`.execute(this.db);
    return rows.rows.map((r) => ({
      ...r,
      businessUnitName: r.businessUnitName ?? (r.audience === "it" ? "The business as a whole" : "No unit"),
      responseRatePct: rate(r.responded, r.invited),
    }));
  }
}
