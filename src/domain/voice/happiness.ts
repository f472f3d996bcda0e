/**
 * Happiness as popularised by HappySignals (reference §5): a 0-10 answer after each ticket,
 * scored like NPS, plus the work time the person lost.
 */

/** No result is shown for a group of fewer respondents (reference §5, anonymity). */
export const MINIMUM_GROUP_SIZE = 5;

/** The "how much work time did you lose" choices, in minutes, with their labels. */
export const lostTimeChoices = [
  { minutes: 0, label: "No time" },
  { minutes: 15, label: "Up to 15 minutes" },
  { minutes: 30, label: "About 30 minutes" },
  { minutes: 60, label: "About 1 hour" },
  { minutes: 120, label: "About 2 hours" },
  { minutes: 240, label: "Half a day" },
  { minutes: 480, label: "A working day" },
  { minutes: 960, label: "More than a day" },
] as const;
export const lostTimeMinutes: readonly number[] = lostTimeChoices.map((choice) => choice.minutes);

/** Published benchmark figures (reference §5: HappySignals 2019 Q4 and 2023). */
export const happinessBenchmark = {
  incident: { happiness: 67, lostMinutes: 181 },
  request: { happiness: 76, lostMinutes: 152 },
  perReassignment: { happiness: -7, lostMinutes: 106 },
} as const;

/** Sums of answers of a group; everything a result is computed from. */
export interface AnswerTally {
  respondents: number;
  promoters: number;
  detractors: number;
  /** Answers that gave a lost time, and the minutes they add up to. */
  lostTimeAnswers: number;
  lostMinutes: number;
}

export const emptyTally = (): AnswerTally => ({
  respondents: 0,
  promoters: 0,
  detractors: 0,
  lostTimeAnswers: 0,
  lostMinutes: 0,
});

export const addAnswer = (tally: AnswerTally, score: number, lostMinutes: number | null): AnswerTally => ({
  respondents: tally.respondents + 1,
  promoters: tally.promoters + (score >= 9 ? 1 : 0),
  detractors: tally.detractors + (score <= 6 ? 1 : 0),
  lostTimeAnswers: tally.lostTimeAnswers + (lostMinutes === null ? 0 : 1),
  lostMinutes: tally.lostMinutes + (lostMinutes ?? 0),
});

/** Happiness: % of 9-10 answers minus % of 0-6 answers, -100..100, one decimal; null without answers. */
export const happinessScore = (tally: AnswerTally): number | null =>
  tally.respondents === 0
    ? null
    : Math.round(((tally.promoters - tally.detractors) * 1000) / tally.respondents) / 10;

/** Mean lost time per answer that gave one, in whole minutes; null without such answers. */
export const meanLostMinutes = (tally: AnswerTally): number | null =>
  tally.lostTimeAnswers === 0 ? null : Math.round(tally.lostMinutes / tally.lostTimeAnswers);

export interface GroupResult {
  key: string;
  label: string;
  /** True when the group is hidden for anonymity; then every figure is null. */
  suppressed: boolean;
  respondents: number | null;
  happiness: number | null;
  meanLostMinutes: number | null;
}

/**
 * Results of the groups of one dimension (which together hold every respondent of the total),
 * hiding groups under the minimum size. Hiding only those would let a reader subtract the shown
 * groups from the total and learn the hidden ones together; so while the hidden groups together
 * hold between 1 and MINIMUM_GROUP_SIZE - 1 respondents, the smallest shown group is hidden too.
 */
export const anonymisedGroups = (
  groups: readonly { key: string; label: string; tally: AnswerTally }[],
  /**
   * Respondents of the same groups without the report's filter (a business unit): a group is
   * hidden too when the filter leaves out 1-4 of its respondents, or the two reports subtracted
   * would show them.
   */
  unfiltered?: ReadonlyMap<string, number>,
): GroupResult[] => {
  const hidden = new Set<string>();
  let hiddenRespondents = 0;
  const leftOut = (group: { key: string; tally: AnswerTally }) => {
    const whole = unfiltered?.get(group.key);
    if (whole === undefined) return false;
    const difference = whole - group.tally.respondents;
    return difference > 0 && difference < MINIMUM_GROUP_SIZE;
  };
  for (const group of groups) {
    if (group.tally.respondents < MINIMUM_GROUP_SIZE || leftOut(group)) {
      hidden.add(group.key);
      hiddenRespondents += group.tally.respondents;
    }
  }
  const bySize = [...groups].sort((a, b) => a.tally.respondents - b.tally.respondents);
  for (const group of bySize) {
    if (hiddenRespondents === 0 || hiddenRespondents >= MINIMUM_GROUP_SIZE) break;
    if (hidden.has(group.key)) continue;
    hidden.add(group.key);
    hiddenRespondents += group.tally.respondents;
  }
  return groups
    .filter((group) => group.tally.respondents > 0)
    .map((group) =>
      hidden.has(group.key)
        ? {
            key: group.key,
            label: group.label,
            suppressed: true,
            respondents: null,
            happiness: null,
            meanLostMinutes: null,
          }
        : {
            key: group.key,
            label: group.label,
            suppressed: false,
            respondents: group.tally.respondents,
            happiness: happinessScore(group.tally),
            meanLostMinutes: meanLostMinutes(group.tally),
          },
    );
};

/** The result of a whole population (the total), hidden under the minimum size. */
export const anonymisedTotal = (tally: AnswerTally): Omit<GroupResult, "key" | "label"> =>
  tally.respondents < MINIMUM_GROUP_SIZE
    ? { suppressed: true, respondents: null, happiness: null, meanLostMinutes: null }
    : {
        suppressed: false,
        respondents: tally.respondents,
        happiness: happinessScore(tally),
        meanLostMinutes: meanLostMinutes(tally),
      };
