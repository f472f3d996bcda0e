import type { Db } from "../database.js";

/** Failed sign-ins per e-mail address (lower case), behind the lock-out back-off. */
export class SignInFailureRepository {
  constructor(private readonly db: Db) {}

  async lockedUntil(email: string): Promise<string | null> {
    const row = await this.db
      .selectFrom("signInFailure")
      .select("lockedUntil")
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    return row?.lockedUntil ?? null;
  }

  /** Counts one more failure and stores the lock computed from the new count. */
  async fail(
    email: string,
    now: Date,
    lockFor: (failures: number) => number,
  ): Promise<{ failures: number; lockedUntil: string | null }> {
    const key = email.toLowerCase();
    const row = await this.db
      .insertInto("signInFailure")
      .values({ email: key, failures: 1, lastFailedAt: now.toISOString() })
      .onConflict((oc) =>
        oc.column("email").doUpdateSet((eb) => ({
          failures: eb("signInFailure.failures", "+", 1),
          lastFailedAt: now.toISOString(),
        })),
      )
      .returning("failures")
      .executeTakeFirstOrThrow();
    const seconds = lockFor(row.failures);
    const lockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null;
    await this.db.updateTable("signInFailure").set({ lockedUntil }).where("email", "=", key).execute();
    return { failures: row.failures, lockedUntil };
  }

  async clear(email: string): Promise<void> {
    await this.db.deleteFrom("signInFailure").where("email", "=", email.toLowerCase()).execute();
  }
}
