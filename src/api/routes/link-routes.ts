import { z } from "zod";
import { id } from "../../domain/schemas/common.js";
import {
  capabilityServesGoal,
  initiativeContributesToGoal,
  type LinkKind,
  serviceDependsOnService,
  serviceSupportsCapability,
  unitConsumesService,
} from "../../domain/schemas/links.js";
import { linkSpecs } from "../../store/repositories/link-repository.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const linkSchemas: Record<LinkKind, z.ZodObject> = {
  "service-capability": serviceSupportsCapability,
  "capability-goal": capabilityServesGoal,
  "unit-service": unitConsumesService,
  "initiative-goal": initiativeContributesToGoal,
  "service-dependency": serviceDependsOnService,
};

/** Links of the graph: list (filtered by either end), put (create or change the number), delete. */
export const registerLinkRoutes = (app: TandemApp, ctx: ApiContext) => {
  for (const [kind, schema] of Object.entries(linkSchemas) as [LinkKind, z.ZodObject][]) {
    const spec = linkSpecs[kind];
    const [a, b] = spec.ends;
    const url = `/api/v1/links/${kind}`;
    const tags = ["Links"];
    const endsQuery = z.object({ [a.field]: id.optional(), [b.field]: id.optional() });
    app.get(url, {
      schema: {
        tags,
        summary: `List "${spec.label}" links`,
        querystring: endsQuery,
        response: { 200: z.object({ items: z.array(schema) }), 422: problemSchema },
      },
      handler: async (request) => ({
        items: await ctx
          .repositoriesFor(request)
          .links.list(kind, request.query as Record<string, string | undefined>),
      }),
    });
    app.put(url, {
      schema: {
        tags,
        summary: `Create or update a "${spec.label}" link`,
        body: schema,
        response: { 200: schema, 409: problemSchema, 422: problemSchema },
      },
      handler: async (request) =>
        ctx.repositoriesFor(request).links.put(kind, request.body as Record<string, string | number>),
    });
    app.delete(url, {
      schema: {
        tags,
        summary: `Delete a "${spec.label}" link`,
        querystring: z.object({ [a.field]: id, [b.field]: id }),
        response: { 204: z.null(), 404: problemSchema, 422: problemSchema },
      },
      handler: async (request, reply) => {
        await ctx.repositoriesFor(request).links.remove(kind, request.query as Record<string, string>);
        return reply.code(204).send(null);
      },
    });
  }
};
