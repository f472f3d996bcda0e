import type { Db } from "../store/database.js";
import {
  type SubmissionAttempt,
  type SubmissionOutcome,
  SurveyLinkRepository,
} from "../store/repositories/survey-link-repository.js";

/** Writes a batch of submissions in one transaction and says what became of each, in order. */
export type SubmissionWriter = (batch: readonly SubmissionAttempt[]) => Promise<SubmissionOutcome[]>;

interface Waiting {
  attempt: SubmissionAttempt;
  resolve: (stored: { responseId: string }) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for survey answers. Every answer spends a token and adds to the same few
 * organisation-wide tally rows, so one transaction per answer makes respondents wait in line for
 * each other's commits (PGlite runs one transaction at a time; on PostgreSQL the tally rows
 * serialise them). Instead, while one batch is being written the submissions that arrive wait
 * here, and the next batch takes all of them: under load a batch holds about as many answers as
 * there are respondents waiting, and a lone respondent is written at once. No timer is involved.
 * Each submission still gets its own outcome, and is answered only after its batch has committed.
 */
export class SurveySubmissionQueue {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly write: SubmissionWriter,
    /** Caps a batch (and so its transaction) after a burst. */
    private readonly maxBatch = 500,
  ) {}

  submit(attempt: SubmissionAttempt): Promise<{ responseId: string }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // After the current turn of the event loop, so that submissions read from the network
      // together (and parsed in the same turn) share the first batch as well.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        const outcomes = await this.outcomesOf(batch.map((w) => w.attempt));
        for (const [i, w] of batch.entries()) {
          const outcome = outcomes[i];
          if (outcome === undefined) w.reject(new Error("the store gave no outcome for a submission"));
          else if ("error" in outcome) w.reject(outcome.error);
          else w.resolve({ responseId: outcome.responseId });
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async outcomesOf(attempts: SubmissionAttempt[]): Promise<SubmissionOutcome[]> {
    try {
      return await this.write(attempts);
    } catch (error) {
      if (attempts.length === 1) return [{ error: asError(error) }];
      // The batch failed as a whole (its transaction rolled back, so nothing of it was kept):
      // each submission is tried again on its own, so that one the store cannot take fails alone.
      const outcomes: SubmissionOutcome[] = [];
      for (const attempt of attempts)
        try {
          outcomes.push(...(await this.write([attempt])));
        } catch (alone) {
          outcomes.push({ error: asError(alone) });
        }
      return outcomes;
    }
  }
}

const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(String(thrown)));

const queues = new WeakMap<Db, SurveySubmissionQueue>();

/** The store's one queue: every answering route of one store shares its batches. */
export const submissionQueueOf = (db: Db): SurveySubmissionQueue => {
  let queue = queues.get(db);
  if (!queue) {
    const links = new SurveyLinkRepository(db);
    queue = new SurveySubmissionQueue((batch) => links.submitMany(batch));
    queues.set(db, queue);
  }
  return queue;
};
