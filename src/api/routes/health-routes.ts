import { z } from "zod";
import { isStoreReachable } from "../../store/store-health.js";
import type { ApiContext, TandemApp } from "../context.js";

export const registerHealthRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/healthz", {
    schema: {
      tags: ["Health"],
      summary: "Liveness and store reachability",
      response: {
        200: z.object({ status: z.literal("ok"), store: z.string() }),
        503: z.object({ status: z.literal("unavailable"), store: z.string() }),
      },
    },
    handler: async (_request, reply) => {
      if (await isStoreReachable(ctx.store.db))
        return { status: "ok" as const, store: ctx.store.location.kind };
      return reply.code(503).send({ status: "unavailable" as const, store: ctx.store.location.kind });
    },
  });
};
