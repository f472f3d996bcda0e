import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../domain/clock.js";
import { TandemError } from "../domain/errors.js";
import type { TokenScope } from "../domain/schemas/user.js";
import type { Actor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { SessionRepository } from "../store/repositories/session-repository.js";
import { CredentialRepository } from "../store/repositories/user-repository.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking; set by the authentication hook on every /api/v1 route that needs it. */
    actor: Actor | null;
    /** The session id from the cookie, when the request came with one. */
    sessionId: string | null;
  }
}

export const SESSION_COOKIE = "tandem_session";
export const CSRF_HEADER = "x-csrf-token";
/**
 * "My business units" switcher: a stakeholder holding several units may narrow every answer to
 * some of them (comma-separated ids). It can only narrow: units outside the reach are refused.
 */
export const FOCUS_HEADER = "x-tandem-focus-units";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes anyone may call: signing in, the OIDC round trip, survey links later. */
const PUBLIC_PREFIXES = [
  "/api/v1/auth/sign-in",
  "/api/v1/auth/providers",
  "/api/v1/auth/oidc/",
  "/api/v1/survey-links/",
  "/api/v1/feedback-links/",
];

const needsActor = (url: string) =>
  url.startsWith("/api/v1/") && !PUBLIC_PREFIXES.some((p) => url.startsWith(p));

/**
 * Resolves the actor from a bearer API token or the session cookie. A browser session must
 * send its CSRF token with every state-changing request; a bearer token needs none, since a
 * browser never attaches it on its own.
 */
export const authenticationHook = (db: Db, clock: Clock) => {
  const credentials = new CredentialRepository(db);
  const sessions = new SessionRepository(db);

  const actorFor = async (userId: string, tokenScope: TokenScope | null): Promise<Actor | null> => {
    const user = await credentials.actorRecord(userId);
    if (!user || user.disabled) return null;
    return {
      kind: "user" as const,
      userId,
      name: user.email,
      role: user.role,
      businessUnitIds: user.role === "business_stakeholder" ? user.reach : user.held,
      tokenScope,
    };
  };

  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.actor = null;
    request.sessionId = request.cookies?.[SESSION_COOKIE] ?? null;
    const url = request.url.split("?")[0] ?? "";
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const used = match?.[1] ? await credentials.redeemToken(match[1], clock.now()) : undefined;
      if (!used) throw new TandemError("unauthenticated", "the API token is unknown, revoked or malformed");
      request.actor = await actorFor(used.userId, used.scope);
    } else if (request.sessionId) {
      const session = await sessions.find(request.sessionId, clock.now());
      if (session) {
        // Public routes (sign-in itself) need no CSRF token: they act on no one's behalf.
        if (
          needsActor(url) &&
          !SAFE_METHODS.has(request.method) &&
          request.headers[CSRF_HEADER] !== session.csrfToken
        ) {
          throw new TandemError("forbidden", `missing or wrong ${CSRF_HEADER} header for this session`);
        }
        request.actor = await actorFor(session.userId, null);
        await sessions.touch(request.sessionId, clock.now());
      }
    }
    const focus = request.headers[FOCUS_HEADER];
    if (
      request.actor?.kind === "user" &&
      request.actor.role === "business_stakeholder" &&
      typeof focus === "string" &&
      focus.trim()
    ) {
      const wanted = [...new Set(focus.split(",").map((u) => u.trim()))];
      const reach = new Set(request.actor.businessUnitIds);
      const outside = wanted.filter((u) => !UUID.test(u) || !reach.has(u.toLowerCase()));
      if (outside.length > 0) {
        throw new TandemError(
          "forbidden",
          `${FOCUS_HEADER} names units you do not hold: ${outside.join(", ").slice(0, 300)}`,
        );
      }
      request.actor = { ...request.actor, businessUnitIds: await credentials.unitsBelow(wanted) };
    }
    if (!request.actor && needsActor(url)) {
      throw new TandemError(
        "unauthenticated",
        "sign in, or send an API token as `Authorization: Bearer tdm_…`",
      );
    }
  };
};

/** The actor of a request that passed the hook; routes behind it can rely on one being there. */
export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.actor) throw new TandemError("unauthenticated", "sign in first");
  return request.actor;
};
