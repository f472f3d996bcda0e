import { z } from "zod";
import { metricsOf } from "../../domain/metrics/metric-values.js";
import { id } from "../../domain/schemas/common.js";
import {
  compareQuery,
  comparison,
  impactList,
  metricName,
  metricSeries,
  metricsQuery,
  rebuildResult,
  scorecardAnswer,
  seriesQuery,
  serviceScorecards,
  unitServices,
} from "../../domain/schemas/scorecard.js";
import { compareScorecards, scorecardWithChange } from "../../use-cases/compare-scorecards.js";
import { computeMetricSeries } from "../../use-cases/compute-metric-series.js";
import { listBusinessImpact } from "../../use-cases/list-business-impact.js";
import { listServiceScorecards } from "../../use-cases/list-service-scorecards.js";
import { listUnitServices } from "../../use-cases/list-unit-services.js";
import type { ApiContext, TandemApp } from "../context.js";
import { sendCsv } from "../csv-reply.js";
import { problemSchema } from "../problem.js";

const tags = ["Service performance"];
const errors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };
const period = metricsQuery.pick({ from: true, to: true });
const impactQuery = metricsQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/**
 * Service performance in business terms, read from the rollups and scoped to the caller: a business
 * stakeholder's figures cover their units' tickets and the services their units consume.
 */
export const registerMetricsRoutes = (app: TandemApp, ctx: ApiContext) => {
  const base = (request: Parameters<ApiContext["repositoriesFor"]>[0]) => ({
    repositories: ctx.repositoriesFor(request),
    clock: ctx.clock,
  });

  app.get("/api/v1/metrics/scorecard", {
    schema: {
      tags,
      summary:
        "Scorecard of a slice of tickets (whole organisation, a service, a unit...) with the previous period",
      description:
        "Every figure is null when no record qualifies. `to` is exclusive. Slices by assignment group or channel need whole months.",
      querystring: metricsQuery,
      response: { 200: scorecardAnswer, ...errors },
    },
    handler: async (request) => scorecardWithChange({ ...base(request), ...request.query }),
  });

  app.get("/api/v1/metrics/scorecard.csv", {
    schema: {
      tags,
      summary: "The scorecard as CSV: one row per metric with this and the previous period",
      querystring: metricsQuery,
    },
    handler: async (request, reply) => {
      const { scorecard, previous, change } = await scorecardWithChange({
        ...base(request),
        ...request.query,
      });
      const now = metricsOf(scorecard);
      const before = metricsOf(previous);
      const rows = Object.keys(now).map((metric) => ({
        metric,
        value: now[metric as keyof typeof now],
        previous: before[metric as keyof typeof before],
        change: change[metric] ?? null,
      }));
      return sendCsv(reply, "tandem-scorecard.csv", ["metric", "value", "previous", "change"], rows);
    },
  });

  app.get("/api/v1/metrics/compare", {
    schema: {
      tags,
      summary: "Two periods, or two services or business units, side by side with B − A per metric",
      querystring: compareQuery,
      response: { 200: comparison, ...errors },
    },
    handler: async (request) => compareScorecards({ ...base(request), ...request.query }),
  });

  app.get("/api/v1/metrics/series", {
    schema: {
      tags,
      summary:
        "One metric over time by day, week, month, quarter or year, optionally broken down, with trends",
      querystring: seriesQuery,
      response: { 200: metricSeries, ...errors },
    },
    handler: async (request) => computeMetricSeries({ ...base(request), ...request.query }),
  });

  app.get("/api/v1/metrics/series.csv", {
    schema: {
      tags,
      summary: "A metric series as CSV: one row per series and period",
      querystring: seriesQuery,
    },
    handler: async (request, reply) => {
      const result = await computeMetricSeries({ ...base(request), ...request.query });
      const rows = result.series.flatMap((s) =>
        s.points.map((p) => ({ series: s.name, key: s.key, from: p.from, to: p.to, value: p.value })),
      );
      return sendCsv(reply, `tandem-${result.metric}.csv`, ["series", "key", "from", "to", "value"], rows);
    },
  });

  app.get("/api/v1/metrics/impact", {
    schema: {
      tags,
      summary:
        "The most business-impacting outages of a period, ranked by cost, with where priority disagrees",
      querystring: impactQuery,
      response: { 200: impactList, ...errors },
    },
    handler: async (request) => listBusinessImpact({ ...base(request), ...request.query }),
  });

  app.get("/api/v1/metrics/impact.csv", {
    schema: { tags, summary: "The impact list as CSV", querystring: impactQuery },
    handler: async (request, reply) => {
      const { items } = await listBusinessImpact({ ...base(request), ...request.query });
      return sendCsv(
        reply,
        "tandem-impact.csv",
        [
          "costRank",
          "number",
          "title",
          "serviceName",
          "priority",
          "startedAt",
          "endedAt",
          "hours",
          "costCents",
          "usersAffected",
          "lostHours",
          "disagreement",
        ],
        items,
      );
    },
  });

  app.get("/api/v1/metrics/services", {
    schema: {
      tags,
      summary: "The scorecard of every live service you may see, in one answer (whole months)",
      querystring: period,
      response: { 200: serviceScorecards, ...errors },
    },
    handler: async (request) => listServiceScorecards({ ...base(request), ...request.query }),
  });

  app.get("/api/v1/metrics/business-units/:id/services", {
    schema: {
      tags,
      summary: "The services a business unit uses and how they did",
      params: z.object({ id }),
      querystring: period,
      response: { 200: unitServices, ...errors },
    },
    handler: async (request) =>
      listUnitServices({ ...base(request), businessUnitId: request.params.id, ...request.query }),
  });

  app.get("/api/v1/metrics/business-units/:id/services.csv", {
    schema: {
      tags,
      summary: "The services a business unit uses, as CSV",
      params: z.object({ id }),
      querystring: period,
    },
    handler: async (request, reply) => {
      const { services } = await listUnitServices({
        ...base(request),
        businessUnitId: request.params.id,
        ...request.query,
      });
      const rows = services.map((s) => ({
        service: s.serviceName,
        sharePct: s.sharePct,
        ...metricsOf(s.scorecard),
      }));
      const columns = ["service", "sharePct", ...metricName.options] as const;
      return sendCsv(reply, "tandem-unit-services.csv", columns, rows);
    },
  });

  app.post("/api/v1/metrics/rebuild", {
    schema: {
      tags,
      summary: "Recompute every rollup from the raw tickets (after service hours or SLA targets changed)",
      response: { 200: rebuildResult, 403: problemSchema },
    },
    handler: async (request) => ctx.repositoriesFor(request).metrics.rebuild(),
  });
};
