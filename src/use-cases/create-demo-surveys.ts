import { nordwindSurveyCampaign } from "../domain/demo/nordwind-surveys.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { SurveyRepository } from "../store/repositories/survey-repository.js";
import { SurveySeedRepository } from "../store/repositories/survey-seed-repository.js";

/** The demo's value-perception campaign with its answers, so the perception-gap view has a story. */
export const createDemoSurveys = async ({ db, seed = 42 }: { db: Db; seed?: number }) => {
  const survey = await new SurveyRepository(db, systemActor("demo organisation")).valuePerception();
  const statements = survey.questions.filter((q) => q.type === "likert");
  const comment = survey.questions.find((q) => q.type === "free_text");
  const units = new Map(
    (await db.selectFrom("businessUnit").select(["id", "name"]).execute()).map((u) => [u.name, u.id]),
  );
  const unitId = (name: string | null) => (name === null ? null : (units.get(name) ?? null));
  const demo = nordwindSurveyCampaign(seed);
  const { campaignIds } = await new SurveySeedRepository(db).seed([
    {
      surveyId: survey.id,
      name: demo.name,
      startsAt: demo.startsAt,
      deadline: demo.deadline,
      closedAt: demo.closedAt,
      unanswered: demo.unanswered.map((u) => ({ audience: u.audience, businessUnitId: unitId(u.unit) })),
      responses: demo.responses.map((r) => ({
        audience: r.audience,
        businessUnitId: unitId(r.unit),
        submittedAt: r.submittedAt,
        signedName: r.signedName,
        answers: [
          ...statements.map((q, i) => ({ questionId: q.id, value: r.values[i] as number })),
          ...(r.comment && comment ? [{ questionId: comment.id, text: r.comment }] : []),
        ],
      })),
    },
  ]);
  return { campaignId: campaignIds[0] as string, responses: demo.responses.length };
};
