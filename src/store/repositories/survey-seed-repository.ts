import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { digestSecret, newSecret } from "../../domain/credentials.js";
import type { Audience } from "../../domain/schemas/survey.js";
import type { Db } from "../database.js";
import {
  type CampaignInvitationTable,
  monthOfAnswer,
  type SurveyAnswerTable,
  type SurveyResponseTable,
} from "./survey-tables.js";
import { countInTally, type TallyEntry } from "./survey-tally.js";

export interface SeededResponse {
  audience: Audience;
  businessUnitId: string | null;
  submittedAt: string;
  signedName?: string | null;
  answers: { questionId: string; value?: number; text?: string }[];
}

export interface SeededCampaign {
  surveyId: string;
  name: string;
  serviceId?: string | null;
  startsAt: string;
  deadline: string;
  closedAt?: string | null;
  /** Invitations that were answered are made from the responses; these are the unanswered ones. */
  unanswered: { audience: Audience; businessUnitId: string | null }[];
  responses: SeededResponse[];
}

/**
 * Writes whole campaigns with their answers in bulk, for the demo organisation and the benchmark:
 * the same tables and tally as real submissions, without a round trip per answer. Tokens of the
 * unanswered invitations are returned (the benchmark answers through them).
 */
export class SurveySeedRepository {
  constructor(private readonly db: Db) {}

  async seed(campaigns: SeededCampaign[]): Promise<{ campaignIds: string[]; openTokens: string[] }> {
    const campaignIds: string[] = [];
    const openTokens: string[] = [];
    await this.db.transaction().execute(async (tx) => {
      const questions = new Map(
        (await tx.selectFrom("surveyQuestion").select(["id", "surveyId", "type", "position"]).execute()).map(
          (q) => [q.id, q],
        ),
      );
      const lengthOf = new Map<string, number>();
      for (const q of questions.values())
        lengthOf.set(q.surveyId, Math.max(lengthOf.get(q.surveyId) ?? 0, q.position + 1));
      const invitations: Insertable<CampaignInvitationTable>[] = [];
      const responses: Insertable<SurveyResponseTable>[] = [];
      const answers: Insertable<SurveyAnswerTable>[] = [];
      const tally: TallyEntry[] = [];
      for (const c of campaigns) {
        const id = randomUUID();
        campaignIds.push(id);
        await tx
          .insertInto("campaign")
          .values({
            id,
            surveyId: c.surveyId,
            name: c.name,
            serviceId: c.serviceId ?? null,
            startsAt: c.startsAt,
            deadline: c.deadline,
            reminderDays: [],
            closedAt: c.closedAt ?? null,
            createdBy: "system:seed",
          })
          .execute();
        const invite = (audience: Audience, businessUnitId: string | null, usedAt: string | null) => {
          const token = newSecret();
          if (usedAt === null) openTokens.push(token);
          invitations.push({
            id: randomUUID(),
            campaignId: id,
            tokenHash: digestSecret(token),
            email: null,
            personId: null,
            audience,
            businessUnitId,
            expiresAt: c.deadline,
            usedAt,
          });
        };
        for (const u of c.unanswered) invite(u.audience, u.businessUnitId, null);
        for (const r of c.responses) {
          invite(r.audience, r.businessUnitId, r.submittedAt);
          const responseId = randomUUID();
          // Scale answers by question position (see migration 20261126000000), words as rows.
          const scaleValues: (number | null)[] = Array(lengthOf.get(c.surveyId) ?? 0).fill(null);
          for (const a of r.answers) {
            const q = questions.get(a.questionId);
            if (!q) throw new Error(`a seeded answer names question ${a.questionId}, which does not exist`);
            if (a.value !== undefined) scaleValues[q.position] = a.value;
            if (a.text !== undefined)
              answers.push({ responseId, questionId: a.questionId, choice: null, text: a.text });
          }
          responses.push({
            id: responseId,
            campaignId: id,
            audience: r.audience,
            businessUnitId: r.businessUnitId,
            serviceId: c.serviceId ?? null,
            signedName: r.signedName ?? null,
            submittedAt: monthOfAnswer(r.submittedAt),
            scaleValues,
          });
          tally.push({
            month: monthOfAnswer(r.submittedAt).slice(0, 10),
            audience: r.audience,
            businessUnitId: r.businessUnitId,
            serviceId: c.serviceId ?? null,
            answers: r.answers
              .filter((a) => a.value !== undefined)
              .map((a) => ({
                questionId: a.questionId,
                type: questions.get(a.questionId)?.type ?? "likert",
                value: a.value as number,
              })),
          });
        }
      }
      for (let i = 0; i < invitations.length; i += 2000)
        await tx
          .insertInto("campaignInvitation")
          .values(invitations.slice(i, i + 2000))
          .execute();
      for (let i = 0; i < responses.length; i += 2000)
        await tx
          .insertInto("surveyResponse")
          .values(responses.slice(i, i + 2000))
          .execute();
      for (let i = 0; i < answers.length; i += 2000)
        await tx
          .insertInto("surveyAnswer")
          .values(answers.slice(i, i + 2000))
          .execute();
      await countInTally(tx, tally);
    });
    return { campaignIds, openTokens };
  }
}
