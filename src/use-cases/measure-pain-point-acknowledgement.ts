import type { PainPointAcknowledgement } from "../domain/schemas/pain-point.js";
import { hoursBetween } from "../domain/voice/pain-point-triage.js";
import type { Repositories } from "../store/repositories/index.js";
import { feedbackPeriod } from "./report-happiness.js";

export interface MeasurePainPointAcknowledgementOptions {
  repositories: Repositories;
  /** First day of the period (YYYY-MM-DD, UTC). */
  from: string;
  /** Last day of the period, included. */
  to: string;
  businessUnitId?: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Pain-point time to acknowledge, as a KPI source. Time to acknowledge: acknowledged_at - created_at
 * over the pain points acknowledged in the period, in hours (mean and median).
 */
export const measurePainPointAcknowledgement = async (
  options: MeasurePainPointAcknowledgementOptions,
): Promise<PainPointAcknowledgement> => {
  const period = feedbackPeriod({ from: options.from, to: options.to });
  const from = period.from ?? "";
  const to = period.to ?? "";
  const times = await options.repositories.painPoints.acknowledgementTimes({
    from,
    to,
    ...(options.businessUnitId ? { businessUnitId: options.businessUnitId } : {}),
  });
  const hours = times.acknowledgedHours;
  const n = hours.length;
  const median =
    n === 0
      ? null
      : n % 2 === 1
        ? (hours[(n - 1) / 2] ?? 0)
        : ((hours[n / 2 - 1] ?? 0) + (hours[n / 2] ?? 0)) / 2;
  const oldest = times.waitingSince[0];
  return {
    acknowledged: n,
    meanHoursToAcknowledge: n === 0 ? null : round1(hours.reduce((a, b) => a + b, 0) / n),
    medianHoursToAcknowledge: median === null ? null : round1(median),
    waiting: times.waitingSince.length,
    oldestWaitingHours: oldest === undefined ? null : hoursBetween(oldest, to),
  };
};
