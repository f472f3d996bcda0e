import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { type FieldIssue, httpStatusOf, isTandemError, type TandemErrorCode } from "../domain/errors.js";

/** RFC 9457 problem details, with Tandem's stable code, the invalid fields and the items involved. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  items: z.array(z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<TandemErrorCode, string> = {
  validation: "Invalid input",
  bad_request: "Malformed request",
  not_found: "Not found",
  conflict: "Conflict",
  duplicate: "Duplicate",
  cycle: "Would create a cycle",
  referenced: "Still referenced",
  unknown_reference: "Unknown reference",
  precondition_failed: "Changed by someone else",
  store_too_new: "Store is newer than this Tandem",
  unauthenticated: "Sign-in required",
  forbidden: "Forbidden",
  rate_limited: "Too many requests",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  internal: "Internal error",
};

export const problemType = (code: string) => `https://tandem.dev/problems/${code.replaceAll("_", "-")}`;

export const sendProblem = (
  reply: FastifyReply,
  code: TandemErrorCode,
  detail: string,
  extra: { issues?: FieldIssue[]; items?: unknown[]; instance?: string } = {},
) => {
  const status = httpStatusOf[code];
  const body: Problem = {
    type: problemType(code),
    title: titles[code],
    status,
    detail,
    code,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.issues && extra.issues.length > 0 ? { issues: extra.issues } : {}),
    ...(extra.items && extra.items.length > 0 ? { items: extra.items } : {}),
  };
  return reply.code(status).type("application/problem+json").send(body);
};

const pathOf = (parts: readonly PropertyKey[]) => parts.map(String).join(".") || "(root)";

/** Maps every error to problem+json; nothing a client sends can produce a 500 with a stack trace. */
export const problemErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const instance = request.url;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const issues = error.validation.map((v) => ({
      path:
        [where === "body" ? null : where, v.instancePath.replace(/^\//, "").replaceAll("/", ".")]
          .filter(Boolean)
          .join(".") || where,
      message: v.message ?? "invalid",
    }));
    return sendProblem(reply, "validation", `${issues.length} invalid field(s) in the request ${where}`, {
      issues,
      instance,
    });
  }
  if (isTandemError(error)) {
    return sendProblem(reply, error.code, error.message, {
      issues: error.issues,
      items: error.items,
      instance,
    });
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
    return sendProblem(reply, "validation", `${issues.length} invalid field(s)`, { issues, instance });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, "response did not match its schema");
    return sendProblem(reply, "internal", "The server produced an invalid response; it has been logged.", {
      instance,
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return sendProblem(reply, "payload_too_large", error.message, { instance });
  if (status === 415) return sendProblem(reply, "unsupported_media_type", error.message, { instance });
  if (status === 429) return sendProblem(reply, "rate_limited", error.message, { instance });
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON content type, bad headers.
    return sendProblem(reply, "bad_request", error.message, { instance });
  }
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === "string" && /^23\d{3}$/.test(sqlState)) {
    // A constraint caught what the checks before the write did not (e.g. a concurrent writer).
    const constraint = (error as { constraint?: string }).constraint;
    request.log.warn({ err: error }, "integrity constraint refused a write");
    return sendProblem(
      reply,
      "conflict",
      `the change conflicts with stored data${constraint ? ` (${constraint})` : ""}`,
      { instance },
    );
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, "internal", "Something went wrong on our side; it has been logged.", {
    instance,
  });
};
