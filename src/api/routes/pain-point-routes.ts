import { z } from "zod";
import { id } from "../../domain/schemas/common.js";
import {
  painPointCommentInput,
  painPointCommentSchema,
  painPointInput,
  painPointListQuery,
  painPointSchema,
  painPointTriage,
} from "../../domain/schemas/pain-point.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const tags = ["Pain points"];
const errors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };
const params = z.object({ id });

/** The pain-point register: the business posts, votes and comments; IT triages. */
export const registerPainPointRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/api/v1/pain-points", {
    schema: {
      tags,
      summary: "List pain points, newest first, with votes, quick-win flag, age and time to acknowledge",
      description: "A business stakeholder sees the pain points of their own units only.",
      querystring: painPointListQuery,
      response: { 200: z.object({ items: z.array(painPointSchema) }), ...errors },
    },
    handler: async (request) => {
      const { status, businessUnitId, quickWins } = request.query;
      const items = await ctx
        .repositoriesFor(request)
        .painPoints.list(
          { ...(status ? { status } : {}), ...(businessUnitId ? { businessUnitId } : {}) },
          ctx.clock.now(),
        );
      return { items: quickWins ? items.filter((item) => item.quickWin) : items };
    },
  });

  app.post("/api/v1/pain-points", {
    schema: {
      tags,
      summary: "Post a pain point (business stakeholders: for their own units)",
      body: painPointInput,
      response: { 201: painPointSchema, ...errors },
    },
    handler: async (request, reply) => {
      const created = await ctx.repositoriesFor(request).painPoints.create(request.body, ctx.clock.now());
      return reply.code(201).send(created);
    },
  });

  app.get("/api/v1/pain-points/:id", {
    schema: { tags, summary: "Read one pain point", params, response: { 200: painPointSchema, ...errors } },
    handler: async (request) =>
      ctx.repositoriesFor(request).painPoints.get(request.params.id, ctx.clock.now()),
  });

  app.post("/api/v1/pain-points/:id/triage", {
    schema: {
      tags,
      summary:
        "Triage: move along new → acknowledged → planned → in progress → done, or decline with a reason",
      params,
      body: painPointTriage,
      response: { 200: painPointSchema, 409: problemSchema, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).painPoints.triage(request.params.id, request.body, ctx.clock.now()),
  });

  app.post("/api/v1/pain-points/:id/vote", {
    schema: {
      tags,
      summary: "Vote for a pain point (one vote per person; again changes nothing)",
      params,
      response: { 200: painPointSchema, 400: problemSchema, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).painPoints.vote(request.params.id, ctx.clock.now()),
  });

  app.delete("/api/v1/pain-points/:id/vote", {
    schema: {
      tags,
      summary: "Take back one's vote",
      params,
      response: { 200: painPointSchema, 400: problemSchema, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).painPoints.unvote(request.params.id, ctx.clock.now()),
  });

  app.get("/api/v1/pain-points/:id/comments", {
    schema: {
      tags,
      summary: "Comments on a pain point, oldest first",
      params,
      response: { 200: z.object({ items: z.array(painPointCommentSchema) }), ...errors },
    },
    handler: async (request) => ({
      items: await ctx.repositoriesFor(request).painPoints.comments(request.params.id, ctx.clock.now()),
    }),
  });

  app.post("/api/v1/pain-points/:id/comments", {
    schema: {
      tags,
      summary: "Comment on a pain point (stored and shown as text)",
      params,
      body: painPointCommentInput,
      response: { 201: painPointCommentSchema, ...errors },
    },
    handler: async (request, reply) => {
      const comment = await ctx
        .repositoriesFor(request)
        .painPoints.comment(request.params.id, request.body.body, ctx.clock.now());
      return reply.code(201).send(comment);
    },
  });
};
