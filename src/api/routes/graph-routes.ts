import { z } from "zod";
import { id } from "../../domain/schemas/common.js";
import { alignmentGaps, alignmentMap, outageImpact, traceDown, traceUp } from "../../domain/schemas/graph.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const params = z.object({ id });
const tags = ["Graph"];
const idErrors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };

/** The questions asked of the alignment graph; each answer is computed in the store for the caller's reach. */
export const registerGraphRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/api/v1/graph/map", {
    schema: {
      tags,
      summary: "The alignment map: units, goals, capabilities and services with the links between them",
      response: { 200: alignmentMap, 403: problemSchema },
    },
    handler: async (request) => ctx.repositoriesFor(request).graph.map(),
  });

  app.get("/api/v1/graph/gaps", {
    schema: {
      tags,
      summary:
        "Alignment gaps: services serving no goal, goals without a service, missing owners, SLAs and weights",
      description: "Covers every business unit, so business stakeholders are refused (403).",
      response: { 200: alignmentGaps, 403: problemSchema },
    },
    handler: async (request) => ctx.repositoriesFor(request).graph.gaps(),
  });

  app.get("/api/v1/graph/services/:id/trace-up", {
    schema: {
      tags,
      summary: "Trace a service up: the capabilities, goals and business units it serves",
      params,
      response: { 200: traceUp, ...idErrors },
    },
    handler: async (request) => ctx.repositoriesFor(request).graph.traceUp(request.params.id),
  });

  app.get("/api/v1/graph/services/:id/outage-impact", {
    schema: {
      tags,
      summary:
        "Outage impact of a service: dependent services, capabilities, goals, units, users and cost per hour",
      params,
      response: { 200: outageImpact, ...idErrors },
    },
    handler: async (request) => ctx.repositoriesFor(request).graph.outageImpact(request.params.id),
  });

  app.get("/api/v1/graph/goals/:id/trace-down", {
    schema: {
      tags,
      summary:
        "Trace a goal down: its sub-goals, the capabilities serving them and the services they stand on",
      params,
      response: { 200: traceDown, ...idErrors },
    },
    handler: async (request) => ctx.repositoriesFor(request).graph.traceDown(request.params.id),
  });
};
