import type { CommentThemesReport, FeedbackReportQuery } from "../domain/schemas/feedback.js";
import { commentThemes } from "../domain/voice/comment-themes.js";
import { MINIMUM_GROUP_SIZE } from "../domain/voice/happiness.js";
import type { Repositories } from "../store/repositories/index.js";
import { feedbackPeriod } from "./report-happiness.js";

export interface ReportCommentThemesOptions extends FeedbackReportQuery {
  repositories: Repositories;
  maxThemes?: number;
}

/**
 * Themes of the ticket-feedback comments by frequency, with example comments (and the signer's
 * name only when they signed). Fewer than five comments in the scope show nothing.
 */
export const reportCommentThemes = async (
  options: ReportCommentThemesOptions,
): Promise<CommentThemesReport> => {
  const { repositories, maxThemes, ...query } = options;
  repositories.feedback.checkUnit(query.businessUnitId);
  const rows = await repositories.feedback.comments(feedbackPeriod(query));
  if (rows.length < MINIMUM_GROUP_SIZE) return { comments: null, suppressed: true, themes: [] };
  const byId = new Map(rows.map((row) => [row.id, row]));
  const result = commentThemes(
    rows.map((row) => ({ id: row.id, text: row.comment })),
    { maxThemes: maxThemes ?? 20 },
  );
  return {
    comments: rows.length,
    suppressed: false,
    themes: result.themes.map((theme) => ({
      theme: theme.theme,
      count: theme.count,
      sentiment: theme.sentiment,
      examples: theme.exampleIds.map((id) => ({
        comment: byId.get(id)?.comment ?? "",
        sentiment: result.sentiments[id] ?? 0,
        signedBy: byId.get(id)?.signedBy ?? null,
      })),
    })),
  };
};
