import type { Scorecard } from "../../../src/domain/schemas/scorecard.js";
import { optionalGet } from "./optional-get.js";

export type { Scorecard };

/** A service's (or unit's) scorecard for a period, or null when this Tandem measures no service performance. */
export const scorecardOf = (
  query: { from: string; to: string; serviceId?: string; businessUnitId?: string },
  signal?: AbortSignal,
): Promise<Scorecard | null> => {
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
