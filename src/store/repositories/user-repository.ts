import { randomUUID } from "node:crypto";
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from "kysely";
import { digestSecret } from "../../domain/credentials.js";
import { TandemError } from "../../domain/errors.js";
import type { Role, TokenScope, User } from "../../domain/schemas/user.js";
import { requirePermission } from "../access.js";
import type { Actor } from "../actor.js";
import type { Database, Db } from "../database.js";
import { TOKEN_PREFIX } from "./api-token-repository.js";
import { recordAudit } from "./audit-repository.js";

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  businessUnitIds: string[];
  passwordHash: string | null;
  oidcSubject?: string | null;
}

export interface UserChange {
  name?: string;
  role?: Role;
  businessUnitIds?: string[];
  disabled?: boolean;
  passwordHash?: string;
}

type UserFilter = (
  eb: ExpressionBuilder<Database, "appUser">,
) => ExpressionWrapper<Database, "appUser", SqlBool>;

/** Users matching a filter, with the units they hold; never the password hash. */
export const loadUsers = async (db: Db, filter?: UserFilter): Promise<User[]> => {
  let query = db
    .selectFrom("appUser")
    .select([
      "id",
      "email",
      "name",
      "role",
      "passwordHash",
      "version",
      "createdAt",
      "updatedAt",
      "disabledAt",
      "lastSignInAt",
    ]);
  if (filter) query = query.where(filter);
  const rows = await query.orderBy("email").execute();
  const ids = rows.map((r) => r.id);
  const units = ids.length
    ? await db
        .selectFrom("userBusinessUnit")
        .selectAll()
        .where("userId", "in", ids)
        .orderBy("businessUnitId")
        .execute()
    : [];
  return rows.map(({ passwordHash, ...r }) => ({
    ...r,
    businessUnitIds: units.filter((u) => u.userId === r.id).map((u) => u.businessUnitId),
    hasPassword: passwordHash !== null,
  }));
};

const byEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

/** Accounts and the business units they hold; managing them needs users:manage, and every change is audited. */
export class UserRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async list(): Promise<User[]> {
    requirePermission(this.actor, "users:manage");
    return loadUsers(this.db);
  }

  async get(id: string): Promise<User> {
    requirePermission(this.actor, "users:manage");
    const [user] = await loadUsers(this.db, (eb) => eb("id", "=", id));
    if (!user) throw new TandemError("not_found", `user ${id} does not exist`);
    return user;
  }

  async create(user: NewUser, id: string = randomUUID()): Promise<User> {
    requirePermission(this.actor, "users:manage");
    return this.db.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom("appUser").select("id").where(byEmail(user.email)).executeTakeFirst();
      if (taken) {
        throw new TandemError("duplicate", `a user with e-mail ${user.email} already exists`, {
          issues: [{ path: "email", message: "already used by another account" }],
        });
      }
      await checkUnits(tx, user.businessUnitIds);
      await tx
        .insertInto("appUser")
        .values({
          id,
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash: user.passwordHash,
          oidcSubject: user.oidcSubject ?? null,
        })
        .execute();
      await setUnits(tx, id, user.businessUnitIds);
      const [created] = await loadUsers(tx, (eb) => eb("id", "=", id));
      await recordAudit(tx, this.actor, {
        action: "create",
        entityType: "user",
        entityId: id,
        before: null,
        after: created,
      });
      return created as User;
    });
  }

  async update(id: string, change: UserChange): Promise<User> {
    const before = await this.get(id);
    return this.db.transaction().execute(async (tx) => {
      if (change.businessUnitIds) await checkUnits(tx, change.businessUnitIds);
      await tx
        .updateTable("appUser")
        .set({
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.passwordHash !== undefined ? { passwordHash: change.passwordHash } : {}),
          ...(change.disabled !== undefined ? { disabledAt: change.disabled ? sql`now()` : null } : {}),
          version: sql`version + 1`,
          updatedAt: sql`now()`,
        })
        .where("id", "=", id)
        .execute();
      if (change.businessUnitIds) await setUnits(tx, id, change.businessUnitIds);
      const [after] = await loadUsers(tx, (eb) => eb("id", "=", id));
      const detail = change.passwordHash !== undefined ? "password changed" : null;
      await recordAudit(tx, this.actor, {
        action: "update",
        entityType: "user",
        entityId: id,
        before,
        after,
        detail,
      });
      return after as User;
    });
  }
}

const checkUnits = async (db: Db, unitIds: string[]) => {
  if (unitIds.length === 0) return;
  const found = await db.selectFrom("businessUnit").select("id").where("id", "in", unitIds).execute();
  const known = new Set(found.map((f) => f.id));
  const issues = unitIds.flatMap((u, i) =>
    known.has(u) ? [] : [{ path: `businessUnitIds.${i}`, message: `no business unit with id ${u}` }],
  );
  if (issues.length > 0)
    throw new TandemError("unknown_reference", "the user would hold business units that do not exist", {
      issues,
    });
};

const setUnits = async (db: Db, userId: string, unitIds: string[]) => {
  await db.deleteFrom("userBusinessUnit").where("userId", "=", userId).execute();
  const unique = [...new Set(unitIds)];
  if (unique.length > 0) {
    await db
      .insertInto("userBusinessUnit")
      .values(unique.map((businessUnitId) => ({ userId, businessUnitId })))
      .execute();
  }
};

/**
 * What authentication needs before there is an actor: credentials by e-mail, the user behind a
 * session or token, and the units a user reaches. Not part of the per-actor repositories.
 */
export class CredentialRepository {
  constructor(private readonly db: Db) {}

  async byEmail(
    email: string,
  ): Promise<{ id: string; passwordHash: string | null; disabledAt: string | null } | undefined> {
    return this.db
      .selectFrom("appUser")
      .select(["id", "passwordHash", "disabledAt"])
      .where(byEmail(email))
      .executeTakeFirst();
  }

  async user(id: string): Promise<User | undefined> {
    return (await loadUsers(this.db, (eb) => eb("id", "=", id)))[0];
  }

  async userByOidcSubject(subject: string): Promise<User | undefined> {
    return (await loadUsers(this.db, (eb) => eb("oidcSubject", "=", subject)))[0];
  }

  async userByEmail(email: string): Promise<User | undefined> {
    return (await loadUsers(this.db, (eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase())))[0];
  }

  /**
   * The live token's owner and scope. Its last-used time is written at most once a minute: every
   * API call redeems a token, and a write per call would cost more than most calls.
   */
  async redeemToken(token: string, at: Date): Promise<{ userId: string; scope: TokenScope } | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await this.db
      .selectFrom("apiToken")
      .innerJoin("appUser", "appUser.id", "apiToken.userId")
      .select(["apiToken.id", "apiToken.userId", "apiToken.scope", "apiToken.lastUsedAt"])
      .where("apiToken.tokenHash", "=", digestSecret(token))
      .where("apiToken.revokedAt", "is", null)
      .where("appUser.disabledAt", "is", null)
      .executeTakeFirst();
    if (!row) return undefined;
    if (!row.lastUsedAt || Date.parse(row.lastUsedAt) < at.getTime() - 60_000) {
      await this.db
        .updateTable("apiToken")
        .set({ lastUsedAt: at.toISOString() })
        .where("id", "=", row.id)
        .execute();
    }
    return { userId: row.userId, scope: row.scope };
  }

  /**
   * What a request needs to know of its user, in one round trip: role, whether they may still
   * sign in, the units they hold and those units' whole subtrees (the reach a scoped role reads).
   */
  async actorRecord(
    userId: string,
  ): Promise<{ email: string; role: Role; disabled: boolean; held: string[]; reach: string[] } | undefined> {
    const row = (
      await sql<{ email: string; role: Role; disabled: boolean; held: string[]; reach: string[] }>`
        WITH RECURSIVE held AS (
          SELECT business_unit_id AS id FROM user_business_unit WHERE user_id = ${userId}
        ), reach(id) AS (
          SELECT id FROM held
          UNION
          SELECT b.id FROM business_unit b JOIN reach r ON b.parent_id = r.id
        )
        SELECT u.email, u.role, u.disabled_at IS NOT NULL AS disabled,
          COALESCE((SELECT array_agg(id::text ORDER BY id) FROM held), '{}'::text[]) AS held,
          COALESCE((SELECT array_agg(id::text ORDER BY id) FROM reach), '{}'::text[]) AS reach
        FROM app_user u WHERE u.id = ${userId}`.execute(this.db)
    ).rows[0];
    return row;
  }

  async linkOidcSubject(userId: string, subject: string): Promise<void> {
    await this.db.updateTable("appUser").set({ oidcSubject: subject }).where("id", "=", userId).execute();
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable("appUser")
      .set({ lastSignInAt: at.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom("appUser")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** The units a user holds plus every unit below them in the tree. */
  async reachableUnitIds(userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      WITH RECURSIVE reach(id) AS (
        SELECT business_unit_id FROM user_business_unit WHERE user_id = ${userId}
        UNION
        SELECT b.id FROM business_unit b JOIN reach r ON b.parent_id = r.id
      )
      SELECT id FROM reach ORDER BY id`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }

  /** The given units and everything below them in the unit tree. */
  async unitsBelow(unitIds: string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows = await sql<{ id: string }>`
      WITH RECURSIVE below(id) AS (
        SELECT id FROM business_unit WHERE id IN (${sql.join(unitIds.map((u) => sql`${u}::uuid`))})
        UNION
        SELECT b.id FROM business_unit b JOIN below r ON b.parent_id = r.id
      )
      SELECT id FROM below ORDER BY id`.execute(this.db);
    return rows.rows.map((r) => r.id);
  }
}
