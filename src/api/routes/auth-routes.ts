import { z } from "zod";
import { can, type Permission } from "../../domain/permissions.js";
import { signInInput, user } from "../../domain/schemas/user.js";
import { SessionRepository } from "../../store/repositories/session-repository.js";
import { CredentialRepository } from "../../store/repositories/user-repository.js";
import { signIn } from "../../use-cases/sign-in.js";
import { actorOf, SESSION_COOKIE } from "../authenticate.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const permissions: Permission[] = [
  "graph:read",
  "graph:write",
  "business-graph:write",
  "users:manage",
  "audit:read",
  "tokens:own",
];
const me = z.object({ user, csrfToken: z.string().nullable(), permissions: z.array(z.string()) });
const tags = ["Sign-in"];

/** Sign-in, the current user, sign-out and sign-out everywhere. */
export const registerAuthRoutes = (app: TandemApp, ctx: ApiContext) => {
  const sessions = new SessionRepository(ctx.store.db);
  const credentials = new CredentialRepository(ctx.store.db);
  const cookieOptions = (secure: boolean, expires?: Date) => ({
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    ...(expires ? { expires } : {}),
  });

  app.post("/api/v1/auth/sign-in", {
    config: { rateLimit: { max: ctx.signInAttemptsPerMinute, timeWindow: "1 minute" } },
    schema: {
      tags,
      summary: "Sign in with e-mail and password; sets the session cookie",
      body: signInInput,
      response: { 200: me, 401: problemSchema, 429: problemSchema },
    },
    handler: async (request, reply) => {
      const result = await signIn({
        db: ctx.store.db,
        clock: ctx.clock,
        email: request.body.email,
        password: request.body.password,
        ...(request.sessionId ? { previousSessionId: request.sessionId } : {}),
        remoteAddress: request.ip,
      });
      reply.setCookie(
        SESSION_COOKIE,
        result.sessionId,
        cookieOptions(request.protocol === "https", result.expiresAt),
      );
      const signedIn = await credentials.user(result.userId);
      return {
        user: signedIn!,
        csrfToken: result.csrfToken,
        permissions: permissions.filter((p) => can(signedIn!.role, p)),
      };
    },
  });

  app.get("/api/v1/auth/me", {
    schema: {
      tags,
      summary: "Who am I, what may I do, and the CSRF token for this session",
      response: { 200: me, 401: problemSchema },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const signedIn = actor.kind === "user" ? await credentials.user(actor.userId) : undefined;
      const session = request.sessionId ? await sessions.find(request.sessionId, ctx.clock.now()) : undefined;
      return {
        user: signedIn!,
        csrfToken: session?.csrfToken ?? null,
        permissions:
          actor.kind === "user"
            ? permissions.filter(
                (p) =>
                  can(actor.role, p) &&
                  (actor.tokenScope !== "read" || p.endsWith(":read") || p === "tokens:own"),
              )
            : [],
      };
    },
  });

  app.post("/api/v1/auth/sign-out", {
    schema: { tags, summary: "End this session", response: { 204: z.null() } },
    handler: async (request, reply) => {
      if (request.sessionId) await sessions.remove(request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  });

  app.post("/api/v1/auth/sign-out-everywhere", {
    schema: {
      tags,
      summary: "End every session of the signed-in user",
      response: { 200: z.object({ endedSessions: z.number() }) },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const ended = actor.kind === "user" ? await sessions.removeAllOf(actor.userId) : 0;
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { endedSessions: ended };
    },
  });
};
