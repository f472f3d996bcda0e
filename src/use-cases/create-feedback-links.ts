import { digestSecret, newSecret } from "../domain/credentials.js";
import type { Repositories } from "../store/repositories/index.js";
import { feedbackPeriod } from "./report-happiness.js";

export interface CreateFeedbackLinksOptions {
  repositories: Repositories;
  now: Date;
  /** Tickets resolved on or after this day (YYYY-MM-DD, UTC). */
  resolvedFrom?: string;
  /** Tickets resolved before this day. */
  resolvedTo?: string;
  ticketIds?: string[];
  /** Days a link stays usable (default 14). */
  validDays?: number;
  /** At most this many links (default 500). */
  limit?: number;
}

export interface CreatedFeedbackLink {
  ticketId: string;
  ticketNumber: string;
  /** The secret: shown now and never again (only its hash is stored). */
  token: string;
  /** Path of the answer page on the Tandem web app. */
  path: string;
  expiresAt: string;
}

/** The answer page a link opens; the token travels in the path, never in a query a proxy might log. */
export const feedbackAnswerPath = (token: string): string => `/feedback/${token}`;

/**
 * One single-use, expiring link per resolved ticket that has no link and no answer yet. Creating
 * again later covers newly resolved tickets only.
 */
export const createFeedbackLinks = async (
  options: CreateFeedbackLinksOptions,
): Promise<CreatedFeedbackLink[]> => {
  const { repositories, now } = options;
  // Checks the days as the reports do (a CLI flag reaches here unparsed).
  feedbackPeriod({
    ...(options.resolvedFrom ? { from: options.resolvedFrom } : {}),
    ...(options.resolvedTo ? { to: options.resolvedTo } : {}),
  });
  const tickets = await repositories.feedback.ticketsToAsk({
    ...(options.resolvedFrom ? { resolvedFrom: `${options.resolvedFrom}T00:00:00Z` } : {}),
    ...(options.resolvedTo ? { resolvedTo: `${options.resolvedTo}T00:00:00Z` } : {}),
    ...(options.ticketIds ? { ticketIds: options.ticketIds } : {}),
    limit: options.limit ?? 500,
  });
  const expiresAt = new Date(now.getTime() + (options.validDays ?? 14) * 86_400_000).toISOString();
  const links = tickets.map((ticket) => {
    const token = newSecret();
    return { ticket, token, tokenHash: digestSecret(token) };
  });
  await repositories.feedback.createLinks(
    links.map((link) => ({ ticketId: link.ticket.id, tokenHash: link.tokenHash, expiresAt })),
    now,
  );
  return links.map((link) => ({
    ticketId: link.ticket.id,
    ticketNumber: link.ticket.number,
    token: link.token,
    path: feedbackAnswerPath(link.token),
    expiresAt,
  }));
};
