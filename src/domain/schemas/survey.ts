import { z } from "zod";
import { description, id, name } from "./common.js";

export const questionType = z.enum(["csat", "nps", "enps", "likert", "single_choice", "free_text"]);
export type QuestionType = z.infer<typeof questionType>;

/** The answer range of each scale question type (reference §5: CSAT 1-5, NPS/eNPS 0-10, Likert 1-5). */
export const scaleOf: Record<QuestionType, { min: number; max: number } | null> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  enps: { min: 0, max: 10 },
  likert: { min: 1, max: 5 },
  single_choice: null,
  free_text: null,
};

/** Longest free-text answer accepted; longer ones are refused, not cut. */
export const FREE_TEXT_MAX = 2000;
const questionText = z.string().trim().min(1, "must not be empty").max(500, "at most 500 characters");

export const questionInput = z
  .object({
    type: questionType,
    text: questionText,
    /** The statement as IT staff are asked it: "The business would say: ...". */
    mirrorText: questionText.nullable().default(null),
    choices: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    required: z.boolean().default(true),
  })
  .superRefine((q, ctx) => {
    if (q.type === "single_choice" && q.choices.length < 2)
      ctx.addIssue({
        code: "custom",
        path: ["choices"],
        message: "a single-choice question needs two choices or more",
      });
    if (q.type !== "single_choice" && q.choices.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["choices"],
        message: "only single-choice questions have choices",
      });
  });
export type QuestionInput = z.input<typeof questionInput>;

export const surveyInput = z.object({
  name,
  description: description.default(""),
  questions: z.array(questionInput).min(1, "a survey needs at least one question").max(60),
});
export type SurveyInput = z.input<typeof surveyInput>;

export const questionSchema = z.object({
  id,
  position: z.number().int(),
  type: questionType,
  text: z.string(),
  mirrorText: z.string().nullable(),
  choices: z.array(z.string()),
  required: z.boolean(),
});
export type Question = z.infer<typeof questionSchema>;

export const surveySchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  createdAt: z.string(),
  questions: z.array(questionSchema),
});
export type Survey = z.infer<typeof surveySchema>;

export const audience = z.enum(["business", "it"]);
export type Audience = z.infer<typeof audience>;

/** What a respondent sees behind their link: the questions phrased for their audience, no names. */
export const surveyFormSchema = z.object({
  campaignName: z.string(),
  surveyName: z.string(),
  description: z.string(),
  audience,
  deadline: z.string(),
  serviceName: z.string().nullable(),
  questions: z.array(
    z.object({
      id,
      type: questionType,
      text: z.string(),
      choices: z.array(z.string()),
      required: z.boolean(),
      min: z.number().nullable(),
      max: z.number().nullable(),
    }),
  ),
});
export type SurveyForm = z.infer<typeof surveyFormSchema>;

export const answerInput = z.object({
  questionId: id,
  value: z.number({ error: "expected a number" }).int("expected a whole number").nullable().optional(),
  choice: z.string().max(200, "at most 200 characters").nullable().optional(),
  text: z.string().max(FREE_TEXT_MAX, `at most ${FREE_TEXT_MAX} characters`).nullable().optional(),
});
export type AnswerInput = z.infer<typeof answerInput>;

export const submissionInput = z.object({
  answers: z.array(answerInput).max(60),
  /** Free text is shown without a name unless the respondent signs it here. */
  signedName: z.string().trim().min(1).max(200, "at most 200 characters").nullable().optional(),
});
export type SubmissionInput = z.infer<typeof submissionInput>;
