import { z } from "zod";
import { kpiLibrary } from "../../domain/kpis/kpi-library.js";
import { parsePeriod, periodHolding } from "../../domain/kpis/period.js";
import { shippedBenchmarkSet } from "../../domain/kpis/shipped-benchmarks.js";
import { alignmentScoreReport, goalHealthReport, healthRule } from "../../domain/schemas/alignment-score.js";
import { benchmarkSet, benchmarkSetInput } from "../../domain/schemas/benchmark.js";
import { id, isoDate } from "../../domain/schemas/common.js";
import {
  kpi,
  kpiFormula,
  kpiInput,
  kpiLayer,
  kpiPatch,
  kpiReading,
  kpiSnapshot,
  kpiTarget,
  kpiTargetInput,
  periodLabel,
} from "../../domain/schemas/kpi.js";
import { measurement, measurementImportResult, measurementInput } from "../../domain/schemas/measurement.js";
import { addKpiFromTemplate } from "../../use-cases/add-kpi-from-template.js";
import { computeAlignmentScore } from "../../use-cases/compute-alignment-score.js";
import { computeGoalHealth } from "../../use-cases/compute-goal-health.js";
import { correlateKpiSeries } from "../../use-cases/correlate-kpi-series.js";
import { evaluateKpis } from "../../use-cases/evaluate-kpis.js";
import { importMeasurements } from "../../use-cases/import-measurements.js";
import { defaultKpiSources } from "../../use-cases/kpi-source-registry.js";
import { recomputeKpis } from "../../use-cases/recompute-kpis.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";
import { registerEntityRoutes } from "./entity-routes.js";

const tags = ["KPIs"];
const errors = { 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const params = z.object({ id });
const idOrNull = z.union([id, z.literal("null")]).optional();

const kpiTemplateSchema = z.object({
  key: z.string(),
  name: z.string(),
  layer: kpiLayer,
  unit: z.string(),
  direction: z.string(),
  frequency: z.string(),
  definition: z.string(),
  source: kpiFormula,
  origin: z.string(),
});

/** KPIs, their targets, measurements and history; goal health; the alignment score; benchmarks. */
export const registerKpiRoutes = (app: TandemApp, ctx: ApiContext) => {
  const today = () => ctx.clock.now().toISOString().slice(0, 10);
  /** The current quarter, when a request names no period. */
  const periodOr = (label: string | undefined) => label ?? periodHolding(today(), "quarterly").label;
  const sourcesFor = (request: Parameters<ApiContext["repositoriesFor"]>[0]) =>
    defaultKpiSources(ctx.repositoriesFor(request), ctx.clock);

  app.get("/api/v1/kpis/library", {
    schema: {
      tags,
      summary: "The KPI library: ready templates with definitions",
      response: { 200: z.array(kpiTemplateSchema) },
    },
    handler: async () => [...kpiLibrary],
  });

  app.post("/api/v1/kpis/from-template", {
    schema: {
      tags,
      summary: "Add a library KPI to a goal in one step",
      body: z.object({
        templateKey: z.string().min(1).max(80),
        goalId: id,
        serviceId: id.nullable().optional(),
        name: z.string().trim().min(1).max(200).optional(),
      }),
      response: { 201: kpi, ...errors },
    },
    handler: async (request, reply) => {
      const { templateKey, goalId, serviceId, name } = request.body;
      const created = await addKpiFromTemplate({
        repositories: ctx.repositoriesFor(request),
        templateKey,
        goalId,
        ...(serviceId !== undefined ? { serviceId } : {}),
        ...(name ? { name } : {}),
      });
      return reply.code(201).send(created);
    },
  });

  app.get("/api/v1/kpis/readings", {
    schema: {
      tags,
      summary: "Every KPI's value, target and status for a period (default: this quarter)",
      description: "With kpiId, only that KPI (a KPI page reads its own value without evaluating them all).",
      querystring: z.object({ period: periodLabel.optional(), kpiId: id.optional() }),
      response: { 200: z.object({ period: z.string(), items: z.array(kpiReading) }), 422: problemSchema },
    },
    handler: async (request) => {
      const { readings, period } = await evaluateKpis({
        repositories: ctx.repositoriesFor(request),
        sources: sourcesFor(request),
        period: periodOr(request.query.period),
        today: today(),
        ...(request.query.kpiId ? { kpiIds: [request.query.kpiId] } : {}),
      });
      return { period: period.label, items: readings };
    },
  });

  app.post("/api/v1/kpis/recompute", {
    schema: {
      tags,
      summary: "Recompute every KPI for a period and keep its snapshot history",
      description:
        "The first computation of a period is kept; a later one that differs is stored beside it as recomputed.",
      body: z.object({ period: periodLabel }),
      response: {
        200: z.object({
          period: z.string(),
          kpis: z.number(),
          created: z.number(),
          changed: z.number(),
          effortPct: z.number().nullable(),
          moneyPct: z.number().nullable(),
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const { readings: _readings, ...result } = await recomputeKpis({
        repositories: ctx.repositoriesFor(request),
        sources: sourcesFor(request),
        period: request.body.period,
        now: ctx.clock.now().toISOString(),
      });
      return result;
    },
  });

  app.post("/api/v1/kpis/measurements/import", {
    schema: {
      tags,
      summary: "Import business measurements from CSV text (kpi,date,value), all or nothing",
      description:
        "Problems are named by line and column; gaps and duplicates within a KPI's series are refused.",
      body: z.object({ csv: z.string().min(1).max(4_000_000), dryRun: z.boolean().default(false) }),
      response: { 200: measurementImportResult, ...errors },
    },
    handler: async (request) =>
      importMeasurements({
        repositories: ctx.repositoriesFor(request),
        text: request.body.csv,
        dryRun: request.body.dryRun,
      }),
  });

  app.get("/api/v1/kpis/correlation", {
    schema: {
      tags,
      summary: "Two KPIs week by week with their correlation at lags of 0-8 weeks",
      querystring: z.object({ itKpiId: id, businessKpiId: id, from: isoDate, to: isoDate }),
      response: {
        200: z.object({
          it: z.object({
            kpiId: z.string(),
            name: z.string(),
            unit: z.string(),
            points: z.array(z.object({ week: z.string(), value: z.number() })),
          }),
          business: z.object({
            kpiId: z.string(),
            name: z.string(),
            unit: z.string(),
            points: z.array(z.object({ week: z.string(), value: z.number() })),
          }),
          lags: z.array(z.object({ lagWeeks: z.number(), r: z.number().nullable(), pairs: z.number() })),
          best: z.object({ lagWeeks: z.number(), r: z.number().nullable(), pairs: z.number() }).nullable(),
          caveat: z.string(),
        }),
        ...errors,
      },
    },
    handler: async (request) =>
      correlateKpiSeries({
        repositories: ctx.repositoriesFor(request),
        sources: sourcesFor(request),
        ...request.query,
        today: today(),
      }),
  });

  registerEntityRoutes(app, ctx, {
    path: "kpis",
    tag: "KPIs",
    label: "KPI",
    entity: kpi,
    input: kpiInput,
    patch: kpiPatch,
    filters: z.object({
      goalId: idOrNull,
      serviceId: idOrNull,
      businessUnitId: idOrNull,
      layer: kpiLayer.optional(),
    }),
    repository: (r) => r.kpis,
  });

  app.get("/api/v1/kpis/:id/targets", {
    schema: {
      tags,
      summary: "A KPI's targets by period",
      params,
      response: { 200: z.array(kpiTarget), ...errors },
    },
    handler: async (request) => {
      const data = ctx.repositoriesFor(request).kpiData;
      await data.kpi(request.params.id);
      return data.targets([request.params.id]);
    },
  });

  app.put("/api/v1/kpis/:id/targets", {
    schema: {
      tags,
      summary: "Set a KPI's target for a period: baseline, target and optional steps",
      description: "A target equal to its baseline, or against the KPI's direction, is refused.",
      params,
      body: kpiTargetInput,
      response: { 200: kpiTarget, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).kpiData.setTarget(request.params.id, request.body),
  });

  app.get("/api/v1/kpis/:id/measurements", {
    schema: {
      tags,
      summary: "A KPI's business measurements, oldest first",
      params,
      querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
      response: { 200: z.array(measurement), ...errors },
    },
    handler: async (request) =>
      ctx
        .repositoriesFor(request)
        .kpiData.measurements(request.params.id, request.query.from, request.query.to),
  });

  app.post("/api/v1/kpis/:id/measurements", {
    schema: {
      tags,
      summary: "Record one business measurement by hand (who and when are kept)",
      params,
      body: measurementInput,
      response: { 201: measurement, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await ctx.repositoriesFor(request).kpiData.recordMeasurement(request.params.id, request.body)),
  });

  app.get("/api/v1/kpis/:id/history", {
    schema: {
      tags,
      summary: "A KPI's snapshot per period: what was known then, and the recomputed value when it differs",
      params,
      response: { 200: z.array(kpiSnapshot), ...errors },
    },
    handler: async (request) => {
      const data = ctx.repositoriesFor(request).kpiData;
      await data.kpi(request.params.id);
      return data.snapshots({ kpiId: request.params.id });
    },
  });

  app.get("/api/v1/goal-health", {
    schema: {
      tags,
      summary: "Every goal's health for a period, rolled up from its KPIs and child goals",
      querystring: z.object({ period: periodLabel.optional(), rule: healthRule.optional() }),
      response: { 200: goalHealthReport, 422: problemSchema },
    },
    handler: async (request) =>
      computeGoalHealth({
        repositories: ctx.repositoriesFor(request),
        sources: sourcesFor(request),
        period: periodOr(request.query.period),
        today: today(),
        ...(request.query.rule ? { rule: request.query.rule } : {}),
      }),
  });

  app.get("/api/v1/alignment-score", {
    schema: {
      tags,
      summary: "The alignment score (0-100) with its explanation tree and why it moved",
      description:
        "Reads the KPI snapshots of the period (POST /api/v1/kpis/recompute writes them). A business stakeholder gets the score of their own goals.",
      querystring: z.object({
        period: periodLabel.optional(),
        compareTo: periodLabel.optional(),
        rule: healthRule.optional(),
        asKnown: z.enum(["true", "false"]).optional(),
      }),
      response: { 200: alignmentScoreReport, 422: problemSchema },
    },
    handler: async (request) => {
      const period = periodOr(request.query.period);
      parsePeriod(period);
      return computeAlignmentScore({
        repositories: ctx.repositoriesFor(request),
        period,
        ...(request.query.compareTo ? { compareTo: request.query.compareTo } : {}),
        ...(request.query.rule ? { rule: request.query.rule } : {}),
        asKnown: request.query.asKnown === "true",
        sources: sourcesFor(request),
        today: today(),
      });
    },
  });

  app.get("/api/v1/benchmarks", {
    schema: {
      tags,
      summary: "External benchmark sets, the shipped reference set first",
      response: { 200: z.array(benchmarkSet) },
    },
    handler: async (request) => [
      shippedBenchmarkSet,
      ...(await ctx.repositoriesFor(request).kpiData.benchmarkSets()),
    ],
  });

  app.post("/api/v1/benchmarks", {
    schema: {
      tags,
      summary: "Add a benchmark set (name, source, value, year per figure)",
      body: benchmarkSetInput,
      response: { 201: benchmarkSet, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await ctx.repositoriesFor(request).kpiData.createBenchmarkSet(request.body)),
  });
};
