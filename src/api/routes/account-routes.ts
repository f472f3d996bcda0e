import { z } from "zod";
import { hashPassword } from "../../domain/credentials.js";
import { id } from "../../domain/schemas/common.js";
import {
  apiToken,
  apiTokenInput,
  auditEvent,
  user,
  userInput,
  userPatch,
} from "../../domain/schemas/user.js";
import { createUser } from "../../use-cases/create-user.js";
import type { ApiContext, TandemApp } from "../context.js";
import { sendCsv } from "../csv-reply.js";
import { problemSchema } from "../problem.js";

const errors = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};
const params = z.object({ id });

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.coerce.number().int().positive().optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorUserId: id.optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** Users (admins), the caller's API tokens, and the audit log (admins). */
export const registerAccountRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/api/v1/users", {
    schema: {
      tags: ["Users"],
      summary: "List users (admins)",
      response: { 200: z.object({ items: z.array(user) }), ...errors },
    },
    handler: async (request) => ({ items: await ctx.repositoriesFor(request).users.list() }),
  });
  app.get("/api/v1/users/:id", {
    schema: { tags: ["Users"], summary: "Read a user (admins)", params, response: { 200: user, ...errors } },
    handler: async (request) => ctx.repositoriesFor(request).users.get(request.params.id),
  });
  app.post("/api/v1/users", {
    schema: {
      tags: ["Users"],
      summary: "Create a user (admins)",
      body: userInput,
      response: { 201: user, ...errors },
    },
    handler: async (request, reply) => {
      const { user: created } = await createUser({
        repos: ctx.repositoriesFor(request),
        input: request.body,
      });
      return reply.code(201).send(created);
    },
  });
  app.patch("/api/v1/users/:id", {
    schema: {
      tags: ["Users"],
      summary: "Change a user's name, role, units, password or disable it (admins)",
      params,
      body: userPatch,
      response: { 200: user, ...errors },
    },
    handler: async (request) => {
      const { password, ...change } = request.body;
      return ctx.repositoriesFor(request).users.update(request.params.id, {
        ...change,
        ...(password ? { passwordHash: await hashPassword(password) } : {}),
      });
    },
  });

  app.get("/api/v1/me/tokens", {
    schema: {
      tags: ["API tokens"],
      summary: "My API tokens",
      response: { 200: z.object({ items: z.array(apiToken) }), ...errors },
    },
    handler: async (request) => ({ items: await ctx.repositoriesFor(request).tokens.list() }),
  });
  app.post("/api/v1/me/tokens", {
    schema: {
      tags: ["API tokens"],
      summary: "Create an API token; the token is in this response only",
      body: apiTokenInput,
      response: { 201: z.object({ token: z.string(), record: apiToken }), ...errors },
    },
    handler: async (request, reply) => {
      const created = await ctx.repositoriesFor(request).tokens.create(request.body.name, request.body.scope);
      return reply.code(201).send(created);
    },
  });
  app.post("/api/v1/me/tokens/:id/revoke", {
    schema: {
      tags: ["API tokens"],
      summary: "Revoke one of my API tokens",
      params,
      response: { 200: apiToken, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).tokens.revoke(request.params.id, ctx.clock.now()),
  });

  app.get("/api/v1/audit", {
    schema: {
      tags: ["Audit log"],
      summary: "Who changed what and when, newest first (admins)",
      querystring: auditQuery,
      response: {
        200: z.object({ items: z.array(auditEvent), nextCursor: z.string().nullable() }),
        ...errors,
      },
    },
    handler: async (request) => {
      const { cursor, ...q } = request.query;
      return ctx
        .repositoriesFor(request)
        .auditLog()
        .list({ ...q, ...(cursor ? { beforeId: cursor } : {}) });
    },
  });
  app.get("/api/v1/audit.csv", {
    schema: {
      tags: ["Audit log"],
      summary: "The audit log as CSV (admins), same filters, up to 100,000 events",
      querystring: auditQuery.omit({ limit: true, cursor: true }),
    },
    handler: async (request, reply) => {
      const { items } = await ctx
        .repositoriesFor(request)
        .auditLog()
        .list({ ...request.query, limit: 100_000 });
      const columns = [
        "id",
        "at",
        "actorUserId",
        "actorLabel",
        "action",
        "entityType",
        "entityId",
        "before",
        "after",
        "detail",
      ] as const;
      return sendCsv(reply, "tandem-audit.csv", columns, items);
    },
  });
};
