import { digestSecret } from "../domain/credentials.js";
import type { FeedbackAnswer } from "../domain/schemas/feedback.js";
import { lostTimeChoices } from "../domain/voice/happiness.js";
import type { Db } from "../store/database.js";
import { FeedbackLinkRepository } from "../store/repositories/feedback-link-repository.js";

export interface FeedbackLinkOptions {
  db: Db;
  /** The secret from the link; only its hash is looked up. */
  token: string;
  now: Date;
}

/** What the answer page shows: which ticket, and the choices for lost time. */
export const readFeedbackQuestion = async ({ db, token, now }: FeedbackLinkOptions) => {
  const question = await new FeedbackLinkRepository(db).question(digestSecret(token), now);
  return { ...question, lostTimeChoices: lostTimeChoices.map((choice) => ({ ...choice })) };
};

/** Stores the answer and spends the link: a second submission, a forged or expired link are refused. */
export const answerFeedback = async (
  options: FeedbackLinkOptions & { answer: FeedbackAnswer },
): Promise<void> => {
  await new FeedbackLinkRepository(options.db).answer(
    digestSecret(options.token),
    options.answer,
    options.now,
  );
};
