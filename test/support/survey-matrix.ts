import type { Repositories } from "../../src/store/repositories/index.js";

/**
 * Requests for the survey routes in the authorization matrix: each arranges what its route needs
 * (a campaign of the given unit, a fresh survey link) so that an allowed caller succeeds.
 * Returns null for any other route.
 */
export const surveyMatrixRequest = async (
  sys: Repositories,
  method: string,
  path: string,
  unitId: string,
): Promise<{ url: string; payload?: object } | null> => {
  if (!/^\/api\/v1\/(surveys|campaigns|perception-gap|survey-links)/.test(path)) return null;
  const survey = await sys.surveys.valuePerception();
  const now = Date.now();
  const newCampaign = () =>
    sys.campaigns.create({
      surveyId: survey.id,
      name: `Matrix campaign ${Math.random().toString(36).slice(2, 8)}`,
      startsAt: new Date(now - 86_400_000).toISOString(),
      deadline: new Date(now + 30 * 86_400_000).toISOString(),
      businessUnitIds: [unitId],
    });
  if (path === "/api/v1/surveys" && method === "POST")
    return {
      url: path,
      payload: {
        name: `Matrix survey ${Math.random().toString(36).slice(2, 8)}`,
        questions: [{ type: "csat", text: "Happy?" }],
      },
    };
  if (path === "/api/v1/surveys/{id}") return { url: path.replace("{id}", survey.id) };
  if (path === "/api/v1/campaigns" && method === "POST")
    return {
      url: path,
      payload: {
        surveyId: survey.id,
        name: "Matrix",
        startsAt: new Date(now - 86_400_000).toISOString(),
        deadline: new Date(now + 30 * 86_400_000).toISOString(),
        businessUnitIds: [unitId],
      },
    };
  if (path.includes("{id}")) return { url: path.replace("{id}", (await newCampaign()).campaign.id) };
  if (path.includes("{token}")) {
    const token = (await newCampaign()).invitations[0]?.token ?? "none";
    return {
      url: path.replace("{token}", token),
      ...(method === "POST"
        ? {
            payload: {
              answers: survey.questions
                .filter((q) => q.type === "likert")
                .map((q) => ({ questionId: q.id, value: 3 })),
            },
          }
        : {}),
    };
  }
  return { url: path };
};
