import type { PerceptionGap } from "../domain/schemas/campaign.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ComputePerceptionGapOptions {
  repositories: Repositories;
  /** YYYY-MM-DD; whole months count (the tally is monthly). Default: the last twelve months. */
  from?: string;
  to?: string;
  businessUnitId?: string;
  now: Date;
}

/** The perception gap (reference §5) of a period, within the actor's reach, largest gaps first. */
export const computePerceptionGap = (o: ComputePerceptionGapOptions): Promise<PerceptionGap> => {
  const to = o.to ?? o.now.toISOString().slice(0, 10);
  const from = o.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4, 7)}-01`;
  return o.repositories.surveyResults.perceptionGap({
    from,
    to,
    ...(o.businessUnitId ? { businessUnitId: o.businessUnitId } : {}),
  });
};
