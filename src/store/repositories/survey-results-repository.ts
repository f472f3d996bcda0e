import { sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { GapRow } from "../../domain/schemas/campaign.js";
import type { Audience, QuestionType } from "../../domain/schemas/survey.js";
import { isSuppressedTotal, MINIMUM_GROUP, suppressedGroups } from "../../domain/surveys/anonymity.js";
import { perceptionGapOf } from "../../domain/surveys/perception-gap.js";
import {
  agreePct,
  csatPct,
  type Distribution,
  meanOf,
  netPromoterScore,
  oneDecimal,
  respondentsOf,
} from "../../domain/surveys/scoring.js";
import { inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { NIL_UUID } from "./survey-tables.js";
import { foldPendingAnswers } from "./survey-tally.js";

/** A period of whole months: the tally counts by month of submission. */
export interface SurveyPeriod {
  /** First day, YYYY-MM-DD (its month counts whole). */
  from: string;
  /** Last day, YYYY-MM-DD (its month counts whole). */
  to: string;
  businessUnitId?: string;
}

/** One figure for a KPI: null when nobody answered or fewer than the minimum group did. */
export interface SurveyFigure {
  value: number | null;
  respondents: number;
  suppressed: boolean;
}

interface TallyRow {
  scopeId: string;
  questionId: string;
  audience: Audience;
  value: number;
  answers: number;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
/** sum(c0)::int AS s0, ... sum(c10)::int AS s10: one column per answer value (plain ints read fastest). */
const SUMS = sql.raw(Array.from({ length: 11 }, (_, v) => `sum(c${v})::int AS s${v}`).join(", "));

const distributionsBy = <K extends string>(rows: TallyRow[], keyOf: (r: TallyRow) => K) => {
  const out = new Map<K, Distribution[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const d = out.get(k) ?? [];
    const existing = d.find((x) => x.value === r.value);
    if (existing) existing.answers += r.answers;
    else d.push({ value: r.value, answers: r.answers });
    out.set(k, d);
  }
  return out;
};

/**
 * Results of surveys: per campaign from the answers, and across campaigns from the tally. No
 * figure of fewer than five respondents leaves this repository, nor one that could be derived
 * by subtracting the shown groups from a shown total. A business stakeholder's answers are
 * limited to their units; the service breakdown spans every unit and is not shown to them.
 */
export class SurveyResultsRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  private units() {
    return scopeUnits(this.actor);
  }

  /** Per question and audience of one campaign (which the caller has already read, so may see). */
  async campaignQuestions(campaignId: string) {
    requirePermission(this.actor, "graph:read");
    const units = this.units();
    const scope = units === null ? sql<boolean>`true` : inUnits("r.business_unit_id", units);
    const questions = await sql<{
      id: string;
      type: QuestionType;
      text: string;
      mirrorText: string | null;
      choices: string[];
    }>`
      SELECT q.id, q.type, q.text, q.mirror_text, q.choices FROM survey_question q
      JOIN campaign c ON c.survey_id = q.survey_id WHERE c.id = ${campaignId} ORDER BY q.position`.execute(
      this.db,
    );
    const answers = await sql<{
      questionId: string;
      audience: Audience;
      value: number | null;
      choice: string | null;
      text: string | null;
      signedName: string | null;
    }>`
      SELECT q.id AS question_id, r.audience, r.scale_values[q.position + 1] AS value,
             NULL AS choice, NULL AS text, r.signed_name
      FROM survey_response r JOIN campaign c ON c.id = r.campaign_id
      JOIN survey_question q ON q.survey_id = c.survey_id
      WHERE r.campaign_id = ${campaignId} AND ${scope} AND r.scale_values[q.position + 1] IS NOT NULL
      UNION ALL
      SELECT a.question_id, r.audience, NULL, a.choice, a.text, r.signed_name
      FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
      WHERE r.campaign_id = ${campaignId} AND ${scope}`.execute(this.db);
    const audiences = [...new Set(answers.rows.map((a) => a.audience))].sort();
    return questions.rows.flatMap((q) =>
      audiences.map((audience) => {
        const mine = answers.rows.filter((a) => a.questionId === q.id && a.audience === audience);
        const respondents = mine.length;
        const suppressed = respondents < MINIMUM_GROUP;
        const base = {
          questionId: q.id,
          type: q.type,
          text: audience === "it" && q.mirrorText ? q.mirrorText : q.text,
          audience,
          respondents,
          suppressed,
          mean: null as number | null,
          favourablePct: null as number | null,
          score: null as number | null,
          distribution: null as Distribution[] | null,
          choices: null as { choice: string; answers: number }[] | null,
          comments: null as { text: string; signedBy: string | null }[] | null,
        };
        if (suppressed) return base;
        if (q.type === "single_choice")
          return {
            ...base,
            choices: q.choices.map((choice) => ({
              choice,
              answers: mine.filter((a) => a.choice === choice).length,
            })),
          };
        if (q.type === "free_text")
          return {
            ...base,
            // Sorted by text, not by time, so that order cannot tie a comment to a respondent.
            comments: mine
              .filter((a) => a.text)
              .map((a) => ({ text: a.text as string, signedBy: a.signedName }))
              .sort((a, b) => a.text.localeCompare(b.text)),
          };
        const d =
          distributionsBy(
            mine.map((a) => ({
              scopeId: "",
              questionId: q.id,
              audience,
              value: a.value as number,
              answers: 1,
            })),
            () => "x",
          ).get("x") ?? [];
        d.sort((a, b) => a.value - b.value);
        return {
          ...base,
          distribution: d,
          mean: oneDecimal(meanOf(d)),
          favourablePct: q.type === "csat" || q.type === "likert" ? oneDecimal(agreePct(d)) : null,
          score: q.type === "nps" || q.type === "enps" ? oneDecimal(netPromoterScore(d)) : null,
        };
      }),
    );
  }

  private async tally(
    scope: "all" | "unit" | "service",
    period: SurveyPeriod,
    types: QuestionType[],
    scopeIds?: string[],
  ): Promise<TallyRow[]> {
    // Answers not yet counted are counted first, so that a figure includes every answer committed
    // before it was asked for (with nothing waiting, this is one quick statement).
    await foldPendingAnswers(this.db);
    const rows = await sql<
      { scopeId: string; questionId: string; audience: Audience } & Record<string, number>
    >`
      SELECT scope_id, question_id, audience, ${SUMS}
      FROM survey_tally
      WHERE scope = ${scope} AND question_type = ANY(${types}::text[])
        AND month >= ${monthOf(period.from)}::date AND month <= ${monthOf(period.to)}::date
        ${scopeIds ? sql`AND scope_id = ANY(${scopeIds}::uuid[])` : sql``}
      GROUP BY scope_id, question_id, audience`.execute(this.db);
    const out: TallyRow[] = [];
    for (const r of rows.rows)
      for (let value = 0; value <= 10; value++) {
        const answers = r[`s${value}`] ?? 0;
        if (answers > 0)
          out.push({ scopeId: r.scopeId, questionId: r.questionId, audience: r.audience, value, answers });
      }
    return out;
  }

  /** The units whose answers the figure may count: a named unit (within reach), the reach, or all. */
  private unitFilter(businessUnitId: string | undefined): string[] | null {
    const units = this.units();
    if (businessUnitId === undefined) return units;
    if (units !== null && !units.includes(businessUnitId))
      throw new TandemError("not_found", `no business unit ${businessUnitId}`);
    return [businessUnitId];
  }

  private async figure(
    period: SurveyPeriod,
    type: QuestionType,
    audience: Audience,
    score: (d: Distribution[]) => number | null,
  ): Promise<SurveyFigure> {
    requirePermission(this.actor, "graph:read");
    const units = this.unitFilter(period.businessUnitId);
    const rows =
      units === null
        ? await this.tally("all", period, [type])
        : await this.tally("unit", period, [type], units);
    const d =
      distributionsBy(
        rows.filter((r) => r.audience === audience),
        () => "x",
      ).get("x") ?? [];
    const respondents = respondentsOf(d);
    const suppressed = isSuppressedTotal(respondents);
    return { value: suppressed ? null : oneDecimal(score(d)), respondents, suppressed };
  }

  // CSAT (reference §5): % of 4-5 answers to CSAT questions from the business in the period.
  csat(period: SurveyPeriod): Promise<SurveyFigure> {
    return this.figure(period, "csat", "business", csatPct);
  }

  // NPS (reference §5): % 9-10 minus % 0-6 of NPS answers from the business in the period.
  nps(period: SurveyPeriod): Promise<SurveyFigure> {
    return this.figure(period, "nps", "business", netPromoterScore);
  }

  // eNPS (reference §5): % 9-10 minus % 0-6 of eNPS answers in the period (asked of IT staff).
  async enps(period: SurveyPeriod): Promise<SurveyFigure> {
    const asIt = await this.figure(period, "enps", "it", netPromoterScore);
    return asIt.respondents > 0 ? asIt : this.figure(period, "enps", "business", netPromoterScore);
  }

  /**
   * The perception gap of the period: per statement (Likert questions with a mirror phrasing)
   * for the organisation (or the stakeholder's units), per business unit and per service.
   */
  async perceptionGap(period: SurveyPeriod) {
    requirePermission(this.actor, "graph:read");
    const reach = this.unitFilter(period.businessUnitId);
    const statements = await sql<{ id: string; text: string; mirrorText: string }>`
      SELECT id, text, mirror_text FROM survey_question WHERE type = 'likert' AND mirror_text IS NOT NULL`.execute(
      this.db,
    );
    const statementOf = new Map(statements.rows.map((s) => [s.id, s]));
    // On PostgreSQL the three reads run side by side on the pool.
    const [unitTally, allTally, serviceTally] = await Promise.all([
      this.tally("unit", period, ["likert"], reach ?? undefined),
      reach === null ? this.tally("all", period, ["likert"]) : Promise.resolve([]),
      reach === null ? this.tally("service", period, ["likert"]) : Promise.resolve([]),
    ]);
    const mirrored = (r: TallyRow) => statementOf.has(r.questionId);
    const unitRows = unitTally.filter(mirrored);
    const overallRows =
      reach === null ? allTally.filter(mirrored) : unitRows.filter((r) => r.scopeId !== NIL_UUID);
    const serviceRows = serviceTally.filter(mirrored);

    const rowOf = (
      questionId: string,
      business: Distribution[],
      it: Distribution[],
      bSup: boolean,
      iSup: boolean,
    ): GapRow => {
      const s = statementOf.get(questionId) as { text: string; mirrorText: string };
      return {
        questionId,
        statement: s.text,
        mirrorStatement: s.mirrorText,
        ...perceptionGapOf(business, it, bSup, iSup),
      };
    };
    const byGap = (a: GapRow, b: GapRow) =>
      Math.abs(b.gapPoints ?? -1) - Math.abs(a.gapPoints ?? -1) || a.statement.localeCompare(b.statement);

    const overallD = distributionsBy(overallRows, (r) => `${r.questionId}|${r.audience}`);
    const questionIds = [...new Set(overallRows.map((r) => r.questionId))];
    const overall = questionIds
      .map((q) => {
        const b = overallD.get(`${q}|business`) ?? [];
        const i = overallD.get(`${q}|it`) ?? [];
        return rowOf(q, b, i, isSuppressedTotal(respondentsOf(b)), isSuppressedTotal(respondentsOf(i)));
      })
      .sort(byGap);

    const groups = async (rows: TallyRow[], kind: "unit" | "service") => {
      const d = distributionsBy(rows, (r) => `${r.scopeId}|${r.questionId}|${r.audience}`);
      const ids = [...new Set(rows.map((r) => r.scopeId))];
      // Complementary suppression per statement and side, across the groups of this breakdown;
      // answers without a unit or service are part of the total but never shown on their own.
      const withheld = new Set<string>();
      for (const q of questionIds)
        for (const audience of ["business", "it"] as const) {
          const sizes = ids.map((id) => ({
            key: id,
            respondents: respondentsOf(d.get(`${id}|${q}|${audience}`) ?? []),
            hidden: id === NIL_UUID,
          }));
          for (const id of suppressedGroups(sizes)) withheld.add(`${id}|${q}|${audience}`);
        }
      const shownIds = ids.filter((id) => id !== NIL_UUID);
      const names = new Map(
        shownIds.length === 0
          ? []
          : (
              await sql<{
                id: string;
                name: string;
              }>`SELECT id, name FROM ${sql.table(kind === "unit" ? "business_unit" : "it_service")} WHERE id = ANY(${shownIds}::uuid[])`.execute(
                this.db,
              )
            ).rows.map((r) => [r.id, r.name]),
      );
      return shownIds
        .map((id) => ({
          kind,
          id,
          name: names.get(id) ?? "(removed)",
          rows: questionIds
            .filter((q) => d.has(`${id}|${q}|business`) || d.has(`${id}|${q}|it`))
            .map((q) =>
              rowOf(
                q,
                d.get(`${id}|${q}|business`) ?? [],
                d.get(`${id}|${q}|it`) ?? [],
                withheld.has(`${id}|${q}|business`),
                withheld.has(`${id}|${q}|it`),
              ),
            )
            .sort(byGap),
        }))
        .sort(
          (a, b) =>
            Math.abs(b.rows[0]?.gapPoints ?? 0) - Math.abs(a.rows[0]?.gapPoints ?? 0) ||
            a.name.localeCompare(b.name),
        );
    };

    return {
      from: period.from,
      to: period.to,
      minimumGroup: MINIMUM_GROUP,
      overall,
      units: await groups(unitRows, "unit"),
      services: await groups(serviceRows, "service"),
    };
  }

  /** One statement's gap in the period, for a KPI: IT's % agreeing minus the business's, in points. */
  async perceptionGapOfStatement(
    questionId: string,
    period: SurveyPeriod,
  ): Promise<SurveyFigure & { significant: boolean }> {
    const gap = await this.perceptionGap(period);
    const row = period.businessUnitId
      ? gap.units.find((u) => u.id === period.businessUnitId)?.rows.find((r) => r.questionId === questionId)
      : gap.overall.find((r) => r.questionId === questionId);
    if (!row) return { value: null, respondents: 0, suppressed: false, significant: false };
    return {
      value: row.gapPoints,
      respondents: row.business.respondents + row.it.respondents,
      suppressed: row.business.suppressed || row.it.suppressed,
      significant: row.significant,
    };
  }
}
