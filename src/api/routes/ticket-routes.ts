import { z } from "zod";
import { id, page } from "../../domain/schemas/common.js";
import { storedTicketSchema, ticketListQuery } from "../../domain/schemas/ticket.js";
import { mapValueInput, mapValueResult, unmatchedValues } from "../../domain/schemas/ticket-mapping.js";
import { mapTicketValue } from "../../use-cases/map-ticket-value.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const tags = ["Tickets"];

/** Imported tickets, read within the caller's reach, and the values still to be matched by hand. */
export const registerTicketRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/api/v1/tickets", {
    schema: {
      tags,
      summary: "List tickets, newest opened first",
      description:
        "A business stakeholder sees the tickets of their units and of the services their units consume.",
      querystring: ticketListQuery,
      response: { 200: page(storedTicketSchema), 403: problemSchema, 422: problemSchema },
    },
    handler: async (request) => {
      const { cursor, serviceId, state, type, openedFrom, openedTo, limit } = request.query;
      return ctx.repositoriesFor(request).tickets.list({
        limit,
        ...(cursor ? { cursor } : {}),
        ...(serviceId ? { serviceId } : {}),
        ...(state ? { state } : {}),
        ...(type ? { type } : {}),
        ...(openedFrom ? { openedFrom } : {}),
        ...(openedTo ? { openedTo } : {}),
      });
    },
  });

  app.get("/api/v1/tickets/unmatched", {
    schema: {
      tags,
      summary: "Ticket values that match no service or business unit, most tickets first",
      description: "Spans every business unit, so business stakeholders are refused (403).",
      response: { 200: unmatchedValues, 403: problemSchema },
    },
    handler: async (request) => {
      const matching = ctx.repositoriesFor(request).ticketMatching;
      const [services, businessUnits] = await Promise.all([
        matching.unmatchedServices(),
        matching.unmatchedUnits(),
      ]);
      return { services, businessUnits };
    },
  });

  app.post("/api/v1/tickets/unmatched/map", {
    schema: {
      tags,
      summary: "Map a ticket value to a service or business unit and re-match the stored tickets",
      body: mapValueInput,
      response: { 200: mapValueResult, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
    handler: async (request) => {
      const { actor } = ctx.repositoriesFor(request);
      const { field, value, serviceId, businessUnitId } = request.body;
      const mapped = await mapTicketValue({
        db: ctx.store.db,
        actor,
        field,
        value,
        ...(serviceId ? { serviceId } : {}),
        ...(businessUnitId ? { businessUnitId } : {}),
      });
      return {
        kind: mapped.kind,
        targetId: mapped.targetId,
        targetName: mapped.targetName,
        rematched: mapped.ticketsChanged,
      };
    },
  });

  app.get("/api/v1/tickets/:id", {
    schema: {
      tags,
      summary: "Read one ticket",
      params: z.object({ id }),
      response: { 200: storedTicketSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
    handler: async (request) => ctx.repositoriesFor(request).tickets.get(request.params.id),
  });
};
