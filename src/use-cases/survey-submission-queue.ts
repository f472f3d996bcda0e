import type { Db } from "../store/database.js";
import { transactionsAtOnce } from "../store/open-store.js";
import {
  type SubmissionAttempt,
  type SubmissionOutcome,
  SurveyLinkRepository,
} from "../store/repositories/survey-link-repository.js";
import { foldPendingAnswers } from "../store/repositories/survey-tally.js";

/** Writes a batch of submissions in one transaction and says what became of each, in order. */
export type SubmissionWriter = (batch: readonly SubmissionAttempt[]) => Promise<SubmissionOutcome[]>;

interface Waiting {
  attempt: SubmissionAttempt;
  resolve: (stored: { responseId: string }) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for survey answers. One transaction per answer makes respondents wait in line for
 * each other's commits (PGlite runs one transaction at a time), and pays a transaction's fixed cost
 * (begin, commit, the write-ahead log) per answer. Instead, while a batch is being written the
 * submissions that arrive wait here, and the next batch takes all of them, once the event loop's
 * turns stop bringing more (`gathered`): under load a batch holds about as many answers as there
 * are respondents waiting, and a lone respondent is written after a few idle turns. No timer is
 * involved. On PostgreSQL two batches are written at once (`writers`). Each submission still gets
 * its own outcome, and is answered only after its batch has committed.
 */
export class SurveySubmissionQueue {
  private waiting: Waiting[] = [];
  /** Batches being written now (at most `writers`). */
  private writing = 0;
  private unfolded = 0;
  private folding: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly write: SubmissionWriter,
    /** Caps a batch (and so its transaction) after a burst. */
    private readonly maxBatch = 500,
    /**
     * Counts stored answers into the tally (`foldPendingAnswers`) beside the answering: once no
     * answer has been written for `idleMs`, or at once when `cap` answers wait. Readers fold what
     * is left before they read, so this only keeps the waiting list short. A fold costs about a
     * fifth of what counting each batch as it was written did (its tally rows are touched once per
     * fold, not once per batch), but on PGlite it holds the store while it runs: under a burst it
     * waits for a pause, so that respondents do not queue behind it.
     */
    private readonly fold: { run: () => Promise<unknown>; cap: number; idleMs: number } | null = null,
    /**
     * Batches written at once. PGlite runs one transaction at a time: one. A PostgreSQL server
     * works on a batch in its own process while the next one is prepared here: two, so that the
     * answering does not wait on the network round trips of each batch in turn.
     */
    private readonly writers = 1,
  ) {}

  submit(attempt: SubmissionAttempt): Promise<{ responseId: string }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (this.writing >= this.writers) return;
      this.writing += 1;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        await this.gathered();
        if (this.waiting.length === 0) break;
        const batch = this.waiting.splice(0, this.maxBatch);
        const outcomes = await this.outcomesOf(batch.map((w) => w.attempt));
        this.unfolded += outcomes.filter((o) => o !== undefined && "responseId" in o).length;
        this.foldLater();
        for (const [i, w] of batch.entries()) {
          const outcome = outcomes[i];
          if (outcome === undefined) w.reject(new Error("the store gave no outcome for a submission"));
          else if ("error" in outcome) w.reject(outcome.error);
          else w.resolve({ responseId: outcome.responseId });
        }
      }
    } finally {
      this.writing -= 1;
    }
  }

  /**
   * Lets the event loop turn while its turns keep bringing submissions, before a batch is taken:
   * until two turns in a row bring none, the batch is full, or GATHER_TURNS have passed. Node
   * accepts one new connection per turn of its loop, and a turn that writes a batch lasts
   * milliseconds: respondents who each open a connection of their own (a browser without a proxy
   * keeping connections open) would otherwise arrive one per turn and each pay a transaction of
   * their own (batches of one; measured with 50 of them: 600-1,100 answers/s and 75-125 ms at
   * p95; gathering: 2,100-3,100/s and 28-41 ms). Turns without a batch take microseconds, so a
   * lone respondent waits no longer than that.
   */
  private async gathered(): Promise<void> {
    let quiet = 0;
    for (let turn = 0; turn < GATHER_TURNS && quiet < 2 && this.waiting.length < this.maxBatch; turn++) {
      const before = this.waiting.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = this.waiting.length > before ? 0 : quiet + 1;
    }
  }

  /**
   * No more folds are started here (the server is closing; a fold already running finishes).
   * Answers are still taken, and readers still fold them before they read.
   */
  stop(): void {
    this.stopped = true;
    this.clearIdleTimer();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private foldLater(): void {
    const fold = this.fold;
    if (!fold || this.stopped || this.unfolded === 0) return;
    this.clearIdleTimer();
    if (this.unfolded >= fold.cap) {
      this.startFold(fold.run);
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.startFold(fold.run);
    }, fold.idleMs);
    this.idleTimer.unref();
  }

  private startFold(run: () => Promise<unknown>): void {
    if (this.folding) return;
    this.unfolded = 0;
    // A fold that fails leaves its answers waiting (its transaction rolled back); the next fold or
    // the next reader counts them. Nothing is lost, so the answering goes on.
    this.folding = run()
      .then(
        () => undefined,
        (error: unknown) =>
          console.warn(`counting survey answers into the tally failed: ${asError(error).message}`),
      )
      .finally(() => {
        this.folding = null;
        // Answers written while it ran wait for the next pause (or the cap).
        this.foldLater();
      });
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

/** At most this many turns of the event loop gather a batch (see `gathered`). */
const GATHER_TURNS = 32;

const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(String(thrown)));

/**
 * When the queue folds (see SurveySubmissionQueue's `fold`): after a second without answers, or
 * when 10,000 wait (a fold of 10,000 takes about a quarter of a second on PGlite).
 */
const FOLD_CAP = 10_000;
const FOLD_IDLE_MS = 1_000;

const queues = new WeakMap<Db, SurveySubmissionQueue>();

/** The store's one queue: every answering route of one store shares its batches. */
export const submissionQueueOf = (db: Db): SurveySubmissionQueue => {
  let queue = queues.get(db);
  if (!queue) {
    const links = new SurveyLinkRepository(db);
    queue = new SurveySubmissionQueue(
      (batch) => links.submitMany(batch),
      500,
      { run: () => foldPendingAnswers(db), cap: FOLD_CAP, idleMs: FOLD_IDLE_MS },
      transactionsAtOnce(db) > 1 ? 2 : 1,
    );
    queues.set(db, queue);
  }
  return queue;
};
