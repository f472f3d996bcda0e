import { sql } from "kysely";
import { digestSecret, newSecret } from "../../domain/credentials.js";
import type { Db } from "../database.js";

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

/** Server-side sessions. The cookie holds a random id; only its SHA-256 is stored. */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(userId: string, expiresAt: Date): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = newSecret();
    const csrfToken = newSecret(24);
    await this.db
      .insertInto("userSession")
      .values({ idHash: digestSecret(sessionId), userId, csrfToken, expiresAt: expiresAt.toISOString() })
      .execute();
    return { sessionId, csrfToken };
  }

  async find(sessionId: string, now: Date): Promise<SessionRecord | undefined> {
    return this.db
      .selectFrom("userSession")
      .innerJoin("appUser", "appUser.id", "userSession.userId")
      .select(["userSession.userId", "userSession.csrfToken", "userSession.expiresAt"])
      .where("userSession.idHash", "=", digestSecret(sessionId))
      .where("userSession.expiresAt", ">", now.toISOString())
      .where("appUser.disabledAt", "is", null)
      .executeTakeFirst();
  }

  /**
   * Records that the session was used. At most once a minute: a write on every request would
   * cost more than the page it serves, and "last seen" needs no finer grain.
   */
  async touch(sessionId: string, now: Date): Promise<void> {
    await this.db
      .updateTable("userSession")
      .set({ lastSeenAt: now.toISOString() })
      .where("idHash", "=", digestSecret(sessionId))
      .where("lastSeenAt", "<", new Date(now.getTime() - 60_000).toISOString())
      .execute();
  }

  async remove(sessionId: string): Promise<void> {
    await this.db.deleteFrom("userSession").where("idHash", "=", digestSecret(sessionId)).execute();
  }

  /** Sign-out everywhere: every session of the user ends at once. */
  async removeAllOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom("userSession").where("userId", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeExpired(now: Date): Promise<void> {
    await this.db.deleteFrom("userSession").where("expiresAt", "<=", now.toISOString()).execute();
  }

  async countOf(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("userSession")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("userId", "=", userId)
      .executeTakeFirstOrThrow();
    return row.n;
  }
}
