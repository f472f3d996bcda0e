import type { Clock } from "../domain/clock.js";
import type { SubmissionInput, SurveyForm } from "../domain/schemas/survey.js";
import type { Db } from "../store/database.js";
import { SurveyLinkRepository } from "../store/repositories/survey-link-repository.js";
import { submissionQueueOf } from "./survey-submission-queue.js";

export interface AnswerSurveyOptions {
  db: Db;
  token: string;
  submission: SubmissionInput;
  clock: Clock;
}

/**
 * Accepts a respondent's one submission through their link (no sign-in: the token is the
 * credential). It is written together with the others that arrive meanwhile (one transaction
 * per batch, see SurveySubmissionQueue) and answered once its batch has committed.
 */
export const answerSurvey = async (o: AnswerSurveyOptions): Promise<{ accepted: true }> => {
  await submissionQueueOf(o.db).submit({ token: o.token, submission: o.submission, at: o.clock.now() });
  return { accepted: true };
};

/** The survey behind a link, phrased for its audience. */
export const readSurveyForm = (o: { db: Db; token: string; clock: Clock }): Promise<SurveyForm> =>
  new SurveyLinkRepository(o.db).form(o.token, o.clock.now());
