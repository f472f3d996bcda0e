import { anonymisedTotal, emptyTally } from "../domain/voice/happiness.js";
import type { Repositories } from "../store/repositories/index.js";
import { feedbackPeriod } from "./report-happiness.js";

export interface MeasureHappinessOptions {
  repositories: Repositories;
  /** First day of the period (YYYY-MM-DD, UTC). */
  from: string;
  /** Last day of the period, included. */
  to: string;
  businessUnitId?: string;
}

export interface HappinessMeasurement {
  /** True when fewer than five answered: every figure is then null. */
  suppressed: boolean;
  respondents: number | null;
  /** Happiness: % of 9-10 answers minus % of 0-6 answers, -100..100. */
  happiness: number | null;
  /** Mean work time lost per ticket, in minutes, over the answers that gave one. */
  meanLostMinutes: number | null;
}

/** Ticket happiness and lost time of one period (and unit), as a KPI source. */
export const measureHappiness = async (options: MeasureHappinessOptions): Promise<HappinessMeasurement> => {
  const { repositories, from, to, businessUnitId } = options;
  repositories.feedback.checkUnit(businessUnitId);
  const rows = await repositories.feedback.tallies(
    feedbackPeriod({ from, to, ...(businessUnitId ? { businessUnitId } : {}) }),
  );
  const total = rows.find((row) => row.dimension === "total");
  return anonymisedTotal(total ?? emptyTally());
};
