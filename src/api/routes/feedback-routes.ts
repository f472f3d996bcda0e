import { z } from "zod";
import { id, isoDate } from "../../domain/schemas/common.js";
import {
  commentThemesReport,
  createFeedbackLinksInput,
  feedbackAnswer,
  feedbackImportResult,
  feedbackLinksResult,
  feedbackQuestion,
  feedbackReportQuery,
  feedbackToken,
  happinessReport,
  withoutNul,
} from "../../domain/schemas/feedback.js";
import { painPointAcknowledgement } from "../../domain/schemas/pain-point.js";
import { answerFeedback, readFeedbackQuestion } from "../../use-cases/answer-feedback.js";
import { createFeedbackLinks } from "../../use-cases/create-feedback-links.js";
import { loadFeedbackFile } from "../../use-cases/load-feedback-file.js";
import { measureHappiness } from "../../use-cases/measure-happiness.js";
import { measurePainPointAcknowledgement } from "../../use-cases/measure-pain-point-acknowledgement.js";
import { reportCommentThemes } from "../../use-cases/report-comment-themes.js";
import { reportHappiness } from "../../use-cases/report-happiness.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

const tags = ["Ticket feedback"];
const errors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };
/** Answering needs no login, so it is throttled per client address. */
const publicRateLimit = { rateLimit: { max: 60, timeWindow: "1 minute" } };

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Happiness feedback on resolved tickets: the public answer link, links, imports and reports. */
export const registerFeedbackRoutes = (app: TandemApp, ctx: ApiContext) => {
  app.get("/api/v1/feedback-links/:token", {
    config: publicRateLimit,
    schema: {
      tags,
      summary: "The question behind a feedback link (no login: the token is the credential)",
      description:
        "404 for an unknown token, 409 for a used or expired one. The ticket's title is shown to the person who raised it.",
      params: z.object({ token: feedbackToken }),
      response: { 200: feedbackQuestion, 404: problemSchema, 409: problemSchema, 422: problemSchema },
    },
    handler: async (request) =>
      readFeedbackQuestion({ db: ctx.store.db, token: request.params.token, now: ctx.clock.now() }),
  });

  app.post("/api/v1/feedback-links/:token", {
    config: publicRateLimit,
    schema: {
      tags,
      summary: "Answer a feedback link: happiness 0-10, lost time, an optional comment (once)",
      description: "The comment is stored and shown as text, never as HTML.",
      params: z.object({ token: feedbackToken }),
      body: feedbackAnswer,
      response: {
        201: z.object({ received: z.literal(true) }),
        404: problemSchema,
        409: problemSchema,
        422: problemSchema,
      },
    },
    handler: async (request, reply) => {
      await answerFeedback({
        db: ctx.store.db,
        token: request.params.token,
        answer: request.body,
        now: ctx.clock.now(),
      });
      return reply.code(201).send({ received: true as const });
    },
  });

  app.post("/api/v1/feedback/links", {
    schema: {
      tags,
      summary: "Create feedback links for resolved tickets that have none (tokens are shown once)",
      body: createFeedbackLinksInput,
      response: { 201: feedbackLinksResult, ...errors },
    },
    handler: async (request, reply) => {
      const { resolvedFrom, resolvedTo, ticketIds, validDays, limit } = request.body;
      const links = await createFeedbackLinks({
        repositories: ctx.repositoriesFor(request),
        now: ctx.clock.now(),
        validDays,
        limit,
        ...(resolvedFrom ? { resolvedFrom } : {}),
        ...(resolvedTo ? { resolvedTo } : {}),
        ...(ticketIds ? { ticketIds } : {}),
      });
      return reply.code(201).send({ links });
    },
  });

  app.post("/api/v1/feedback/import", {
    schema: {
      tags,
      summary: "Import answers collected by another tool, from CSV (all or nothing)",
      description:
        "Columns: ticket (number or source id), score (0-10), answered_at, and optionally lost_minutes, comment, signed_by. Errors name line and column.",
      body: z.strictObject({
        fileName: z.string().trim().min(1).max(200).default("feedback.csv"),
        csv: z
          .string()
          .min(1, "must not be empty")
          .max(4_000_000, "at most 4 MB; use the CLI for more")
          .refine(withoutNul, "must not contain NUL characters"),
      }),
      response: { 200: feedbackImportResult, ...errors },
    },
    handler: async (request) =>
      loadFeedbackFile({
        repositories: ctx.repositoriesFor(request),
        file: request.body.fileName,
        chunks: once(request.body.csv),
      }),
  });

  app.get("/api/v1/feedback/happiness", {
    schema: {
      tags,
      summary:
        "Happiness and lost time by ticket type, service, unit, assignment group, channel and reassignments",
      description:
        "Beside the published benchmark. Groups of fewer than 5 respondents are hidden, with enough others that no subtraction reveals them.",
      querystring: feedbackReportQuery,
      response: { 200: happinessReport, ...errors },
    },
    handler: async (request) =>
      reportHappiness({ repositories: ctx.repositoriesFor(request), ...request.query }),
  });

  app.get("/api/v1/feedback/themes", {
    schema: {
      tags,
      summary: "Themes of feedback comments by frequency, with sentiment and example comments",
      querystring: feedbackReportQuery,
      response: { 200: commentThemesReport, ...errors },
    },
    handler: async (request) =>
      reportCommentThemes({ repositories: ctx.repositoriesFor(request), ...request.query }),
  });

  app.get("/api/v1/feedback/measurements", {
    schema: {
      tags,
      summary: "Happiness, lost time and pain-point time to acknowledge of one period, as KPI sources",
      querystring: z.object({ from: isoDate, to: isoDate, businessUnitId: id.optional() }),
      response: {
        200: z.object({
          happiness: z.object({
            suppressed: z.boolean(),
            respondents: z.number().nullable(),
            happiness: z.number().nullable(),
            meanLostMinutes: z.number().nullable(),
          }),
          painPointAcknowledgement,
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const repositories = ctx.repositoriesFor(request);
      const { from, to, businessUnitId } = request.query;
      const period = { repositories, from, to, ...(businessUnitId ? { businessUnitId } : {}) };
      const [happiness, acknowledgement] = await Promise.all([
        measureHappiness(period),
        measurePainPointAcknowledgement(period),
      ]);
      return { happiness, painPointAcknowledgement: acknowledgement };
    },
  });
};
