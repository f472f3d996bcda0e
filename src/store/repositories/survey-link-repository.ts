import { randomUUID } from "node:crypto";
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
import { NIL_UUID, type SurveyQuestionTable } from "./survey-tables.js";

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

  private async invitation(db: Db, token: string, lock: boolean): Promise<LiveInvitation> {
    // A malformed token cannot exist; it is refused like an unknown one, without a query.
    if (!TOKEN_SHAPE.test(token)) throw new TandemError("not_found", "this survey link is not valid");
    const row = await sql<LiveInvitation>`
      SELECT i.id, i.campaign_id, i.audience, i.business_unit_id, i.expires_at, i.used_at,
             c.starts_at, c.closed_at, c.service_id, c.survey_id
      FROM campaign_invitation i JOIN campaign c ON c.id = i.campaign_id
      WHERE i.token_hash = ${digestSecret(token)} ${lock ? sql`FOR UPDATE OF i` : sql``}`.execute(db);
    const inv = row.rows[0];
    if (!inv) throw new TandemError("not_found", "this survey link is not valid");
    return inv;
  }

  private check(inv: LiveInvitation, now: Date) {
    if (inv.usedAt !== null)
      throw new TandemError("conflict", "this survey link has been used already: each link takes one answer");
    if (inv.closedAt !== null)
      throw new TandemError("conflict", "this survey is closed and takes no more answers");
    if (Date.parse(inv.expiresAt) <= now.getTime())
      throw new TandemError("conflict", `this survey link expired on ${inv.expiresAt.slice(0, 10)}`);
    if (Date.parse(inv.startsAt) > now.getTime())
      throw new TandemError("conflict", `this survey opens on ${inv.startsAt.slice(0, 10)}`);
  }

  async form(token: string, now: Date): Promise<SurveyForm> {
    const inv = await this.invitation(this.db, token, false);
    this.check(inv, now);
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
   * Two statements: spending the token (which locks it against a concurrent second submission)
   * and one that writes the response, its answers and the tally.
   */
  async submit(token: string, input: SubmissionInput, now: Date): Promise<{ responseId: string }> {
    const submission = submissionInput.parse(input);
    if (!TOKEN_SHAPE.test(token)) throw new TandemError("not_found", "this survey link is not valid");
    const at = now.toISOString();
    return this.db.transaction().execute(async (tx) => {
      const spent = await sql<{
        id: string;
        campaignId: string;
        audience: Audience;
        businessUnitId: string | null;
        serviceId: string | null;
        surveyId: string;
      }>`
        UPDATE campaign_invitation i SET used_at = ${at}
        FROM campaign c
        WHERE i.token_hash = ${digestSecret(token)} AND c.id = i.campaign_id AND i.used_at IS NULL
          AND c.closed_at IS NULL AND i.expires_at > ${at} AND c.starts_at <= ${at}
        RETURNING i.id, i.campaign_id, i.audience, i.business_unit_id, c.service_id, c.survey_id`.execute(tx);
      const inv = spent.rows[0];
      if (!inv) {
        // Say why: unknown, used, closed, expired or not yet open.
        this.check(await this.invitation(tx, token, false), now);
        throw new TandemError("conflict", "this survey link cannot take an answer now");
      }
      const questions = await this.questionsOf(tx, inv.surveyId);
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
          else if (a.choice == null && q.required)
            issues.push({ path: `${path}.choice`, message: "choose one" });
        } else if (q.required && !a.text?.trim())
          issues.push({ path: `${path}.text`, message: "must not be empty" });
      }
      for (const q of questions)
        if (q.required && !seen.has(q.id))
          issues.push({
            path: "answers",
            message: `question ${q.position + 1} ("${q.text.slice(0, 60)}") needs an answer`,
          });
      // Throwing rolls the transaction back, so the token is not spent by a refused submission.
      if (issues.length > 0)
        throw new TandemError("validation", `${issues.length} problem(s) with the answers`, { issues });

      const responseId = randomUUID();
      const answers = submission.answers
        .map((a) => {
          const q = byId.get(a.questionId);
          const scale = q ? scaleOf[q.type] : null;
          return {
            questionId: a.questionId,
            type: q?.type ?? "free_text",
            value: scale ? (a.value ?? null) : null,
            choice: q?.type === "single_choice" ? (a.choice ?? null) : null,
            text: q?.type === "free_text" ? a.text?.trim() || null : null,
          };
        })
        .filter((a) => a.value !== null || a.choice !== null || a.text !== null);
      // A name is kept only with free text the respondent chose to sign.
      const signedName = answers.some((a) => a.text !== null) ? (submission.signedName ?? null) : null;
      const tally = tallyRows([
        {
          month: `${at.slice(0, 7)}-01`,
          audience: inv.audience,
          businessUnitId: inv.businessUnitId,
          serviceId: inv.serviceId,
          answers: answers
            .filter((a) => a.value !== null)
            .map((a) => ({ questionId: a.questionId, type: a.type, value: a.value as number })),
        },
      ]);
      const parts = [
        sql`r AS (INSERT INTO survey_response (id, campaign_id, audience, business_unit_id, service_id, signed_name, submitted_at)
          VALUES (${responseId}::uuid, ${inv.campaignId}::uuid, ${inv.audience}, ${inv.businessUnitId}::uuid, ${inv.serviceId}::uuid, ${signedName}, ${at}::timestamptz))`,
        ...(answers.length > 0
          ? [
              sql`a AS (INSERT INTO survey_answer (response_id, question_id, value, choice, text) VALUES ${sql.join(
                answers.map(
                  (a) =>
                    sql`(${responseId}::uuid, ${a.questionId}::uuid, ${a.value}::smallint, ${a.choice}, ${a.text})`,
                ),
              )})`,
            ]
          : []),
      ];
      await sql`WITH ${sql.join(parts)} ${tally.length > 0 ? tallyUpsert(tally) : sql`SELECT 1`}`.execute(tx);
      return { responseId };
    });
  }
}

type QuestionRow = Selectable<SurveyQuestionTable>;
const questionCache = new WeakMap<Db, Map<string, QuestionRow[]>>();

export interface TallyEntry {
  month: string;
  audience: Audience;
  businessUnitId: string | null;
  serviceId: string | null;
  answers: { questionId: string; type: string; value: number }[];
}

interface TallyRow {
  scope: string;
  scopeId: string;
  month: string;
  questionId: string;
  questionType: string;
  audience: string;
  counts: number[];
}

/** The tally rows a set of answers adds to: three scopes each, the answer counted in its value's column. */
const tallyRows = (entries: TallyEntry[]): TallyRow[] => {
  const rows = new Map<string, TallyRow>();
  for (const e of entries)
    for (const a of e.answers)
      for (const [scope, scopeId] of [
        ["all", NIL_UUID],
        ["unit", e.businessUnitId ?? NIL_UUID],
        ["service", e.serviceId ?? NIL_UUID],
      ] as const) {
        const key = `${scope}|${scopeId}|${e.month}|${a.questionId}|${e.audience}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            scope,
            scopeId,
            month: e.month,
            questionId: a.questionId,
            questionType: a.type,
            audience: e.audience,
            counts: Array(11).fill(0),
          };
          rows.set(key, row);
        }
        row.counts[a.value] = (row.counts[a.value] ?? 0) + 1;
      }
  // Key order, so that concurrent submissions lock shared rows in the same order and cannot deadlock.
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
};

const COUNT_COLUMNS = sql.raw(Array.from({ length: 11 }, (_, v) => `c${v}`).join(", "));
const ADD_COUNTS = sql.raw(
  Array.from({ length: 11 }, (_, v) => `c${v} = survey_tally.c${v} + EXCLUDED.c${v}`).join(", "),
);

const tallyUpsert = (rows: TallyRow[]) => sql`
  INSERT INTO survey_tally (scope, scope_id, month, question_id, question_type, audience, ${COUNT_COLUMNS})
  VALUES ${sql.join(
    rows.map(
      (r) =>
        sql`(${r.scope}, ${r.scopeId}::uuid, ${r.month}::date, ${r.questionId}::uuid, ${r.questionType}, ${r.audience}, ${sql.join(r.counts.map((c) => sql`${c}::int`))})`,
    ),
  )}
  ON CONFLICT (scope, scope_id, month, question_id, audience) DO UPDATE SET ${ADD_COUNTS}`;

/** Counts scale answers in the tally, in the caller's transaction (bulk writers: the demo, the benchmark). */
export const countInTally = async (tx: Db, entries: TallyEntry[]): Promise<void> => {
  const rows = tallyRows(entries);
  for (let i = 0; i < rows.length; i += 1000) await tallyUpsert(rows.slice(i, i + 1000)).execute(tx);
};
