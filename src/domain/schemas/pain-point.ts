import { z } from "zod";
import { painPointStatuses } from "../voice/pain-point-triage.js";
import { description, id } from "./common.js";
import { withoutNul } from "./feedback.js";

const nulMessage = "must not contain NUL characters";

export const painPointFrequency = z.enum(["daily", "weekly", "monthly", "occasionally"]);
export const painPointEffort = z.enum(["small", "medium", "large"]);
export const painPointStatus = z.enum(painPointStatuses);

export const painPointInput = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(200, "at most 200 characters")
    .refine(withoutNul, nulMessage),
  description: description.refine(withoutNul, nulMessage).default(""),
  serviceId: id.nullable().default(null),
  businessUnitId: id,
  frequency: painPointFrequency,
  hoursLostPerWeek: z
    .number({ error: "expected a number of hours" })
    .min(0, "must not be negative")
    .max(10000, "at most 10000 hours")
    .multipleOf(0.25, "in quarter hours"),
});
export type PainPointInput = z.infer<typeof painPointInput>;

export const painPointTriage = z
  .strictObject({
    status: painPointStatus,
    effort: painPointEffort.nullable().optional(),
    reason: z.string().trim().max(2000, "at most 2000 characters").refine(withoutNul, nulMessage).optional(),
  })
  .refine((t) => t.status !== "declined" || (t.reason !== undefined && t.reason !== ""), {
    message: "a reason is required to decline, and the business will see it",
    path: ["reason"],
  });
export type PainPointTriage = z.infer<typeof painPointTriage>;

export const painPointCommentInput = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(2000, "at most 2000 characters")
    .refine(withoutNul, nulMessage),
});

export const painPointSchema = z.object({
  id,
  title: z.string(),
  description: z.string(),
  serviceId: id.nullable(),
  serviceName: z.string().nullable(),
  businessUnitId: id,
  businessUnitName: z.string(),
  frequency: painPointFrequency,
  hoursLostPerWeek: z.number(),
  status: painPointStatus,
  effort: painPointEffort.nullable(),
  statusReason: z.string().nullable(),
  postedBy: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  votes: z.number(),
  votedByMe: z.boolean(),
  comments: z.number(),
  quickWin: z.boolean(),
  /** Hours from posting to acknowledgement; null while unacknowledged. */
  hoursToAcknowledge: z.number().nullable(),
  /** Hours from posting until closed, or until now while open. */
  ageHours: z.number(),
});
export type PainPoint = z.infer<typeof painPointSchema>;

export const painPointCommentSchema = z.object({
  id,
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type PainPointComment = z.infer<typeof painPointCommentSchema>;

export const painPointListQuery = z.object({
  status: painPointStatus.optional(),
  businessUnitId: id.optional(),
  quickWins: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const painPointAcknowledgement = z.object({
  /** Pain points acknowledged (left "new") in the period. */
  acknowledged: z.number(),
  meanHoursToAcknowledge: z.number().nullable(),
  medianHoursToAcknowledge: z.number().nullable(),
  /** Still new at the end of the period, and the oldest of them in hours. */
  waiting: z.number(),
  oldestWaitingHours: z.number().nullable(),
});
export type PainPointAcknowledgement = z.infer<typeof painPointAcknowledgement>;
