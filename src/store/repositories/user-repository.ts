import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { Role, User } from "../../domain/schemas/user.js";
import type { Db } from "../database.js";

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

export interface UserCredentials {
  id: string;
  passwordHash: string | null;
  disabledAt: string | null;
}

/** Accounts and the business units they hold. Only admins reach the write side (see use cases). */
export class UserRepository {
  constructor(private readonly db: Db) {}

  private async withUnits(rows: { id: string }[]): Promise<Map<string, string[]>> {
    const ids = rows.map((r) => r.id);
    const units = ids.length
      ? await this.db.selectFrom("userBusinessUnit").selectAll().where("userId", "in", ids).orderBy("businessUnitId").execute()
      : [];
    const byUser = new Map<string, string[]>();
    for (const u of units) byUser.set(u.userId, [...(byUser.get(u.userId) ?? []), u.businessUnitId]);
    return byUser;
  }

  private async toUsers(
    rows: {
      id: string;
      email: string;
      name: string;
      role: Role;
      passwordHash: string | null;
      version: number;
      createdAt: string;
      updatedAt: string;
      disabledAt: string | null;
      lastSignInAt: string | null;
    }[],
  ): Promise<User[]> {
    const units = await this.withUnits(rows);
    return rows.map(({ passwordHash, ...r }) => ({ ...r, businessUnitIds: units.get(r.id) ?? [], hasPassword: passwordHash !== null }));
  }

  private base() {
    return this.db
      .selectFrom("appUser")
      .select(["id", "email", "name", "role", "passwordHash", "version", "createdAt", "updatedAt", "disabledAt", "lastSignInAt"]);
  }

  async list(): Promise<User[]> {
    return this.toUsers(await this.base().orderBy("email").execute());
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom("appUser").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    return row.n;
  }

  async find(id: string): Promise<User | undefined> {
    const rows = await this.base().where("id", "=", id).execute();
    return (await this.toUsers(rows))[0];
  }

  async get(id: string): Promise<User> {
    const user = await this.find(id);
    if (!user) throw new TandemError("not_found", `user ${id} does not exist`);
    return user;
  }

  async credentialsByEmail(email: string): Promise<UserCredentials | undefined> {
    return this.db
      .selectFrom("appUser")
      .select(["id", "passwordHash", "disabledAt"])
      .where(sql<boolean>`lower(email) = lower(${email})`)
      .executeTakeFirst();
  }

  async findByOidcSubject(subject: string): Promise<User | undefined> {
    const rows = await this.base().where("oidcSubject", "=", subject).execute();
    return (await this.toUsers(rows))[0];
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const rows = await this.base().where(sql<boolean>`lower(email) = lower(${email})`).execute();
    return (await this.toUsers(rows))[0];
  }

  async create(user: NewUser, id: string = randomUUID()): Promise<User> {
    if (await this.credentialsByEmail(user.email)) {
      throw new TandemError("duplicate", `a user with e-mail ${user.email} already exists`, {
        issues: [{ path: "email", message: "already used by another account" }],
      });
    }
    await this.checkUnits(user.businessUnitIds);
    await this.db
      .insertInto("appUser")
      .values({ id, email: user.email, name: user.name, role: user.role, passwordHash: user.passwordHash, oidcSubject: user.oidcSubject ?? null })
      .execute();
    await this.setUnits(id, user.businessUnitIds);
    return this.get(id);
  }

  async update(id: string, change: UserChange): Promise<User> {
    await this.get(id);
    if (change.businessUnitIds) await this.checkUnits(change.businessUnitIds);
    await this.db
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
    if (change.businessUnitIds) await this.setUnits(id, change.businessUnitIds);
    return this.get(id);
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.db.updateTable("appUser").set({ lastSignInAt: at.toISOString() }).where("id", "=", id).execute();
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

  private async checkUnits(unitIds: string[]) {
    if (unitIds.length === 0) return;
    const found = await this.db.selectFrom("businessUnit").select("id").where("id", "in", unitIds).execute();
    const known = new Set(found.map((f) => f.id));
    const issues = unitIds.flatMap((u, i) => (known.has(u) ? [] : [{ path: `businessUnitIds.${i}`, message: `no business unit with id ${u}` }]));
    if (issues.length > 0) throw new TandemError("unknown_reference", "the user would hold business units that do not exist", { issues });
  }

  private async setUnits(userId: string, unitIds: string[]) {
    await this.db.deleteFrom("userBusinessUnit").where("userId", "=", userId).execute();
    const unique = [...new Set(unitIds)];
    if (unique.length > 0) {
      await this.db
        .insertInto("userBusinessUnit")
        .values(unique.map((businessUnitId) => ({ userId, businessUnitId })))
        .execute();
    }
  }
}
