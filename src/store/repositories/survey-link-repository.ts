import { randomInt, randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import { digestSecret } from "../../domain/credentials.js";
import { type FieldIssue, TandemError } from "../../domain/errors.js";
import {
  type Audience,
  type SubmissionInput,
  type SurveyForm,
  scaleOf,
  submissionInput,
} from "../../domain/schemas/survey.js";
import type { Db } from "../database.js";
import { keptPlan } from "../kept-plan.js";
import { monthOfAnswer, type SurveyQuestionTable } from "./survey-tables.js";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

interface LiveInvitation {
  id: string;
  campaignId: string;
  audience: Audience;
  businessUnitId: string | null;
  expiresAt: string;
  usedAt: string | null;
  startsAt: string;
  closedAt: string | null;
  serviceId: string | null;
  surveyId: string;
}

/**
 * What a survey link may do, with no sign-in: show its survey and accept one submission. The
 * token is the only credential; it is looked up by its SHA-256, and the response it produces is
 * not linked back to it, so answers stay anonymous.
 */
export class SurveyLinkRepository {
  constructor(private readonly db: Db) {}

  private async invitation(token: string): Promise<LiveInvitation> {
    // A malformed token cannot exist; it is refused like an unknown one, without a query.
    if (!TOKEN_SHAPE.test(token)) throw new TandemError("not_found", "this survey link is not valid");
    const row = await sql<LiveInvitation>`
      SELECT i.id, i.campaign_id, i.audience, i.business_unit_id, i.expires_at, i.used_at,
             c.starts_at, c.closed_at, c.service_id, c.survey_id
      FROM campaign_invitation i JOIN campaign c ON c.id = i.campaign_id
      WHERE i.token_hash = ${digestSecret(token)}`.execute(this.db);
    const inv = row.rows[0];
    if (!inv) throw new TandemError("not_found", "this survey link is not valid");
    return inv;
  }

  async form(token: string, now: Date): Promise<SurveyForm> {
    const inv = await this.invitation(token);
    const closed = whyClosed(inv, now);
    if (closed) throw closed;
    const head = await sql<{
      campaignName: string;
      surveyName: string;
      description: string;
      deadline: string;
      serviceName: string | null;
    }>`
      SELECT c.name AS campaign_name, s.name AS survey_name, s.description, c.deadline, svc.name AS service_name
      FROM campaign c JOIN survey s ON s.id = c.survey_id LEFT JOIN it_service svc ON svc.id = c.service_id
      WHERE c.id = ${inv.campaignId}`.execute(this.db);
    const questions = await this.db
      .selectFrom("surveyQuestion")
      .selectAll()
      .where("surveyId", "=", inv.surveyId)
      .orderBy("position")
      .execute();
    const h = head.rows[0] as (typeof head.rows)[number];
    return {
      ...h,
      audience: inv.audience,
      questions: questions.map((q) => ({
        id: q.id,
        type: q.type,
        text: inv.audience === "it" && q.mirrorText ? q.mirrorText : q.text,
        choices: q.choices,
        required: q.required,
        min: scaleOf[q.type]?.min ?? null,
        max: scaleOf[q.type]?.max ?? null,
      })),
    };
  }

  /** A survey's questions; they never change once written, so each survey is read once per store. */
  private async questionsOf(db: Db, surveyId: string): Promise<QuestionRow[]> {
    let cache = questionCache.get(this.db);
    if (!cache) {
      cache = new Map();
      questionCache.set(this.db, cache);
    }
    const cached = cache.get(surveyId);
    if (cached) return cached;
    const rows = await db
      .selectFrom("surveyQuestion")
      .selectAll()
      .where("surveyId", "=", surveyId)
      .orderBy("position")
      .execute();
    cache.set(surveyId, rows);
    return rows;
  }

  /**
   * Accepts one submission: the token is spent, the answers stored and the tally counted in one
   * transaction, so a refused submission leaves the link usable and a second one finds it spent.
   */
  async submit(token: string, input: SubmissionInput, now: Date): Promise<{ responseId: string }> {
    const [outcome] = await this.submitMany([{ token, submission: input, at: now }]);
    if (!outcome) throw new TandemError("internal", "a submission went unanswered");
    if ("error" in outcome) throw outcome.error;
    return outcome;
  }

  /**
   * Accepts many submissions in ONE transaction (group commit: the answering route queues them
   * while the previous batch is being written), each with its own outcome: a used, expired or
   * unknown link or an answer out of range refuses that submission only, exactly as `submit`
   * would. Statements are set-based, so a batch costs a few statements whatever its size: spend
   * the tokens, then write the responses, their answers and the tally. Only an error of the
   * store itself (not of a submission) rejects the whole batch, and then nothing of it is kept.
   */
  async submitMany(items: readonly SubmissionAttempt[]): Promise<SubmissionOutcome[]> {
    const outcomes: (SubmissionOutcome | undefined)[] = Array(items.length);
    const pending: Claimable[] = [];
    for (const [index, item] of items.entries()) {
      // Refused without a query: a malformed token cannot exist, a malformed submission cannot count.
      if (!TOKEN_SHAPE.test(item.token)) {
        outcomes[index] = { error: new TandemError("not_found", "this survey link is not valid") };
        continue;
      }
      const parsed = submissionInput.safeParse(item.submission);
      if (!parsed.success) {
        outcomes[index] = { error: parsed.error };
        continue;
      }
      pending.push({
        index,
        hash: digestSecret(item.token),
        submission: parsed.data,
        at: item.at.toISOString(),
      });
    }
    if (pending.length === 0) return outcomes as SubmissionOutcome[];
    await this.db.transaction().execute(async (tx) => {
      // A token twice in one batch: the later ones are answered as if they had come one after the
      // other. After the first was stored, or refused for its link (unknown, used, closed, expired),
      // a repeat gets the same refusal without asking the store again (so a flood of one forged
      // link costs one round, not one per copy); only after answers were refused (the link given
      // back) does a repeat take a next round, which may store it.
      for (let round = pending; round.length > 0; ) {
        const firstOf = new Map<string, number>();
        const now: Claimable[] = [];
        const later: Claimable[] = [];
        for (const p of round)
          if (firstOf.has(p.hash)) later.push(p);
          else {
            firstOf.set(p.hash, p.index);
            now.push(p);
          }
        for (const [i, outcome] of (await this.writeRound(tx, now)).entries())
          outcomes[(now[i] as Claimable).index] = outcome;
        round = [];
        for (const p of later) {
          const first = outcomes[firstOf.get(p.hash) as number];
          if (first && "responseId" in first) outcomes[p.index] = { error: alreadyUsed() };
          else if (first && first.error instanceof TandemError && first.error.code !== "validation")
            outcomes[p.index] = { error: first.error };
          else round.push(p);
        }
      }
    });
    return outcomes as SubmissionOutcome[];
  }

  /** One round of a batch: submissions with distinct tokens, written in the caller's transaction. */
  private async writeRound(tx: Db, round: Claimable[]): Promise<SubmissionOutcome[]> {
    const outcomes: SubmissionOutcome[] = Array(round.length);
    const hashes = round.map((p) => p.hash);
    // The invitations are found by their tokens alone first (the unique index: one probe each), and
    // the update reaches them by row address. With the campaign in the same join, a planner whose
    // statistics are stale (PGlite has no autovacuum) walked the campaign's whole invitation list
    // instead, so spending 25 tokens of a 6,000-invitee campaign read all 6,000 (1.7 ms a batch).
    // The rows are locked first, in token order: two batches racing for the same links then wait
    // for each other instead of each locking half in join order (a deadlock on PostgreSQL). A row
    // spent meanwhile by the other is skipped (FOR UPDATE checks `used_at IS NULL` again).
    const spent = await keptPlan(sql<SpentInvitation>`
      WITH t AS MATERIALIZED (
        SELECT ctid AS row_address, token_hash, campaign_id FROM campaign_invitation
        WHERE token_hash = ANY(${hashes}::text[]) AND used_at IS NULL
        ORDER BY token_hash FOR UPDATE)
      UPDATE campaign_invitation i SET used_at = s.at
      FROM t, unnest(${hashes}::text[], ${round.map((p) => p.at)}::timestamptz[]) AS s (hash, at), campaign c
      WHERE i.ctid = t.row_address AND s.hash = t.token_hash AND c.id = t.campaign_id
        AND i.used_at IS NULL AND c.closed_at IS NULL AND i.expires_at > s.at AND c.starts_at <= s.at
      RETURNING i.token_hash, i.campaign_id, i.audience, i.business_unit_id, c.service_id, c.survey_id`).execute(
      tx,
    );
    const spentBy = new Map(spent.rows.map((r) => [r.tokenHash, r]));

    // Say why a token was not spent: unknown, used, closed, expired or not yet open.
    const unspent = round.filter((p) => !spentBy.has(p.hash));
    if (unspent.length > 0) {
      const found = await sql<LiveInvitation & { tokenHash: string }>`
        SELECT i.token_hash, i.id, i.campaign_id, i.audience, i.business_unit_id, i.expires_at, i.used_at,
               c.starts_at, c.closed_at, c.service_id, c.survey_id
        FROM campaign_invitation i JOIN campaign c ON c.id = i.campaign_id
        WHERE i.token_hash = ANY(${unspent.map((p) => p.hash)}::text[])`.execute(tx);
      const byHash = new Map(found.rows.map((r) => [r.tokenHash, r]));
      for (const [i, p] of round.entries())
        if (!spentBy.has(p.hash)) outcomes[i] = { error: refusal(byHash.get(p.hash), new Date(p.at)) };
    }

    // Check the answers against the survey's questions; a refused submission gets its token back.
    const accepted: AcceptedSubmission[] = [];
    const refunded: string[] = [];
    for (const [i, p] of round.entries()) {
      const inv = spentBy.get(p.hash);
      if (!inv) continue;
      const questions = await this.questionsOf(tx, inv.surveyId);
      const issues = answerIssues(questions, p.submission);
      if (issues.length > 0) {
        outcomes[i] = {
          error: new TandemError("validation", `${issues.length} problem(s) with the answers`, { issues }),
        };
        refunded.push(p.hash);
        continue;
      }
      const responseId = randomUUID();
      const stored = storedForm(questions, p.submission);
      // A name is kept only with free text the respondent chose to sign.
      const signedName = stored.words.some((w) => w.text !== null) ? (p.submission.signedName ?? null) : null;
      accepted.push({ responseId, at: p.at, inv, ...stored, signedName });
      outcomes[i] = { responseId };
    }
    // Only tokens this round spent are given back (they were unused before it), so this undoes the
    // spending exactly, as the rollback of a lone refused submission would.
    if (refunded.length > 0)
      await sql`UPDATE campaign_invitation SET used_at = NULL WHERE token_hash = ANY(${refunded}::text[])`.execute(
        tx,
      );
    if (accepted.length > 0) await writeResponses(tx, accepted);
    return outcomes;
  }
}

/** A submission through a link, at the instant it was made. */
export interface SubmissionAttempt {
  token: string;
  submission: SubmissionInput;
  at: Date;
}

/** What became of one submission: stored, or refused with the error the respondent is shown. */
export type SubmissionOutcome = { responseId: string } | { error: Error };

interface Claimable {
  index: number;
  hash: string;
  submission: SubmissionInput;
  at: string;
}

interface SpentInvitation {
  tokenHash: string;
  campaignId: string;
  audience: Audience;
  businessUnitId: string | null;
  serviceId: string | null;
  surveyId: string;
}

/** A submission as stored: scale answers by question position, the words as rows of their own. */
interface StoredForm {
  scaleValues: (number | null)[];
  words: { questionId: string; choice: string | null; text: string | null }[];
}

interface AcceptedSubmission extends StoredForm {
  responseId: string;
  at: string;
  inv: SpentInvitation;
  signedName: string | null;
}

const alreadyUsed = () =>
  new TandemError("conflict", "this survey link has been used already: each link takes one answer");

/** Why a link takes no answer at this instant: used, closed, expired or not yet open; null: it does. */
const whyClosed = (inv: LiveInvitation, now: Date): TandemError | null => {
  if (inv.usedAt !== null) return alreadyUsed();
  if (inv.closedAt !== null)
    return new TandemError("conflict", "this survey is closed and takes no more answers");
  if (Date.parse(inv.expiresAt) <= now.getTime())
    return new TandemError("conflict", `this survey link expired on ${inv.expiresAt.slice(0, 10)}`);
  if (Date.parse(inv.startsAt) > now.getTime())
    return new TandemError("conflict", `this survey opens on ${inv.startsAt.slice(0, 10)}`);
  return null;
};

/** Why a link the batch could not spend takes no answer (the same words as reading its form). */
const refusal = (inv: LiveInvitation | undefined, now: Date): TandemError =>
  inv
    ? (whyClosed(inv, now) ?? new TandemError("conflict", "this survey link cannot take an answer now"))
    : new TandemError("not_found", "this survey link is not valid");

/** Every problem with a submission's answers, by field; none: it may be stored. */
const answerIssues = (questions: QuestionRow[], submission: SubmissionInput): FieldIssue[] => {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const [i, a] of submission.answers.entries()) {
    const q = byId.get(a.questionId);
    const path = `answers.${i}`;
    if (!q) {
      issues.push({ path: `${path}.questionId`, message: "not a question of this survey" });
      continue;
    }
    if (seen.has(a.questionId)) {
      issues.push({ path: `${path}.questionId`, message: "answered twice" });
      continue;
    }
    seen.add(a.questionId);
    const scale = scaleOf[q.type];
    if (scale) {
      if (a.value === undefined || a.value === null) {
        if (q.required)
          issues.push({
            path: `${path}.value`,
            message: `expected a whole number from ${scale.min} to ${scale.max}`,
          });
      } else if (a.value < scale.min || a.value > scale.max)
        issues.push({ path: `${path}.value`, message: `must be from ${scale.min} to ${scale.max}` });
    } else if (q.type === "single_choice") {
      if (a.choice != null && !q.choices.includes(a.choice))
        issues.push({ path: `${path}.choice`, message: `must be one of: ${q.choices.join(", ")}` });
      else if (a.choice == null && q.required) issues.push({ path: `${path}.choice`, message: "choose one" });
    } else if (q.required && !a.text?.trim())
      issues.push({ path: `${path}.text`, message: "must not be empty" });
  }
  // PostgreSQL text cannot hold a NUL character: refused here rather than failing the whole batch.
  for (const [i, a] of submission.answers.entries())
    for (const field of ["text", "choice"] as const)
      if (a[field]?.includes("\u0000"))
        issues.push({ path: `answers.${i}.${field}`, message: "must not contain a NUL character" });
  if (submission.signedName?.includes("\u0000"))
    issues.push({ path: "signedName", message: "must not contain a NUL character" });
  for (const q of questions)
    if (q.required && !seen.has(q.id))
      issues.push({
        path: "answers",
        message: `question ${q.position + 1} ("${q.text.slice(0, 60)}") needs an answer`,
      });
  return issues;
};

/** The answers as stored: each in the place of its question's type, empty ones left out. */
const storedForm = (questions: QuestionRow[], submission: SubmissionInput): StoredForm => {
  const given = new Map(submission.answers.map((a) => [a.questionId, a]));
  const form: StoredForm = { scaleValues: [], words: [] };
  for (const q of questions) {
    const a = given.get(q.id);
    const value = scaleOf[q.type] ? (a?.value ?? null) : null;
    form.scaleValues[q.position] = value;
    const choice = q.type === "single_choice" ? (a?.choice ?? null) : null;
    const text = q.type === "free_text" ? a?.text?.trim() || null : null;
    if (choice !== null || text !== null) form.words.push({ questionId: q.id, choice, text });
  }
  return form;
};

/** A copy in random order (Fisher–Yates). */
const shuffled = <T>(items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** An array literal of scale values: a batch passes one per response, as its rows differ in length. */
const arrayLiteral = (values: (number | null)[]) =>
  `{${Array.from(values, (v) => (v === null || v === undefined ? "NULL" : String(v))).join(",")}}`;

/**
 * Writes accepted submissions: their responses and their words, in one statement, and marks them
 * to be counted in the tally. The tally itself is brought up to date apart from the answering
 * (`foldPendingAnswers`, run by the submission queue once answering pauses and by every reader of
 * the tally first): counting each batch of ~25 answers into the ~190 tally rows they touch cost
 * half of a batch, while a fold of thousands of answers touches barely more rows than a batch did.
 */
const writeResponses = async (tx: Db, submissions: AcceptedSubmission[]) => {
  // Stored in an order of their own, not the order their links were spent in.
  const accepted = shuffled(submissions);
  const words = accepted.flatMap((s) => s.words.map((w) => ({ responseId: s.responseId, ...w })));
  const ids = accepted.map((s) => s.responseId);
  // Arrays rather than rows of parameters: the statement's text is the same whatever the batch size.
  await keptPlan(sql`
    WITH r AS (
      INSERT INTO survey_response (id, campaign_id, audience, business_unit_id, service_id, signed_name, submitted_at, scale_values)
      SELECT id, campaign_id, audience, business_unit_id, service_id, signed_name, submitted_at, scale_values::smallint[]
      FROM unnest(${ids}::uuid[], ${accepted.map((s) => s.inv.campaignId)}::uuid[],
        ${accepted.map((s) => s.inv.audience)}::text[], ${accepted.map((s) => s.inv.businessUnitId)}::uuid[],
        ${accepted.map((s) => s.inv.serviceId)}::uuid[], ${accepted.map((s) => s.signedName)}::text[],
        ${accepted.map((s) => monthOfAnswer(s.at))}::timestamptz[], ${accepted.map((s) => arrayLiteral(s.scaleValues))}::text[])
        AS x (id, campaign_id, audience, business_unit_id, service_id, signed_name, submitted_at, scale_values))
    ${
      words.length > 0
        ? sql`, w AS (
      INSERT INTO survey_answer (response_id, question_id, choice, text)
      SELECT * FROM unnest(${words.map((w) => w.responseId)}::uuid[], ${words.map((w) => w.questionId)}::uuid[],
        ${words.map((w) => w.choice)}::text[], ${words.map((w) => w.text)}::text[]))`
        : sql``
    }
    INSERT INTO survey_tally_pending (response_id) SELECT unnest(${ids}::uuid[])`).execute(tx);
};

type QuestionRow = Selectable<SurveyQuestionTable>;
const questionCache = new WeakMap<Db, Map<string, QuestionRow[]>>();
