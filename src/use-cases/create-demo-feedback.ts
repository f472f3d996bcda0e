import { sql } from "kysely";
import { demoTicketsEnd } from "../domain/demo/nordwind-tickets.js";
import { demoFeedbackAnswer, nordwindPainPoints } from "../domain/demo/nordwind-voice.js";
import { seededRandom } from "../domain/seeded-random.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import type { FeedbackToImport } from "../store/repositories/feedback-repository.js";
import { withFeedbackTables } from "../store/repositories/feedback-tables.js";
import { createRepositories } from "../store/repositories/index.js";

export interface CreateDemoFeedbackOptions {
  db: Db;
  seed?: number;
}

const HOUR = 3_600_000;

/**
 * The demo's voice of the business: happiness answers on a share of the last six months' resolved
 * tickets and Nordwind's pain-point register, through the same repositories as real ones.
 */
export const createDemoFeedback = async ({ db, seed = 42 }: CreateDemoFeedbackOptions) => {
  const random = seededRandom(seed + 8);
  const repositories = createRepositories(db, systemActor("demo organisation"));
  const end = Date.parse(demoTicketsEnd);
  const tickets = await sql<{
    id: string;
    type: string;
    serviceName: string | null;
    reassignmentCount: number;
    resolvedAt: string;
  }>`
    SELECT t.id, t.type, s.name AS service_name, t.reassignment_count, t.resolved_at
    FROM ticket t LEFT JOIN it_service s ON s.id = t.service_id
    WHERE t.type IN ('incident', 'request') AND t.resolved_at IS NOT NULL
      AND t.opened_at >= ${new Date(end - 183 * 24 * HOUR).toISOString()}::timestamptz
    ORDER BY t.opened_at, t.id`.execute(db);
  const answers: FeedbackToImport[] = [];
  for (const ticket of tickets.rows) {
    const answer = demoFeedbackAnswer(ticket, random);
    if (answer === null) continue;
    const answeredAt = new Date(Date.parse(ticket.resolvedAt) + random.int(1, 48) * HOUR).toISOString();
    answers.push({ ticketId: ticket.id, ...answer, answeredAt });
  }
  await repositories.feedback.importAnswers(answers);

  const units = new Map(
    (await db.selectFrom("businessUnit").select(["id", "name"]).execute()).map((u) => [u.name, u.id]),
  );
  const services = new Map(
    (await db.selectFrom("itService").select(["id", "name"]).execute()).map((s) => [s.name, s.id]),
  );
  let painPoints = 0;
  for (const point of nordwindPainPoints) {
    const unitId = units.get(point.unit);
    if (unitId === undefined) continue;
    const posted = new Date(end - point.postedDaysAgo * 24 * HOUR);
    const created = await repositories.painPoints.create(
      {
        title: point.title,
        description: point.description,
        businessUnitId: unitId,
        serviceId: point.service ? (services.get(point.service) ?? null) : null,
        frequency: point.frequency,
        hoursLostPerWeek: point.hoursLostPerWeek,
      },
      posted,
    );
    painPoints += 1;
    if (point.acknowledgedAfterHours !== null) {
      const acknowledged = new Date(posted.getTime() + point.acknowledgedAfterHours * HOUR);
      await repositories.painPoints.triage(
        created.id,
        {
          status: point.status === "new" ? "acknowledged" : point.status,
          effort: point.effort,
          ...(point.reason ? { reason: point.reason } : {}),
        },
        acknowledged,
      );
    }
    // Votes of demo colleagues: stable ids from the seed, one per voter.
    if (point.votes > 0)
      await withFeedbackTables(db)
        .insertInto("painPointVote")
        .values(
          Array.from({ length: point.votes }, () => ({
            painPointId: created.id,
            userId: random.uuid(),
            createdAt: new Date(posted.getTime() + random.int(1, 72) * HOUR).toISOString(),
          })),
        )
        .execute();
    for (const [index, body] of point.comments.entries())
      await repositories.painPoints.comment(
        created.id,
        body,
        new Date(posted.getTime() + (index + 1) * 24 * HOUR),
      );
  }
  return { feedback: answers.length, painPoints };
};
