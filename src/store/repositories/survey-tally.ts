import { sql } from "kysely";
import type { Audience } from "../../domain/schemas/survey.js";
import type { Db } from "../database.js";
import { NIL_UUID } from "./survey-tables.js";

/**
 * The survey tally: per scope (the whole organisation, a business unit, a service), month,
 * question and audience, how many answers gave each value. Readers of survey figures read it
 * instead of the responses. Answers through links reach it in folds (`foldPendingAnswers`); bulk
 * writers count straight into it (`countInTally`).
 */
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

/** Respondents alike (same month, audience, unit and service): their answers counted per question. */
interface TallyGroup {
  month: string;
  audience: Audience;
  businessUnitId: string | null;
  serviceId: string | null;
  questions: Map<string, { type: string; counts: number[] }>;
}

/**
 * Counts the answers of respondents alike together, one lookup per respondent, so that only those
 * few groups are spread over the three scopes. (Spreading each answer at once cost three string
 * keys per answer: 50 ms for a fold of 3,000 answers.)
 */
const groupEntries = (entries: TallyEntry[]): TallyGroup[] => {
  const groups = new Map<string, TallyGroup>();
  for (const e of entries) {
    const key = `${e.month}|${e.audience}|${e.businessUnitId}|${e.serviceId}`;
    let group = groups.get(key);
    if (!group) {
      const { month, audience, businessUnitId, serviceId } = e;
      group = { month, audience, businessUnitId, serviceId, questions: new Map() };
      groups.set(key, group);
    }
    for (const a of e.answers) {
      let question = group.questions.get(a.questionId);
      if (!question) {
        question = { type: a.type, counts: Array(11).fill(0) };
        group.questions.set(a.questionId, question);
      }
      question.counts[a.value] = (question.counts[a.value] ?? 0) + 1;
    }
  }
  return [...groups.values()];
};

/** The tally rows groups add to: three scopes each, each answer counted in its value's column. */
const tallyRows = (groups: Iterable<TallyGroup>): TallyRow[] => {
  const rows = new Map<string, TallyRow>();
  for (const e of groups) {
    const scopes = [
      ["all", NIL_UUID],
      ["unit", e.businessUnitId ?? NIL_UUID],
      ["service", e.serviceId ?? NIL_UUID],
    ] as const;
    for (const [scope, scopeId] of scopes)
      for (const [questionId, { type, counts }] of e.questions) {
        const key = `${scope}|${scopeId}|${e.month}|${e.audience}|${questionId}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            scope,
            scopeId,
            month: e.month,
            questionId,
            questionType: type,
            audience: e.audience,
            counts: Array(11).fill(0),
          };
          rows.set(key, row);
        }
        for (const [value, n] of counts.entries()) row.counts[value] = (row.counts[value] ?? 0) + n;
      }
  }
  // Key order, so that concurrent writers lock shared rows in the same order and cannot deadlock.
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
};

const VALUES = Array.from({ length: 11 }, (_, v) => v);
const COUNT_COLUMNS = sql.raw(VALUES.map((v) => `c${v}`).join(", "));
const ADD_COUNTS = sql.raw(VALUES.map((v) => `c${v} = survey_tally.c${v} + EXCLUDED.c${v}`).join(", "));

/** Adds tally rows to the counts (in key order, as `tallyRows` sorted them). */
const tallyUpsert = (rows: TallyRow[]) => sql`
  INSERT INTO survey_tally (scope, scope_id, month, question_id, question_type, audience, ${COUNT_COLUMNS})
  SELECT * FROM unnest(${rows.map((r) => r.scope)}::text[], ${rows.map((r) => r.scopeId)}::uuid[],
    ${rows.map((r) => r.month)}::date[], ${rows.map((r) => r.questionId)}::uuid[], ${rows.map((r) => r.questionType)}::text[],
    ${rows.map((r) => r.audience)}::text[], ${sql.join(VALUES.map((v) => sql`${rows.map((r) => r.counts[v] ?? 0)}::int[]`))})
  ON CONFLICT (scope, scope_id, month, question_id, audience) DO UPDATE SET ${ADD_COUNTS}`;

/** Counts scale answers in the tally, in the caller's transaction (bulk writers: the demo, the benchmark). */
export const countInTally = (tx: Db, entries: TallyEntry[]): Promise<void> =>
  addToTally(tx, tallyRows(groupEntries(entries)));

const addToTally = async (tx: Db, rows: TallyRow[]): Promise<void> => {
  for (let i = 0; i < rows.length; i += 1000) await tallyUpsert(rows.slice(i, i + 1000)).execute(tx);
};

/** Runs `work` in a transaction of its own, or in the caller's when there is one. */
const inTransaction = <T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/**
 * Adds one response's stored scale values (`array_to_string(scale_values, ',', '')`: "4,,5"; an
 * empty place is an unanswered question) to counts by place and value.
 */
export const countValues = (text: string, byValue: number[][]): void => {
  let place = 0;
  let value = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 44;
    if (code === 44) {
      if (value >= 0) {
        const counts = byValue[place] ?? Array(11).fill(0);
        counts[value] = (counts[value] ?? 0) + 1;
        byValue[place] = counts;
      }
      place += 1;
      value = -1;
    } else value = (value < 0 ? 0 : value * 10) + (code - 48);
  }
};

/** Answers folded at most per transaction, so that a long backlog is not one huge transaction. */
const FOLD_CHUNK = 5_000;

/**
 * Counts the answers still waiting to be counted (survey_tally_pending) into the tally, and says
 * how many. Each waiting answer is taken out of the waiting list and counted in the same
 * transaction, so it is counted once whoever folds at the same time: a concurrent fold waits for
 * the rows this one takes, then finds them gone. Readers call this first, so that every answer
 * committed before a read is in what it reads.
 */
export const foldPendingAnswers = async (db: Db): Promise<number> => {
  let folded = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      // Taken by row address, then the responses read by their keys: joined in one statement, the
      // planner (without statistics on PGlite) hashed all 100,000 responses to find 5,000.
      const ids = await sql<{ responseId: string }>`
        DELETE FROM survey_tally_pending
        WHERE ctid = ANY(ARRAY(SELECT ctid FROM survey_tally_pending LIMIT ${FOLD_CHUNK}))
        RETURNING response_id`.execute(tx);
      if (ids.rows.length === 0) return 0;
      const taken = await sql<{
        surveyId: string;
        audience: Audience;
        businessUnitId: string | null;
        serviceId: string | null;
        month: string;
        values: string;
      }>`
        SELECT c.survey_id, r.audience, r.business_unit_id, r.service_id,
          to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-01') AS month,
          array_to_string(r.scale_values, ',', '') AS values
        FROM survey_response r JOIN campaign c ON c.id = r.campaign_id
        WHERE r.id = ANY(${ids.rows.map((r) => r.responseId)}::uuid[])`.execute(tx);
      const surveys = [...new Set(taken.rows.map((r) => r.surveyId))];
      const questions = await sql<{ surveyId: string; id: string; type: string; position: number }>`
        SELECT survey_id, id, type, position FROM survey_question WHERE survey_id = ANY(${surveys}::uuid[])`.execute(
        tx,
      );
      const byPlace = new Map(questions.rows.map((q) => [`${q.surveyId}|${q.position}`, q]));
      // Responses alike are counted together straight from their stored values, by place in the
      // survey; the places are named as questions once per group. (An object per answer, found by
      // a string key, cost 6 µs per response: 60 ms of a fold of 10,000.)
      const alike = new Map<string, { surveyId: string; group: TallyGroup; byValue: number[][] }>();
      for (const r of taken.rows) {
        const key = `${r.surveyId}|${r.month}|${r.audience}|${r.businessUnitId}|${r.serviceId}`;
        let found = alike.get(key);
        if (!found) {
          const { surveyId, month, audience, businessUnitId, serviceId } = r;
          const group = { month, audience, businessUnitId, serviceId, questions: new Map() };
          found = { surveyId, group, byValue: [] };
          alike.set(key, found);
        }
        countValues(r.values, found.byValue);
      }
      for (const { surveyId, group, byValue } of alike.values())
        for (const [place, counts] of byValue.entries()) {
          const q = byPlace.get(`${surveyId}|${place}`);
          if (q && counts) group.questions.set(q.id, { type: q.type, counts });
        }
      await addToTally(tx, tallyRows([...alike.values()].map((a) => a.group)));
      return ids.rows.length;
    });
    folded += n;
    if (n < FOLD_CHUNK) return folded;
  }
};
