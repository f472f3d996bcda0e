import { z } from "zod";
import { TandemError } from "../../domain/errors.js";
import { id, listQuery, page } from "../../domain/schemas/common.js";
import type { EntityRepository } from "../../store/entity-repository.js";
import type { Repositories } from "../../store/repositories/index.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

export interface EntityRouteOptions {
  /** URL segment under /api/v1, e.g. "services". */
  path: string;
  tag: string;
  label: string;
  entity: z.ZodObject;
  input: z.ZodType;
  patch: z.ZodType;
  filters: z.ZodObject;
  repository: (r: Repositories) => EntityRepository<{ id: string; version: number }, object, object>;
}

const params = z.object({ id });
const errors = { 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema };
const etagOf = (version: number) => `"${version}"`;

/** If-Match carries the version from the ETag; `*` or absent means "whatever is there". */
const expectedVersion = (ifMatch: string | undefined): number | undefined => {
  if (!ifMatch || ifMatch.trim() === "*") return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!match) {
    throw new TandemError("validation", "If-Match must be an ETag returned by this API", {
      issues: [{ path: "headers.if-match", message: 'expected an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
};

/** List, read, create, update, archive, restore, delete and referrers for one kind of graph entity. */
export const registerEntityRoutes = (app: TandemApp, ctx: ApiContext, o: EntityRouteOptions) => {
  const base = `/api/v1/${o.path}`;
  const tags = [o.tag];
  const repo = (request: Parameters<ApiContext["repositoriesFor"]>[0]) =>
    o.repository(ctx.repositoriesFor(request));

  app.get(base, {
    schema: {
      tags,
      summary: `List ${o.label}s`,
      querystring: listQuery.extend(o.filters.shape),
      response: { 200: page(o.entity), 422: problemSchema },
    },
    handler: async (request) => {
      const { limit, cursor, q, sort, includeArchived, ...filters } = request.query as z.infer<
        typeof listQuery
      > &
        Record<string, string | undefined>;
      return repo(request).list({ limit, cursor, q, sort, includeArchived, filters });
    },
  });

  app.get(`${base}/:id`, {
    schema: { tags, summary: `Read one ${o.label}`, params, response: { 200: o.entity, ...errors } },
    handler: async (request, reply) => {
      const item = await repo(request).get(request.params.id);
      reply.header("etag", etagOf(item.version));
      return item;
    },
  });

  app.post(base, {
    schema: { tags, summary: `Create a ${o.label}`, body: o.input, response: { 201: o.entity, ...errors } },
    handler: async (request, reply) => {
      const item = await repo(request).create(request.body as object);
      reply.code(201).header("etag", etagOf(item.version)).header("location", `${base}/${item.id}`);
      return item;
    },
  });

  app.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: `Update a ${o.label} (send If-Match with the ETag you read to avoid lost updates)`,
      params,
      body: o.patch,
      response: { 200: o.entity, ...errors },
    },
    handler: async (request, reply) => {
      const item = await repo(request).update(request.params.id, request.body as object, {
        expectedVersion: expectedVersion(request.headers["if-match"]),
      });
      reply.header("etag", etagOf(item.version));
      return item;
    },
  });

  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const) {
    app.post(`${base}/:id/${action}`, {
      schema: {
        tags,
        summary: `${action === "archive" ? "Archive" : "Restore"} a ${o.label}`,
        params,
        response: { 200: o.entity, ...errors },
      },
      handler: async (request, reply) => {
        const item = await repo(request).archive(request.params.id, archived, {
          expectedVersion: expectedVersion(request.headers["if-match"]),
        });
        reply.header("etag", etagOf(item.version));
        return item;
      },
    });
  }

  app.delete(`${base}/:id`, {
    schema: {
      tags,
      summary: `Delete a ${o.label} nothing refers to (otherwise 409 with the referrers; archive it instead)`,
      params,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await repo(request).remove(request.params.id, {
        expectedVersion: expectedVersion(request.headers["if-match"]),
      });
      return reply.code(204).send(null);
    },
  });

  app.get(`${base}/:id/referrers`, {
    schema: {
      tags,
      summary: `What refers to a ${o.label}`,
      params,
      response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }), ...errors },
    },
    handler: async (request) => {
      const r = repo(request);
      await r.get(request.params.id);
      return { items: await r.referrersOf(request.params.id) };
    },
  });
};
