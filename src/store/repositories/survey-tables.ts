import type { ColumnType, Generated } from "kysely";
import type { Audience, QuestionType } from "../../domain/schemas/survey.js";

/**
 * The survey tables (migration 20261125210000_surveys.sql), merged into the store's Database
 * interface here so that the voice-of-the-business tables live beside their repositories.
 */
export interface SurveyTable {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  createdAt: Generated<string>;
  archivedAt: string | null;
}

export interface SurveyQuestionTable {
  id: string;
  surveyId: string;
  position: number;
  type: QuestionType;
  text: string;
  mirrorText: string | null;
  choices: ColumnType<string[], string, string>;
  required: boolean;
}

export interface CampaignTable {
  id: string;
  surveyId: string;
  name: string;
  serviceId: string | null;
  startsAt: string;
  deadline: string;
  reminderDays: number[];
  closedAt: string | null;
  createdAt: Generated<string>;
  createdBy: string;
}

export interface CampaignInvitationTable {
  id: string;
  campaignId: string;
  tokenHash: string;
  email: string | null;
  personId: string | null;
  audience: Audience;
  businessUnitId: string | null;
  expiresAt: string;
  usedAt: string | null;
  sentAt: string | null;
  remindedAt: string | null;
  createdAt: Generated<string>;
}

export interface SurveyResponseTable {
  id: string;
  campaignId: string;
  audience: Audience;
  businessUnitId: string | null;
  serviceId: string | null;
  signedName: string | null;
  /** The first instant of the month (UTC) it was given in: see monthOfAnswer. */
  submittedAt: string;
  /** Scale answers by question position (index position + 1), null where none (migration 20261126000000). */
  scaleValues: (number | null)[];
}

/** The answers that are words: chosen options and free text (scale answers live in the response). */
export interface SurveyAnswerTable {
  responseId: string;
  questionId: string;
  choice: string | null;
  text: string | null;
}

export interface SurveyTallyTable {
  scope: "all" | "unit" | "service";
  scopeId: string;
  month: string;
  questionId: string;
  questionType: QuestionType;
  audience: Audience;
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
  c7: number;
  c8: number;
  c9: number;
  c10: number;
}

declare module "../database.js" {
  interface Database {
    survey: SurveyTable;
    surveyQuestion: SurveyQuestionTable;
    campaign: CampaignTable;
    campaignInvitation: CampaignInvitationTable;
    surveyResponse: SurveyResponseTable;
    surveyAnswer: SurveyAnswerTable;
    surveyTally: SurveyTallyTable;
  }
}

/** Stands for "no unit" / "no service" in the tally key. */
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * The instant a response keeps: the first of the month (UTC) it was given in. Every figure counts
 * answers by month, and the invitation keeps when its link was used, so an exact instant on the
 * response would join the two (and name the respondent); by month, an answer is one of all its
 * campaign's answers that month.
 */
export const monthOfAnswer = (at: string): string =>
  `${new Date(at).toISOString().slice(0, 7)}-01T00:00:00.000Z`;
