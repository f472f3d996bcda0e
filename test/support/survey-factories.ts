import type { CampaignInput } from "../../src/domain/schemas/campaign.js";
import type { SubmissionInput, Survey } from "../../src/domain/schemas/survey.js";
import type { Db } from "../../src/store/database.js";
import type { IssuedInvitation } from "../../src/store/repositories/campaign-repository.js";
import type { Repositories } from "../../src/store/repositories/index.js";
import { SurveyLinkRepository } from "../../src/store/repositories/survey-link-repository.js";
import { makeBusinessUnit, makePerson } from "./factories.js";

export const CAMPAIGN_START = "2026-11-01T08:00:00Z";
export const CAMPAIGN_DEADLINE = "2026-11-30T18:00:00Z";
/** An instant while the campaigns made here are open. */
export const DURING = new Date("2026-11-10T12:00:00Z");

/** A unit with this many people in it (each with an e-mail address). */
export const makeStaffedUnit = async (r: Repositories, name: string, people: number, parentId?: string) => {
  const unit = await makeBusinessUnit(r, { name, ...(parentId ? { parentId } : {}) });
  const staff = [];
  for (let i = 0; i < people; i++)
    staff.push(await makePerson(r, { businessUnitId: unit.id, name: `${name} person ${i + 1}` }));
  return { unit, staff };
};

export const makeItStaff = async (r: Repositories, n: number) => {
  const staff = [];
  for (let i = 0; i < n; i++) staff.push(await makePerson(r, { name: `IT person ${i + 1}` }));
  return staff;
};

export const issueCampaign = async (
  r: Repositories,
  o: Partial<CampaignInput> & { surveyId: string },
): Promise<{ campaignId: string; invitations: IssuedInvitation[] }> => {
  const { campaign, invitations } = await r.campaigns.create({
    name: `Campaign ${Math.random().toString(36).slice(2, 8)}`,
    startsAt: CAMPAIGN_START,
    deadline: CAMPAIGN_DEADLINE,
    ...o,
  });
  return { campaignId: campaign.id, invitations };
};

/** Every Likert statement answered with `value(statementIndex)`, free text left out. */
export const likertSubmission = (survey: Survey, value: (index: number) => number): SubmissionInput => ({
  answers: survey.questions
    .filter((q) => q.type === "likert")
    .map((q, i) => ({ questionId: q.id, value: value(i) })),
});

export const submit = (db: Db, token: string, submission: SubmissionInput, at: Date = DURING) =>
  new SurveyLinkRepository(db).submit(token, submission, at);
