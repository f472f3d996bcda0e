/** Reference §5: no result is shown for a group of fewer than 5 respondents. */
export const MINIMUM_GROUP = 5;

export interface GroupSize<K> {
  key: K;
  respondents: number;
  /** A group that is part of the total but never shown on its own (e.g. answers without a unit). */
  hidden?: boolean;
}

/**
 * The groups of one breakdown whose figures must not be shown. Groups under the minimum are
 * suppressed; then, because the total is shown too, the suppressed and hidden groups together
 * must hold either nobody or at least the minimum, or "total minus the shown groups" would reveal
 * them (complementary suppression): the smallest shown groups are added until that holds.
 */
export const suppressedGroups = <K>(groups: readonly GroupSize<K>[], minimum = MINIMUM_GROUP): Set<K> => {
  const withheld = new Set<K>();
  let withheldRespondents = 0;
  for (const g of groups) {
    if (g.hidden || (g.respondents > 0 && g.respondents < minimum)) {
      withheld.add(g.key);
      withheldRespondents += g.respondents;
    }
  }
  const shown = groups
    .filter((g) => !withheld.has(g.key) && g.respondents > 0)
    .sort((a, b) => a.respondents - b.respondents);
  while (withheldRespondents > 0 && withheldRespondents < minimum && shown.length > 0) {
    const next = shown.shift() as GroupSize<K>;
    withheld.add(next.key);
    withheldRespondents += next.respondents;
  }
  // Empty groups are shown as empty; they reveal nothing.
  for (const g of groups) if (g.respondents === 0 && !g.hidden) withheld.delete(g.key);
  return withheld;
};

export const isSuppressedTotal = (respondents: number, minimum = MINIMUM_GROUP): boolean =>
  respondents > 0 && respondents < minimum;
