import type { Clock } from "../domain/clock.js";
import { decoyPasswordHash, lockoutSeconds, verifyPassword } from "../domain/credentials.js";
import { TandemError } from "../domain/errors.js";
import { type Actor, systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { recordAudit } from "../store/repositories/audit-repository.js";
import { SessionRepository } from "../store/repositories/session-repository.js";
import { SignInFailureRepository } from "../store/repositories/sign-in-failure-repository.js";
import { CredentialRepository } from "../store/repositories/user-repository.js";

/** Sessions last a working day; signing in again starts a fresh one. */
export const SESSION_HOURS = 12;

export interface SignInOptions {
  db: Db;
  clock: Clock;
  email: string;
  password: string;
  /** The session the browser had before, ended so that sign-in always rotates the id. */
  previousSessionId?: string;
  remoteAddress?: string;
}

export interface SignInResult {
  userId: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

const refused = () => new TandemError("unauthenticated", "e-mail or password is wrong");

/**
 * Checks a password and opens a session. Failures are counted per e-mail address; from the
 * fifth, the address is locked with a doubling back-off, and every outcome is audited. The
 * answer never tells whether the account exists.
 */
export const signIn = async (o: SignInOptions): Promise<SignInResult> => {
  const now = o.clock.now();
  const failures = new SignInFailureRepository(o.db);
  const audit = (actor: Actor, action: string, detail: string, userId: string | null = null) =>
    recordAudit(o.db, actor, {
      action,
      entityType: "user",
      entityId: userId,
      detail: `${detail}${o.remoteAddress ? ` from ${o.remoteAddress}` : ""}`,
    });

  const lockedUntil = await failures.lockedUntil(o.email);
  if (lockedUntil && new Date(lockedUntil) > now) {
    await audit(systemActor("sign-in"), "sign-in refused", `${o.email} is locked until ${lockedUntil}`);
    throw new TandemError("rate_limited", `too many failed sign-ins: try again after ${lockedUntil}`);
  }
  const credentials = await new CredentialRepository(o.db).byEmail(o.email);
  const ok = await verifyPassword(o.password, credentials?.passwordHash ?? decoyPasswordHash);
  if (!credentials || !ok || credentials.disabledAt) {
    const { failures: count, lockedUntil: lock } = await failures.fail(o.email, now, lockoutSeconds);
    await audit(
      systemActor("sign-in"),
      "sign-in failed",
      `${o.email}: failure ${count}${lock ? `, locked until ${lock}` : ""}`,
      credentials?.id ?? null,
    );
    throw refused();
  }
  await failures.clear(o.email);
  const sessions = new SessionRepository(o.db);
  if (o.previousSessionId) await sessions.remove(o.previousSessionId);
  // Sign-ins are rare enough to sweep expired sessions on, so no timer is needed.
  await sessions.removeExpired(now);
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000);
  const { sessionId, csrfToken } = await sessions.create(credentials.id, expiresAt);
  await new CredentialRepository(o.db).recordSignIn(credentials.id, now);
  await recordAudit(
    o.db,
    { kind: "system", name: o.email },
    { action: "sign-in", entityType: "user", entityId: credentials.id, detail: o.remoteAddress ?? null },
  );
  return { userId: credentials.id, sessionId, csrfToken, expiresAt };
};
