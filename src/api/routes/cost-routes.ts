import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { billOfItCsv } from "../../domain/costs/bill-of-it.js";
import { TandemError } from "../../domain/errors.js";
import { id } from "../../domain/schemas/common.js";
import {
  allocationSummary,
  billOfIt,
  budgetVersusActual,
  costExplanation,
  costFlowDiagram,
  costModelInput,
  costModelRecord,
  costPeriod,
  ledgerImportReport,
  spendByGoal,
} from "../../domain/schemas/cost-model.js";
import { requirePermission } from "../../store/access.js";
import { allocatePeriodCosts } from "../../use-cases/allocate-period-costs.js";
import { explainUnitCost } from "../../use-cases/explain-unit-cost.js";
import { getBillOfIt } from "../../use-cases/get-bill-of-it.js";
import { getCostBudget } from "../../use-cases/get-cost-budget.js";
import { getCostFlows } from "../../use-cases/get-cost-flows.js";
import { getGoalCosts } from "../../use-cases/get-goal-costs.js";
import { importLedgerFile } from "../../use-cases/import-ledger-file.js";
import { renderBillPdf } from "../../use-cases/render-bill-pdf.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const tags = ["Costs"];
const errors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };
const periodQuery = z.object({ period: costPeriod.optional() });

/** "USD=0.92,GBP=1.17": rates into the workspace currency. */
const ratesField = z
  .string()
  .max(1000)
  .optional()
  .transform((text, ctx) => {
    const rates: Record<string, number> = {};
    for (const pair of (text ?? "").split(",").filter((p) => p.trim() !== "")) {
      const m = /^\s*([A-Z]{3})\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(pair);
      if (!m || Number(m[2]) <= 0) {
        ctx.addIssue({ code: "custom", message: `"${pair}" is not a rate such as USD=0.92` });
        return z.NEVER;
      }
      rates[m[1] as string] = Number(m[2]);
    }
    return rates;
  });
const ledgerFields = z.object({
  rates: ratesField,
  dryRun: z
    .enum(["true", "false"], { error: "expected true or false" })
    .optional()
    .transform((v) => v === "true"),
});

/** The month asked for, else the newest allocated month, else the current month. */
const periodOr = async (ctx: ApiContext, request: FastifyRequest, period: string | undefined) => {
  if (period) return period;
  const periods = await ctx.repositoriesFor(request).costs.allocatedPeriods();
  return periods.at(-1) ?? ctx.clock.now().toISOString().slice(0, 7);
};

/** The bill of IT a request asks for (JSON, CSV and PDF alike): its unit, for its month. */
const billFor = async (ctx: ApiContext, request: FastifyRequest, businessUnitId: string, period?: string) =>
  getBillOfIt({
    repositories: ctx.repositoriesFor(request),
    businessUnitId,
    period: await periodOr(ctx, request, period),
  });

/** A ledger CSV upload, streamed to a temporary file that is removed whatever happens. */
const withLedgerUpload = async <T>(
  request: FastifyRequest,
  maxBytes: number,
  use: (file: string, name: string, fields: z.infer<typeof ledgerFields>) => Promise<T>,
): Promise<T> => {
  if (!request.isMultipart())
    throw new TandemError("unsupported_media_type", "send the ledger as multipart/form-data");
  const folder = await mkdtemp(join(tmpdir(), "tandem-ledger-"));
  try {
    const raw: Record<string, string> = {};
    let name: string | undefined;
    const path = join(folder, "ledger.csv");
    try {
      for await (const part of request.parts({
        limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1000 },
      })) {
        if (part.type === "field") {
          if (typeof part.value === "string") raw[part.fieldname] = part.value;
        } else if (part.fieldname === "file") {
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw new TandemError(
              "payload_too_large",
              `the file is larger than the ${maxBytes} bytes accepted`,
            );
          name =
            [...part.filename]
              .filter((c) => c.charCodeAt(0) >= 0x20 && c !== "/" && c !== "\\")
              .join("")
              .slice(0, 200) || "ledger.csv";
        } else part.file.resume();
      }
    } catch (error) {
      if (error instanceof TandemError) throw error;
      const e = error as { code?: string; message?: string };
      if (e.code === "FST_REQ_FILE_TOO_LARGE")
        throw new TandemError("payload_too_large", `the file is larger than the ${maxBytes} bytes accepted`);
      throw new TandemError("bad_request", `malformed multipart body: ${e.message ?? "unreadable"}`);
    }
    const fields = ledgerFields.safeParse(raw);
    if (!fields.success) {
      throw new TandemError("validation", "invalid upload fields", {
        issues: fields.error.issues.map((i) => ({ path: i.path.join(".") || "rates", message: i.message })),
      });
    }
    if (!name) {
      throw new TandemError("validation", "no file: send the ledger CSV in the form field `file`", {
        issues: [{ path: "file", message: "required" }],
      });
    }
    return await use(path, name, fields.data);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};

/**
 * Cost transparency over HTTP: the monthly model, the ledger upload, allocation, the flow of
 * money, bills of IT (JSON, CSV, PDF), explanations, spend by goal and budget versus actual.
 * Bills and explanations are per business unit and scoped; the rest spans every unit.
 */
export const registerCostRoutes = (app: TandemApp, ctx: ApiContext, options: { maxBytes: number }) => {
  app.get("/api/v1/costs/model", {
    schema: {
      tags,
      summary: "The cost model of a month (pools, towers, ledger mapping, rules, quantities, budgets)",
      description: "Answers the month's model, or an empty model (version 0) when the month has none yet.",
      querystring: periodQuery,
      response: { 200: costModelRecord, ...errors },
    },
    handler: async (request) => {
      const period = request.query.period ?? ctx.clock.now().toISOString().slice(0, 7);
      const record = await ctx.repositoriesFor(request).costs.model(period);
      return (
        record ?? {
          period,
          model: costModelInput.parse({}),
          version: 0,
          updatedAt: new Date(0).toISOString(),
        }
      );
    },
  });

  app.put("/api/v1/costs/model", {
    schema: {
      tags,
      summary: "Create or replace the cost model of a month",
      description:
        "Send `version` from your read to refuse a lost update (412). The model is checked against the graph when the month is allocated.",
      querystring: z.object({ period: costPeriod }),
      body: costModelInput.extend({ version: z.number().int().min(0).optional() }),
      response: { 200: costModelRecord, ...errors, 412: problemSchema },
    },
    handler: async (request) => {
      const { version, ...model } = request.body;
      const costs = ctx.repositoriesFor(request).costs;
      return costs.putModel(
        request.query.period,
        costModelInput.parse(model),
        version === 0 ? undefined : version,
      );
    },
  });

  app.post("/api/v1/costs/model/copy", {
    schema: {
      tags,
      summary: "Copy a month's cost model to another month that has none",
      body: z.object({ from: costPeriod, to: costPeriod }),
      response: { 200: costModelRecord, ...errors, 409: problemSchema },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).costs.copyModel(request.body.from, request.body.to),
  });

  app.post("/api/v1/costs/ledger", {
    schema: {
      tags,
      summary: "Import a general-ledger or cost-centre CSV",
      description:
        "multipart/form-data with the CSV in `file` (columns account, cost_centre, vendor, amount, currency, period, optional pool), optional `rates` (USD=0.92,GBP=1.17) and `dryRun`. All or nothing: a file with bad lines answers 200 with status rejected, every error naming line and field, and writes nothing. A file replaces the ledger of the months it contains.",
      consumes: ["multipart/form-data"],
      response: {
        200: ledgerImportReport,
        400: problemSchema,
        403: problemSchema,
        413: problemSchema,
        415: problemSchema,
        422: problemSchema,
      },
    },
    handler: async (request) => {
      const repositories = ctx.repositoriesFor(request);
      requirePermission(repositories.actor, "graph:write");
      return withLedgerUpload(request, options.maxBytes, (file, source, fields) =>
        importLedgerFile({ repositories, file, source, rates: fields.rates, dryRun: fields.dryRun }),
      );
    },
  });

  app.post("/api/v1/costs/allocations", {
    schema: {
      tags,
      summary: "Allocate a month's ledger through its model, replacing the month's allocation",
      description:
        "Refused (422) when the model has errors, each named; a cycle among rules is a 409 naming it.",
      body: z.object({ period: costPeriod }),
      response: { 200: allocationSummary, ...errors, 409: problemSchema },
    },
    handler: async (request) =>
      allocatePeriodCosts({ repositories: ctx.repositoriesFor(request), period: request.body.period }),
  });

  app.get("/api/v1/costs/allocations", {
    schema: {
      tags,
      summary: "A month's allocation: ledger total, allocated to units, unallocated with reasons, warnings",
      querystring: periodQuery,
      response: { 200: allocationSummary, ...errors },
    },
    handler: async (request) => {
      const period = await periodOr(ctx, request, request.query.period);
      const summary = await ctx.repositoriesFor(request).costs.allocation(period);
      if (!summary) throw new TandemError("not_found", `the costs of ${period} have not been allocated`);
      return summary;
    },
  });

  app.get("/api/v1/costs/flows", {
    schema: {
      tags,
      summary: "The month's flow of money: pools → towers → services → units, and unallocated",
      querystring: periodQuery,
      response: { 200: costFlowDiagram, ...errors },
    },
    handler: async (request) =>
      getCostFlows({
        repositories: ctx.repositoriesFor(request),
        period: await periodOr(ctx, request, request.query.period),
      }),
  });

  const billParams = z.object({ id });
  app.get("/api/v1/costs/bills/:id", {
    schema: {
      tags,
      summary: "A business unit's bill of IT for a month",
      params: billParams,
      querystring: periodQuery,
      response: { 200: billOfIt, ...errors },
    },
    handler: async (request) => billFor(ctx, request, request.params.id, request.query.period),
  });

  app.get("/api/v1/costs/bills/:id/bill.csv", {
    schema: {
      tags,
      summary: "A business unit's bill of IT as CSV",
      params: billParams,
      querystring: periodQuery,
    },
    handler: async (request, reply) => {
      const bill = await billFor(ctx, request, request.params.id, request.query.period);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="bill-of-it-${bill.period}.csv"`)
        .send(billOfItCsv(bill));
    },
  });

  app.get("/api/v1/costs/bills/:id/bill.pdf", {
    schema: {
      tags,
      summary: "A business unit's bill of IT as PDF",
      params: billParams,
      querystring: periodQuery,
    },
    handler: async (request, reply) => {
      const bill = await billFor(ctx, request, request.params.id, request.query.period);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="bill-of-it-${bill.period}.pdf"`)
        .send(await renderBillPdf(bill));
    },
  });

  app.get("/api/v1/costs/bills/:id/explanation", {
    schema: {
      tags,
      summary:
        "The path of every cent a unit was charged: services, towers, pools, ledger lines, with rules and drivers",
      params: billParams,
      querystring: periodQuery.extend({ serviceId: id.optional() }),
      response: { 200: costExplanation, ...errors },
    },
    handler: async (request) =>
      explainUnitCost({
        repositories: ctx.repositoriesFor(request),
        businessUnitId: request.params.id,
        period: await periodOr(ctx, request, request.query.period),
        ...(request.query.serviceId ? { serviceId: request.query.serviceId } : {}),
      }),
  });

  app.get("/api/v1/costs/spend-by-goal", {
    schema: {
      tags,
      summary:
        "Spend by goal: service costs spread over goals through the graph; top-priority share; run / grow / transform",
      querystring: periodQuery,
      response: { 200: spendByGoal, ...errors },
    },
    handler: async (request) =>
      getGoalCosts({
        repositories: ctx.repositoriesFor(request),
        period: await periodOr(ctx, request, request.query.period),
      }),
  });

  app.get("/api/v1/costs/budget", {
    schema: {
      tags,
      summary: "Budget versus actual per pool, tower and service, with a run-rate forecast to year end",
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: budgetVersusActual, ...errors },
    },
    handler: async (request) =>
      getCostBudget({
        repositories: ctx.repositoriesFor(request),
        year: request.query.year ?? Number((await periodOr(ctx, request, undefined)).slice(0, 4)),
      }),
  });
};
