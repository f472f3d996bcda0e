import { z } from "zod";
import {
  campaignInput,
  campaignResultsSchema,
  campaignSchema,
  createdCampaignSchema,
  invitationLinkSchema,
  perceptionGapSchema,
  periodQuery,
} from "../../domain/schemas/campaign.js";
import { id } from "../../domain/schemas/common.js";
import { submissionInput, surveyFormSchema, surveyInput, surveySchema } from "../../domain/schemas/survey.js";
import type { MailSender } from "../../mail/mail-sender.js";
import { answerSurvey, readSurveyForm } from "../../use-cases/answer-survey.js";
import { computePerceptionGap } from "../../use-cases/compute-perception-gap.js";
import { createCampaign } from "../../use-cases/create-campaign.js";
import { campaignResultsCsv, readCampaignResults } from "../../use-cases/read-campaign-results.js";
import { sendCampaignReminders } from "../../use-cases/send-campaign-reminders.js";
import type { ApiContext, TandemApp } from "../context.js";
import { problemSchema } from "../problem.js";

export interface SurveyRouteOptions {
  /** Null: no SMTP configured, campaigns return their links to copy. */
  mail: MailSender | null;
  /** Base of the links handed out; default: the address the request came to. */
  publicUrl: string | null;
  /** Survey-link requests per client address per minute. */
  answersPerMinute: number;
}

const tags = ["Surveys"];
const errors = { 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
/** A survey submission is small; anything bigger is refused before it is parsed. */
const SUBMISSION_MAX_BYTES = 64 * 1024;
const tokenParam = z.object({ token: z.string().max(200) });

/** Surveys, campaigns, their results, the perception gap, and the public survey links. */
export const registerSurveyRoutes = (app: TandemApp, ctx: ApiContext, options: SurveyRouteOptions) => {
  const publicUrlOf = (request: { protocol: string; host: string }) =>
    options.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get("/api/v1/surveys", {
    schema: {
      tags,
      summary: "List surveys, the built-in value-perception survey first",
      response: { 200: z.object({ items: z.array(surveySchema) }), ...errors },
    },
    handler: async (request) => ({ items: await ctx.repositoriesFor(request).surveys.list() }),
  });

  app.post("/api/v1/surveys", {
    schema: {
      tags,
      summary: "Create a survey",
      body: surveyInput,
      response: { 201: surveySchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await ctx.repositoriesFor(request).surveys.create(request.body)),
  });

  app.get("/api/v1/surveys/:id", {
    schema: {
      tags,
      summary: "Read a survey with its questions",
      params: z.object({ id }),
      response: { 200: surveySchema, ...errors },
    },
    handler: async (request) => ctx.repositoriesFor(request).surveys.get(request.params.id),
  });

  app.get("/api/v1/campaigns", {
    schema: {
      tags,
      summary: "List campaigns, latest deadline first, with response rates",
      description:
        "A business stakeholder sees the campaigns that invited their units, with their units' counts.",
      response: { 200: z.object({ items: z.array(campaignSchema) }), ...errors },
    },
    handler: async (request) => ({
      items: await ctx.repositoriesFor(request).campaigns.list(ctx.clock.now()),
    }),
  });

  app.post("/api/v1/campaigns", {
    schema: {
      tags,
      summary: "Send a survey to units and people: one single-use link each, mailed or returned to copy",
      body: campaignInput,
      response: { 201: createdCampaignSchema, ...errors },
    },
    handler: async (request, reply) => {
      const created = await createCampaign({
        repositories: ctx.repositoriesFor(request),
        input: request.body,
        mail: options.mail,
        publicUrl: publicUrlOf(request),
        clock: ctx.clock,
      });
      return reply.code(201).send(created);
    },
  });

  app.get("/api/v1/campaigns/:id", {
    schema: {
      tags,
      summary: "Read a campaign with its response rate",
      params: z.object({ id }),
      response: { 200: campaignSchema, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).campaigns.get(request.params.id, ctx.clock.now()),
  });

  app.get("/api/v1/campaigns/:id/results", {
    schema: {
      tags,
      summary:
        "A campaign's response rates and results per question; groups under five respondents are withheld",
      params: z.object({ id }),
      response: { 200: campaignResultsSchema, ...errors },
    },
    handler: async (request) =>
      readCampaignResults({
        repositories: ctx.repositoriesFor(request),
        campaignId: request.params.id,
        now: ctx.clock.now(),
      }),
  });

  app.get("/api/v1/campaigns/:id/results.csv", {
    schema: {
      tags,
      summary: "A campaign's results as CSV (withheld groups carry no figures)",
      params: z.object({ id }),
      response: { 200: z.string(), ...errors },
    },
    handler: async (request, reply) => {
      const results = await readCampaignResults({
        repositories: ctx.repositoriesFor(request),
        campaignId: request.params.id,
        now: ctx.clock.now(),
      });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="tandem-campaign-results.csv"')
        .send(campaignResultsCsv(results));
    },
  });

  app.post("/api/v1/campaigns/:id/close", {
    schema: {
      tags,
      summary: "Close a campaign: no more answers; every answer given is kept",
      params: z.object({ id }),
      response: { 200: campaignSchema, ...errors },
    },
    handler: async (request) =>
      ctx.repositoriesFor(request).campaigns.close(request.params.id, ctx.clock.now()),
  });

  app.post("/api/v1/campaigns/:id/reminders", {
    schema: {
      tags,
      summary: "Remind those who have not answered, when a reminder day has come (each gets a fresh link)",
      params: z.object({ id }),
      response: {
        200: z.object({
          reminded: z.number().int(),
          mailed: z.number().int(),
          links: z.array(invitationLinkSchema),
        }),
        ...errors,
      },
    },
    handler: async (request) =>
      sendCampaignReminders({
        repositories: ctx.repositoriesFor(request),
        campaignId: request.params.id,
        mail: options.mail,
        publicUrl: publicUrlOf(request),
        clock: ctx.clock,
      }),
  });

  app.get("/api/v1/perception-gap", {
    schema: {
      tags,
      summary: "The perception gap: IT's view of how the business sees it against the business's own answers",
      description:
        "Per statement for the organisation (a stakeholder: their units), per business unit and per service, largest gaps first. Whole months count; default the last twelve months. Groups under five respondents, and groups that could be derived from the others, are withheld.",
      querystring: periodQuery,
      response: { 200: perceptionGapSchema, ...errors },
    },
    handler: async (request) =>
      computePerceptionGap({
        repositories: ctx.repositoriesFor(request),
        now: ctx.clock.now(),
        ...(request.query.from ? { from: request.query.from } : {}),
        ...(request.query.to ? { to: request.query.to } : {}),
        ...(request.query.businessUnitId ? { businessUnitId: request.query.businessUnitId } : {}),
      }),
  });

  // The public side: a respondent's link. No sign-in; the token is the credential.
  app.get("/api/v1/survey-links/:token", {
    config: { rateLimit: { max: options.answersPerMinute, timeWindow: "1 minute" } },
    schema: {
      tags,
      summary: "The survey behind a link, phrased for its audience (public)",
      params: tokenParam,
      response: { 200: surveyFormSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
    },
    handler: async (request) =>
      readSurveyForm({ db: ctx.store.db, token: request.params.token, clock: ctx.clock }),
  });

  app.post("/api/v1/survey-links/:token", {
    bodyLimit: SUBMISSION_MAX_BYTES,
    config: { rateLimit: { max: options.answersPerMinute, timeWindow: "1 minute" } },
    schema: {
      tags,
      summary: "Answer the survey behind a link, once (public)",
      description:
        "Reused, expired or unknown links, answers out of range and oversized text are refused; text is stored as given and never rendered as markup.",
      params: tokenParam,
      body: submissionInput,
      response: {
        200: z.object({ accepted: z.literal(true) }),
        404: problemSchema,
        409: problemSchema,
        413: problemSchema,
        422: problemSchema,
        429: problemSchema,
      },
    },
    handler: async (request) =>
      answerSurvey({
        db: ctx.store.db,
        token: request.params.token,
        submission: request.body,
        clock: ctx.clock,
      }),
  });
};
