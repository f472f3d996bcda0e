import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { type Clock, systemClock } from "../domain/clock.js";
import type { MailSender } from "../mail/mail-sender.js";
import { mailSenderFromEnv } from "../mail/smtp-mail-sender.js";
import type { Store } from "../store/open-store.js";
import { createRepositories } from "../store/repositories/index.js";
import { submissionQueueOf } from "../use-cases/survey-submission-queue.js";
import { actorOf, authenticationHook } from "./authenticate.js";
import type { ApiContext, TandemApp } from "./context.js";
import { createOidcClient, type OidcSettings } from "./oidc.js";
import { problemErrorHandler, sendProblem } from "./problem.js";
import { scheduleCampaignReminders } from "./reminder-schedule.js";
import { registerAccountRoutes } from "./routes/account-routes.js";
import { registerAuthRoutes } from "./routes/auth-routes.js";
import { registerCatalogRoutes } from "./routes/catalog-routes.js";
import { registerCostRoutes } from "./routes/cost-routes.js";
import { registerFeedbackRoutes } from "./routes/feedback-routes.js";
import { registerGraphRoutes } from "./routes/graph-routes.js";
import { registerHealthRoutes } from "./routes/health-routes.js";
import { registerImportRoutes } from "./routes/import-routes.js";
import { registerKpiRoutes } from "./routes/kpi-routes.js";
import { registerLinkRoutes } from "./routes/link-routes.js";
import { registerMetricsRoutes } from "./routes/metrics-routes.js";
import { registerOidcRoutes } from "./routes/oidc-routes.js";
import { registerPainPointRoutes } from "./routes/pain-point-routes.js";
import { registerSurveyRoutes } from "./routes/survey-routes.js";
import { registerTicketRoutes } from "./routes/ticket-routes.js";
import { securityHeaders } from "./security-headers.js";

export interface BuildAppOptions {
  store: Store;
  clock?: Clock;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions["logger"];
  /** Folder of the built web app; served at `/` when it exists. */
  webRoot?: string | null;
  version?: string;
  /** Sign-in attempts per client address per minute (brute force across accounts); lock-out covers one account. */
  signInAttemptsPerMinute?: number;
  /** OpenID Connect sign-in; off when null or absent. */
  oidc?: OidcSettings | null;
  /** Signs short-lived cookies (the OIDC round trip); a random one per process when absent. */
  cookieSecret?: string;
  /** Largest ticket export accepted by upload, in bytes; default 200 MB. */
  importMaxBytes?: number;
  /** Survey invitations: SMTP sender, null for none (links to copy); default from TANDEM_SMTP_* variables. */
  mail?: MailSender | null;
  /** Base URL of survey links (TANDEM_PUBLIC_URL); default the address each request came to. */
  publicUrl?: string | null;
  /** Survey-link requests per client address per minute (default 120). */
  surveyAnswersPerMinute?: number;
  /**
   * Minutes between campaign reminder rounds; absent or 0: none (`tandem serve` sets it from
   * TANDEM_REMINDER_MINUTES, default 60). Rounds run only with SMTP and a public URL.
   */
  reminderEveryMinutes?: number;
}

const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export const defaultWebRoot = fileURLToPath(new URL("../../dist/web/", import.meta.url));

export const buildApp = async (options: BuildAppOptions): Promise<TandemApp> => {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: (req) =>
      typeof req.headers["x-request-id"] === "string"
        ? req.headers["x-request-id"].slice(0, 100)
        : randomUUID(),
    requestIdHeader: false,
    // Router-level refusals (bad URL encoding, over-long path parameters) answer as problems too.
    frameworkErrors: (error, request, reply) =>
      sendProblem(
        reply,
        error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "validation" : "bad_request",
        error.message.slice(0, 300),
        {
          instance: request.url.slice(0, 300),
        },
      ),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  // The API speaks JSON only; anything else is refused with 415 rather than guessed at.
  app.removeContentTypeParser("text/plain");
  await app.register(fastifyCookie, {
    secret: options.cookieSecret ?? randomBytes(32).toString("base64url"),
  });
  app.addHook("onRequest", securityHeaders);
  await app.register(fastifyRateLimit, { global: false });
  // Only the import routes read multipart bodies (as streams, to disk); limits are set per request.
  await app.register(fastifyMultipart);
  const clock = options.clock ?? systemClock;
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.addHook("onRequest", authenticationHook(options.store.db, clock));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Tandem API",
        version: options.version ?? "0.1.0",
        description:
          "Sign in with POST /api/v1/auth/sign-in (session cookie + x-csrf-token header on writes) or send an API token as `Authorization: Bearer tdm_…`. The alignment graph (business units, goals, capabilities, IT services, initiatives and their links) and the questions asked of it. Errors are application/problem+json (RFC 9457).",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const ctx: ApiContext = {
    store: options.store,
    clock,
    repositoriesFor: (request) => createRepositories(options.store.db, actorOf(request)),
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 20,
  };
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerOidcRoutes(app, ctx, options.oidc ? createOidcClient(options.oidc) : null);
  registerAccountRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerLinkRoutes(app, ctx);
  registerGraphRoutes(app, ctx);
  registerTicketRoutes(app, ctx);
  registerMetricsRoutes(app, ctx);
  registerKpiRoutes(app, ctx);
  registerFeedbackRoutes(app, ctx);
  registerPainPointRoutes(app, ctx);
  registerImportRoutes(app, ctx, { maxBytes: options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES });
  registerCostRoutes(app, ctx, { maxBytes: options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES });
  const mail = options.mail === undefined ? mailSenderFromEnv(process.env) : options.mail;
  if (mail) app.addHook("onClose", async () => mail.close());
  // No fold of survey answers is started after the server has closed (the answers wait in the store).
  app.addHook("onClose", async () => submissionQueueOf(options.store.db).stop());
  const publicUrl =
    options.publicUrl === undefined ? (process.env.TANDEM_PUBLIC_URL ?? null) : options.publicUrl;
  registerSurveyRoutes(app, ctx, {
    mail,
    publicUrl,
    answersPerMinute: options.surveyAnswersPerMinute ?? 120,
  });
  const reminderEveryMinutes = options.reminderEveryMinutes ?? 0;
  if (mail && publicUrl && reminderEveryMinutes > 0) {
    scheduleCampaignReminders(app, {
      store: options.store,
      mail,
      publicUrl,
      clock,
      everyMs: reminderEveryMinutes * 60_000,
    });
  }

  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  const hasWeb = webRoot !== null && existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
      // The build writes .br and .gz beside each asset (scripts/compress-web.mjs).
      preCompressed: true,
      // Hashed file names never change content: cache them for a year; the page itself is checked
      // on every load, so that a new release is picked up at once.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          "cache-control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every non-API path; API paths get a problem.
    // A missing asset is a 404, not the app's HTML: a stale page must fail visibly, not go blank.
    if (
      hasWeb &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      !request.url.startsWith("/assets/")
    ) {
      return reply.type("text/html").sendFile("index.html");
    }
    return sendProblem(reply, "not_found", `no route ${request.method} ${request.url.split("?")[0]}`, {
      instance: request.url,
    });
  });
  return app;
};
