import { randomUUID } from "node:crypto";
import { digestSecret, newSecret } from "../../src/domain/credentials.js";
import type { Repositories } from "../../src/store/repositories/index.js";

/**
 * Requests for the ticket-feedback and pain-point routes in the authorization matrix: each arranges
 * what its route needs (a fresh feedback link, a pain point of the given unit) so that an allowed
 * caller succeeds. Returns null for any other route.
 */
export const feedbackMatrixRequest = async (
  sys: Repositories,
  method: string,
  path: string,
  unitId: string,
): Promise<{ url: string; payload?: object } | null> => {
  if (!/^\/api\/v1\/(feedback|feedback-links|pain-points)(\/|$)/.test(path)) return null;
  const now = new Date();
  if (path === "/api/v1/feedback-links/{token}") {
    const token = newSecret();
    // A link needs no ticket row to be answered; a fresh ticket id keeps every answer the first.
    await sys.feedback.createLinks(
      [
        {
          ticketId: randomUUID(),
          tokenHash: digestSecret(token),
          expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
        },
      ],
      now,
    );
    return { url: path.replace("{token}", token), ...(method === "POST" ? { payload: { score: 8 } } : {}) };
  }
  if (path === "/api/v1/feedback/links") return { url: path, payload: { limit: 1 } };
  if (path === "/api/v1/feedback/import")
    return { url: path, payload: { csv: "ticket,score,answered_at\n" } };
  if (path === "/api/v1/feedback/measurements") return { url: `${path}?from=2026-01-01&to=2026-01-31` };
  const input = {
    title: `Matrix pain point ${Math.random().toString(36).slice(2, 8)}`,
    description: "",
    serviceId: null,
    businessUnitId: unitId,
    frequency: "weekly" as const,
    hoursLostPerWeek: 2,
  };
  if (path === "/api/v1/pain-points" && method === "POST") return { url: path, payload: input };
  if (path.includes("{id}")) {
    const point = await sys.painPoints.create(input, now);
    const url = path.replace("{id}", point.id);
    if (path.endsWith("/triage")) return { url, payload: { status: "acknowledged" } };
    if (path.endsWith("/comments") && method === "POST") return { url, payload: { body: "Same here" } };
    return { url };
  }
  return { url: path };
};
