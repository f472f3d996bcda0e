import { z } from "zod";
import { lostTimeMinutes } from "../voice/happiness.js";
import { id, isoDate } from "./common.js";

/** PostgreSQL cannot store NUL characters in text; refused at the edge rather than failing there. */
export const withoutNul = (text: string) => !text.includes("\u0000");
const nulMessage = "must not contain NUL characters";

/** A comment is stored and shown as text, whatever markup it holds. */
export const feedbackComment = z.string().max(2000, "at most 2000 characters").refine(withoutNul, nulMessage);

export const feedbackAnswer = z.strictObject({
  score: z
    .number({ error: "expected a whole number from 0 to 10" })
    .int("expected a whole number from 0 to 10")
    .min(0, "at least 0")
    .max(10, "at most 10"),
  lostMinutes: z
    .number({ error: "expected one of the offered lost-time choices" })
    .refine((value) => lostTimeMinutes.includes(value), {
      message: `expected one of ${lostTimeMinutes.join(", ")} minutes`,
    })
    .nullable()
    .default(null),
  comment: feedbackComment.default(""),
  /** Filled only when the respondent chooses to sign their comment. */
  signedBy: z
    .string()
    .trim()
    .max(200, "at most 200 characters")
    .refine(withoutNul, nulMessage)
    .nullable()
    .default(null),
});
export type FeedbackAnswer = z.infer<typeof feedbackAnswer>;

export const feedbackToken = z.string().min(1).max(200, "not a feedback link");

export const feedbackQuestion = z.object({
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  serviceName: z.string().nullable(),
  expiresAt: z.string(),
  lostTimeChoices: z.array(z.object({ minutes: z.number(), label: z.string() })),
});

export const createFeedbackLinksInput = z.strictObject({
  /** Tickets resolved on or after this day (UTC). */
  resolvedFrom: isoDate.optional(),
  /** Tickets resolved before this day (UTC). */
  resolvedTo: isoDate.optional(),
  ticketIds: z.array(id).max(1000, "at most 1000 tickets").optional(),
  validDays: z.number().int().min(1, "at least 1 day").max(90, "at most 90 days").default(14),
  limit: z.number().int().min(1).max(5000, "at most 5000 links at once").default(500),
});

export const feedbackLink = z.object({
  ticketId: id,
  ticketNumber: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  path: z.string(),
  expiresAt: z.string(),
});

export const feedbackLinksResult = z.object({ links: z.array(feedbackLink) });

export const feedbackImportResult = z.object({
  read: z.number(),
  inserted: z.number(),
  /** Tickets that already had an answer: kept as they were. */
  alreadyAnswered: z.number(),
});

export const feedbackReportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  businessUnitId: id.optional(),
});
export type FeedbackReportQuery = z.infer<typeof feedbackReportQuery>;

const figures = {
  suppressed: z.boolean(),
  respondents: z.number().nullable(),
  happiness: z.number().nullable(),
  meanLostMinutes: z.number().nullable(),
};
export const happinessGroup = z.object({ key: z.string(), label: z.string(), ...figures });
export type HappinessGroup = z.infer<typeof happinessGroup>;

export const happinessDimensions = [
  "ticketType",
  "service",
  "businessUnit",
  "assignmentGroup",
  "channel",
  "reassignments",
] as const;
export type HappinessDimension = (typeof happinessDimensions)[number];

export const happinessReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  minimumGroupSize: z.number(),
  overall: z.object(figures),
  dimensions: z.object(
    Object.fromEntries(happinessDimensions.map((d) => [d, z.array(happinessGroup)])) as Record<
      HappinessDimension,
      z.ZodArray<typeof happinessGroup>
    >,
  ),
  benchmark: z.object({
    incident: z.object({ happiness: z.number(), lostMinutes: z.number() }),
    request: z.object({ happiness: z.number(), lostMinutes: z.number() }),
    perReassignment: z.object({ happiness: z.number(), lostMinutes: z.number() }),
    source: z.string(),
  }),
});
export type HappinessReport = z.infer<typeof happinessReport>;

export const commentThemesReport = z.object({
  comments: z.number().nullable(),
  suppressed: z.boolean(),
  themes: z.array(
    z.object({
      theme: z.string(),
      count: z.number(),
      sentiment: z.number(),
      examples: z.array(
        z.object({ comment: z.string(), sentiment: z.number(), signedBy: z.string().nullable() }),
      ),
    }),
  ),
});
export type CommentThemesReport = z.infer<typeof commentThemesReport>;
