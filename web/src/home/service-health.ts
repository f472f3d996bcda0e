import type { Scorecard } from "../../../src/domain/schemas/scorecard.js";
import { useApi } from "../api/use-api.js";
import { periodRange } from "../components/use-url-state.js";
import { optionalGet } from "./optional-get.js";

export type { Scorecard };

type ServiceScorecards = { services: { serviceId: string; scorecard: Scorecard }[] };

/** Every service's scorecard of a period, fetched once and shared by the rows that ask (for a minute). */
const batches = new Map<string, { at: number; answer: Promise<ServiceScorecards | null> }>();
const servicesScorecards = (from: string, to: string): Promise<ServiceScorecards | null> => {
  const key = `${from}|${to}`;
  const cached = batches.get(key);
  if (cached && Date.now() - cached.at < 60_000) return cached.answer;
  const answer = optionalGet<ServiceScorecards>(`/api/v1/metrics/services?from=${from}&to=${to}`);
  // A failed batch is not kept: the next row (or a retry) asks again.
  answer.catch(() => batches.delete(key));
  batches.set(key, { at: Date.now(), answer });
  return answer;
};

/** A service's (or unit's) scorecard for a period, or null when this Tandem measures no service performance. */
export const scorecardOf = async (
  query: { from: string; to: string; serviceId?: string; businessUnitId?: string },
  signal?: AbortSignal,
): Promise<Scorecard | null> => {
  if (query.serviceId && !query.businessUnitId) {
    // One request for all the services on a page, not one per service.
    const found = (await servicesScorecards(query.from, query.to))?.services.find(
      (s) => s.serviceId === query.serviceId,
    );
    if (found) return found.scorecard;
  }
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.serviceId) params.set("serviceId", query.serviceId);
  if (query.businessUnitId) params.set("businessUnitId", query.businessUnitId);
  return optionalGet<{ scorecard: Scorecard }>(`/api/v1/metrics/scorecard?${params}`, signal).then(
    (answer) => answer?.scorecard ?? null,
  );
};

export type Health = "good" | "watch" | "poor" | "unknown";

/** The share of tickets resolved within the promised time below which a service needs watching. */
const SLA_WATCH_PCT = 90;
const SLA_POOR_PCT = 75;

/**
 * Plain-language health of a service from its scorecard: poor when it missed its availability
 * target or resolved under 75% in time; watch when under 90% in time; unknown without data.
 */
export const healthOf = (card: Scorecard | null): Health => {
  if (!card) return "unknown";
  const { availabilityPct: availability, availabilityTargetPct: target, slaAttainmentPct: sla } = card;
  if (availability === null && sla === null) return "unknown";
  if (
    (availability !== null && target !== null && availability < target) ||
    (sla !== null && sla < SLA_POOR_PCT)
  )
    return "poor";
  if (sla !== null && sla < SLA_WATCH_PCT) return "watch";
  return "good";
};

export const healthLabels: Record<Health, string> = {
  good: "Running well",
  watch: "Needs watching",
  poor: "Falling short",
  unknown: "Not measured yet",
};

export const healthTone = (health: Health): "good" | "warn" | "bad" | undefined =>
  health === "good" ? "good" : health === "watch" ? "warn" : health === "poor" ? "bad" : undefined;

/** A service's scorecard for a period value (`?period=`) and its health, loading on its own. */
export const useServiceHealth = (serviceId: string, period: string) => {
  const card = useApi(
    (signal) => scorecardOf({ ...periodRange(period), serviceId }, signal),
    [serviceId, period],
  );
  const scorecard = card.data;
  return {
    card,
    scorecard,
    pending: card.loading && !scorecard,
    health: healthOf(scorecard ?? null),
  };
};
