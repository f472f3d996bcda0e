import { TandemError } from "../domain/errors.js";
import {
  type FeedbackReportQuery,
  type HappinessDimension,
  type HappinessReport,
  happinessDimensions,
} from "../domain/schemas/feedback.js";
import {
  type AnswerTally,
  anonymisedGroups,
  anonymisedTotal,
  emptyTally,
  happinessBenchmark,
  MINIMUM_GROUP_SIZE,
} from "../domain/voice/happiness.js";
import type { FeedbackPeriod, FeedbackTallyRow } from "../store/repositories/feedback-repository.js";
import type { Repositories } from "../store/repositories/index.js";

export interface ReportHappinessOptions extends FeedbackReportQuery {
  repositories: Repositories;
}

/** What a group without a value is called, per dimension. */
const noValue: Record<HappinessDimension, string> = {
  ticketType: "No type",
  service: "No service matched",
  businessUnit: "No business unit matched",
  assignmentGroup: "No assignment group",
  channel: "No channel",
  reassignments: "No reassignments",
};

// Three and more reassignments are one group: few tickets go further, and they are alike.
const reassignmentLabel = (n: string) =>
  n === "3" ? "3 or more reassignments" : `${n} reassignment${n === "1" ? "" : "s"}`;

const tallyOf = (row: FeedbackTallyRow): AnswerTally => ({
  respondents: row.respondents,
  promoters: row.promoters,
  detractors: row.detractors,
  lostTimeAnswers: row.lostTimeAnswers,
  lostMinutes: row.lostMinutes,
});

const day = /^\d{4}-\d{2}-\d{2}$/;

/** The period as instants: `to` is a day, so the period runs to the end of it. */
export const feedbackPeriod = (query: FeedbackReportQuery): FeedbackPeriod => {
  for (const field of ["from", "to"] as const) {
    const value = query[field];
    if (value !== undefined && (!day.test(value) || Number.isNaN(Date.parse(value))))
      throw new TandemError("validation", `${field}: expected a date as YYYY-MM-DD`, {
        issues: [{ path: field, message: "expected a date as YYYY-MM-DD" }],
      });
  }
  return {
    ...(query.from ? { from: `${query.from}T00:00:00Z` } : {}),
    ...(query.to ? { to: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
    ...(query.businessUnitId ? { businessUnitId: query.businessUnitId } : {}),
  };
};

/**
 * Happiness (% 9-10 minus % 0-6) and lost time per ticket type, service, business unit, assignment
 * group, channel and number of reassignments, beside the published benchmark. Groups of fewer
 * than five respondents are hidden, and enough others with them that no subtraction reveals them.
 */
export const reportHappiness = async (options: ReportHappinessOptions): Promise<HappinessReport> => {
  const { repositories, ...query } = options;
  repositories.feedback.checkUnit(query.businessUnitId);
  const period = feedbackPeriod(query);
  const rows = await repositories.feedback.tallies(period);
  // A report of one unit could be subtracted from the same report of every unit: compare with it.
  const unfilteredRows = query.businessUnitId
    ? await repositories.feedback.tallies({ ...period, businessUnitId: undefined })
    : null;
  const unfiltered = (dimension: HappinessDimension) =>
    unfilteredRows === null
      ? undefined
      : new Map(
          unfilteredRows
            .filter((row) => row.dimension === dimension)
            .map((row) => [row.key ?? "(none)", row.respondents] as const),
        );
  const total = rows.find((row) => row.dimension === "total");
  const overall = total ? tallyOf(total) : emptyTally();
  const dimensions = Object.fromEntries(
    happinessDimensions.map((dimension) => {
      const groups = rows
        .filter((row) => row.dimension === dimension)
        .map((row) => ({
          key: row.key ?? "(none)",
          label:
            row.key === null
              ? noValue[dimension]
              : dimension === "reassignments"
                ? reassignmentLabel(row.key)
                : (row.label ?? row.key),
          tally: tallyOf(row),
        }))
        .sort((a, b) => a.label.localeCompare(b.label));
      return [dimension, anonymisedGroups(groups, unfiltered(dimension))];
    }),
  ) as HappinessReport["dimensions"];
  // The whole hidden: groups would still be hidden one by one, but say so plainly.
  const shown = anonymisedTotal(overall);
  if (shown.suppressed)
    for (const groups of Object.values(dimensions))
      for (const group of groups) Object.assign(group, { ...shown, suppressed: true });
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    minimumGroupSize: MINIMUM_GROUP_SIZE,
    overall: shown,
    dimensions,
    benchmark: {
      ...happinessBenchmark,
      source:
        "HappySignals Global IT Experience Benchmark: 2019 Q4 (incidents, requests), 2023 (reassignments)",
    },
  };
};
