import { z } from "zod";
import { id, name } from "./common.js";
import { audience, questionType } from "./survey.js";

const instant = z.iso.datetime({
  offset: true,
  error: "expected an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z",
});

export const campaignInput = z
  .object({
    surveyId: id,
    name,
    /** The service the campaign asks about; its answers then count for that service. */
    serviceId: id.nullable().default(null),
    startsAt: instant,
    deadline: instant,
    /** Days before the deadline on which those who have not answered are reminded. */
    reminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([]),
    /** Every person of these units (and the units below) is invited as the business. */
    businessUnitIds: z.array(id).max(500).default([]),
    /** Single people invited as the business (their own unit counts). */
    personIds: z.array(id).max(5000).default([]),
    /** IT staff asked the mirror statements, each about one unit or (null) the business as a whole. */
    itRespondents: z
      .array(z.object({ personId: id, aboutBusinessUnitId: id.nullable().default(null) }))
      .max(5000)
      .default([]),
  })
  .superRefine((c, ctx) => {
    if (Date.parse(c.deadline) <= Date.parse(c.startsAt))
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "must be after startsAt" });
    if (c.businessUnitIds.length + c.personIds.length + c.itRespondents.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["businessUnitIds"],
        message: "invite at least one unit or person",
      });
  });
export type CampaignInput = z.input<typeof campaignInput>;

export const campaignStatus = z.enum(["scheduled", "open", "closed"]);

export const campaignSchema = z.object({
  id,
  surveyId: id,
  surveyName: z.string(),
  name: z.string(),
  serviceId: id.nullable(),
  startsAt: z.string(),
  deadline: z.string(),
  reminderDays: z.array(z.number()),
  closedAt: z.string().nullable(),
  status: campaignStatus,
  invited: z.number().int(),
  responded: z.number().int(),
  /** Percent of invitations answered, or null with no invitations. */
  responseRatePct: z.number().nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** A link as it was handed out: shown once, when SMTP is not configured or on request at creation. */
export const invitationLinkSchema = z.object({
  email: z.string().nullable(),
  audience,
  url: z.string(),
  mailed: z.boolean(),
});
export type InvitationLink = z.infer<typeof invitationLinkSchema>;

export const createdCampaignSchema = z.object({
  campaign: campaignSchema,
  /** The links to copy when they were not mailed; empty when every invitation was mailed. */
  links: z.array(invitationLinkSchema),
  mailed: z.number().int(),
});

/** Response counts per unit of a campaign; counts are participation, not answers, and are always shown. */
export const responseRateSchema = z.object({
  businessUnitId: id.nullable(),
  businessUnitName: z.string(),
  audience,
  invited: z.number().int(),
  responded: z.number().int(),
  responseRatePct: z.number().nullable(),
});

/** One value's share of a distribution. */
export const distributionSchema = z.array(z.object({ value: z.number(), answers: z.number().int() }));

export const questionResultSchema = z.object({
  questionId: id,
  type: questionType,
  text: z.string(),
  audience,
  respondents: z.number().int(),
  /** Every figure below is null when fewer than 5 answered (anonymity). */
  suppressed: z.boolean(),
  mean: z.number().nullable(),
  /** CSAT: % of 4-5; Likert: % agreeing (4-5). */
  favourablePct: z.number().nullable(),
  /** NPS/eNPS: % 9-10 minus % 0-6. */
  score: z.number().nullable(),
  distribution: distributionSchema.nullable(),
  choices: z.array(z.object({ choice: z.string(), answers: z.number().int() })).nullable(),
  comments: z.array(z.object({ text: z.string(), signedBy: z.string().nullable() })).nullable(),
  /** Keyword themes of the comments (wink-nlp), most frequent first, with mean sentiment -1..1. */
  themes: z
    .array(
      z.object({
        theme: z.string(),
        count: z.number().int(),
        sentiment: z.number(),
        examples: z.array(z.string()),
      }),
    )
    .nullable()
    .optional(),
});

export const campaignResultsSchema = z.object({
  campaign: campaignSchema,
  responseRates: z.array(responseRateSchema),
  questions: z.array(questionResultSchema),
});
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

export const gapSideSchema = z.object({
  respondents: z.number().int(),
  suppressed: z.boolean(),
  agreePct: z.number().nullable(),
  mean: z.number().nullable(),
  distribution: distributionSchema.nullable(),
});

export const gapRowSchema = z.object({
  questionId: id,
  statement: z.string(),
  mirrorStatement: z.string().nullable(),
  business: gapSideSchema,
  it: gapSideSchema,
  /** IT's % agreeing minus the business's, in percentage points; null when either side is suppressed. */
  gapPoints: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /** The 95 % interval excludes zero. */
  significant: z.boolean(),
});
export type GapRow = z.infer<typeof gapRowSchema>;

export const gapGroupSchema = z.object({
  kind: z.enum(["organisation", "unit", "service"]),
  id: id.nullable(),
  name: z.string(),
  rows: z.array(gapRowSchema),
});

export const perceptionGapSchema = z.object({
  from: z.string(),
  to: z.string(),
  minimumGroup: z.number().int(),
  /** Largest absolute gap first. */
  overall: z.array(gapRowSchema),
  units: z.array(gapGroupSchema),
  services: z.array(gapGroupSchema),
});
export type PerceptionGap = z.infer<typeof perceptionGapSchema>;

export const periodQuery = z.object({
  from: z.iso.date({ error: "expected a date as YYYY-MM-DD" }).optional(),
  to: z.iso.date({ error: "expected a date as YYYY-MM-DD" }).optional(),
  businessUnitId: id.optional(),
});
