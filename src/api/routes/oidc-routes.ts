import * as oidc from "openid-client";
import { z } from "zod";
import { TandemError } from "../../domain/errors.js";
import { systemActor } from "../../store/actor.js";
import { recordAudit } from "../../store/repositories/audit-repository.js";
import { SessionRepository } from "../../store/repositories/session-repository.js";
import { CredentialRepository } from "../../store/repositories/user-repository.js";
import { SESSION_HOURS } from "../../use-cases/sign-in.js";
import { SESSION_COOKIE } from "../authenticate.js";
import type { ApiContext, TandemApp } from "../context.js";
import type { OidcClient } from "../oidc.js";
import { problemSchema } from "../problem.js";

const FLOW_COOKIE = "tandem_oidc";
const tags = ["Sign-in"];
const flowState = z.object({ state: z.string(), nonce: z.string(), verifier: z.string() });

/**
 * The OpenID Connect round trip: start sends the browser to the provider with state, nonce and
 * PKCE kept in a signed, short-lived cookie; the callback checks them, and signs in the Tandem
 * account with the provider's subject or verified e-mail. Accounts are never created here: an
 * admin creates them first, so the provider decides who you are and Tandem what you may see.
 */
export const registerOidcRoutes = (app: TandemApp, ctx: ApiContext, client: OidcClient | null) => {
  app.get("/api/v1/auth/providers", {
    schema: {
      tags,
      summary: "Sign-in methods offered",
      response: {
        200: z.object({ password: z.boolean(), oidc: z.object({ label: z.string() }).nullable() }),
      },
    },
    handler: async () => ({ password: true, oidc: client ? { label: client.settings.label } : null }),
  });
  if (!client) return;
  const credentials = new CredentialRepository(ctx.store.db);
  const sessions = new SessionRepository(ctx.store.db);

  app.get("/api/v1/auth/oidc/start", {
    schema: {
      tags,
      summary: "Begin OpenID Connect sign-in (redirects to the identity provider)",
      response: { 302: z.null(), 503: problemSchema },
    },
    handler: async (request, reply) => {
      const config = await client.config();
      const flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: client.settings.redirectUri,
        scope: "openid email profile",
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
      });
      reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), {
        path: "/api/v1/auth/oidc/",
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        signed: true,
        maxAge: 600,
      });
      return reply.redirect(url.toString(), 302);
    },
  });

  app.get("/api/v1/auth/oidc/callback", {
    schema: {
      tags,
      summary: "Return from the identity provider",
      response: { 302: z.null(), 401: problemSchema },
    },
    handler: async (request, reply) => {
      const raw = request.cookies[FLOW_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      const parsed =
        unsigned?.valid && unsigned.value ? flowState.safeParse(JSON.parse(unsigned.value)) : null;
      reply.clearCookie(FLOW_COOKIE, { path: "/api/v1/auth/oidc/" });
      if (!parsed?.success)
        throw new TandemError(
          "unauthenticated",
          "the sign-in attempt expired or did not start here; start again",
        );
      const flow = parsed.data;
      const current = new URL(request.url, client.settings.redirectUri);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(await client.config(), current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        request.log.warn({ err: error }, "OpenID Connect callback refused");
        throw new TandemError(
          "unauthenticated",
          `the identity provider's answer was refused: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!claims) throw new TandemError("unauthenticated", "the identity provider sent no ID token");
      const subject = `${claims.iss}|${claims.sub}`;
      const email = typeof claims.email === "string" && claims.email_verified === true ? claims.email : null;
      let user = await credentials.userByOidcSubject(subject);
      if (!user && email) {
        user = await credentials.userByEmail(email);
        if (user) await credentials.linkOidcSubject(user.id, subject);
      }
      if (!user || user.disabledAt) {
        await recordAudit(ctx.store.db, systemActor("oidc"), {
          action: "sign-in failed",
          entityType: "user",
          detail: `no active Tandem account for ${email ?? subject}`,
        });
        throw new TandemError(
          "unauthenticated",
          `no active Tandem account for ${email ?? "this identity"}; ask an admin to create one`,
        );
      }
      if (request.sessionId) await sessions.remove(request.sessionId);
      const now = ctx.clock.now();
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000);
      const { sessionId } = await sessions.create(user.id, expiresAt);
      await credentials.recordSignIn(user.id, now);
      await recordAudit(
        ctx.store.db,
        { kind: "system", name: user.email },
        { action: "sign-in", entityType: "user", entityId: user.id, detail: "OpenID Connect" },
      );
      reply.setCookie(SESSION_COOKIE, sessionId, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        expires: expiresAt,
      });
      return reply.redirect("/", 302);
    },
  });
};
