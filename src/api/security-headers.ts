import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import helmet from "helmet";

const applyHelmet = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // ECharts and React set inline styles; no inline scripts are allowed.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  // Plain-HTTP deployments on a LAN are common; HSTS belongs to the TLS-terminating proxy.
  strictTransportSecurity: false,
});

/**
 * Helmet's headers, taken once from helmet itself: with no nonce or per-request directive they are
 * the same for every response. Running helmet's dozen middlewares on each request cost several
 * microseconds of the ~250 that accepting a survey answer takes. (@fastify/helmet, before, rebuilt
 * the middleware on every request: about 50 µs.)
 */
const helmetHeaders = (): Record<string, string> => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  applyHelmet({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure) throw failure;
  if (!headers["content-security-policy"]) throw new Error("helmet set no Content-Security-Policy");
  return headers;
};

const SECURITY_HEADERS = helmetHeaders();

/**
 * An onRequest hook: the security headers, and the request's id (so that a user's report can be
 * matched to the server's log), on every response, problems included.
 */
export const securityHeaders = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void => {
  reply.headers(SECURITY_HEADERS);
  reply.header("x-request-id", request.id);
  done();
};
