import type { Generated } from "kysely";
import type { Db } from "../database.js";

/** The voice-of-the-business tables of migration 20261125220000, added to the store's schema. */
export type FeedbackTables = {
  feedbackLink: {
    id: string;
    ticketId: string;
    tokenHash: string;
    createdAt: string;
    expiresAt: string;
    usedAt: string | null;
    createdBy: string;
  };
  ticketFeedback: {
    id: string;
    ticketId: string;
    score: number;
    lostMinutes: number | null;
    comment: string;
    signedBy: string | null;
    source: "link" | "import";
    answeredAt: string;
    createdAt: Generated<string>;
  };
  painPoint: {
    id: string;
    title: string;
    description: string;
    serviceId: string | null;
    businessUnitId: string;
    frequency: string;
    hoursLostPerWeek: number | string;
    status: string;
    effort: string | null;
    statusReason: string | null;
    postedBy: string;
    postedByUserId: string | null;
    createdAt: string;
    acknowledgedAt: string | null;
    closedAt: string | null;
    updatedAt: string;
  };
  painPointVote: { painPointId: string; userId: string; createdAt: string };
  painPointComment: { id: string; painPointId: string; body: string; author: string; createdAt: string };
};

export const withFeedbackTables = (db: Db) => db.withTables<FeedbackTables>();
