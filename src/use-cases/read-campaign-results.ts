import type { CampaignResults } from "../domain/schemas/campaign.js";
import { commentThemes } from "../domain/voice/comment-themes.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ReadCampaignResultsOptions {
  repositories: Repositories;
  campaignId: string;
  now: Date;
}

/** A campaign's response rates and its results per question and audience, groups under five withheld. */
export const readCampaignResults = async (o: ReadCampaignResultsOptions): Promise<CampaignResults> => {
  const campaign = await o.repositories.campaigns.get(o.campaignId, o.now);
  const [responseRates, questions] = await Promise.all([
    o.repositories.campaigns.responseRates(o.campaignId),
    o.repositories.surveyResults.campaignQuestions(o.campaignId),
  ]);
  return { campaign, responseRates, questions: questions.map(withThemes) };
};

/** Free-text results get their comments' themes and sentiment (only when shown: five or more). */
const withThemes = (q: CampaignResults["questions"][number]): CampaignResults["questions"][number] => {
  if (!q.comments || q.comments.length === 0) return q;
  const comments = q.comments.map((c, i) => ({ id: String(i), text: c.text }));
  const { themes } = commentThemes(comments, { minCount: 2, maxThemes: 10, examplesPerTheme: 2 });
  return {
    ...q,
    themes: themes.map((t) => ({
      theme: t.theme,
      count: t.count,
      sentiment: t.sentiment,
      examples: t.exampleIds.map((id) => comments[Number(id)]?.text ?? ""),
    })),
  };
};

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet; quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The results as CSV, one row per question, audience and value; withheld groups carry no figures. */
export const campaignResultsCsv = (results: CampaignResults): string => {
  const lines = [
    [
      "question",
      "type",
      "audience",
      "respondents",
      "suppressed",
      "mean",
      "favourable_pct",
      "score",
      "value",
      "answers",
    ].join(","),
  ];
  for (const q of results.questions) {
    const head = [q.text, q.type, q.audience, q.respondents, q.suppressed, q.mean, q.favourablePct, q.score];
    const values =
      q.distribution?.map((d) => [d.value, d.answers]) ?? q.choices?.map((c) => [c.choice, c.answers]) ?? [];
    if (values.length === 0) lines.push([...head, "", ""].map(csvCell).join(","));
    for (const [value, answers] of values) lines.push([...head, value, answers].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
};
