import { describe, expect, it } from "vitest";
import {
  type AlignmentNode,
  computeAlignmentScore,
  explainScoreChange,
  topPriorityGoalIds,
} from "./alignment-score.js";
import type { HealthKpi } from "./goal-health.js";

const goals = [
  { id: "grow", name: "Grow online revenue", parentId: null, priorityWeight: 3 },
  { id: "people", name: "Keep good people", parentId: null, priorityWeight: 1 },
  { id: "shop", name: "Web shop conversion", parentId: "grow", priorityWeight: 1 },
];

const availability = (value: number, achievementPct: number): HealthKpi => ({
  id: "avail",
  name: "web shop availability",
  goalId: "shop",
  weight: 1,
  unit: "percent",
  direction: "higher",
  value,
  target: 99.5,
  achievementPct,
  status: "green",
});
const turnover: HealthKpi = {
  id: "turn",
  name: "staff turnover",
  goalId: "people",
  weight: 1,
  unit: "percent",
  direction: "lower",
  value: 12,
  target: 12,
  achievementPct: 100,
  status: "green",
};

const sumOfLeaves = (n: AlignmentNode): number =>
  n.children.length === 0 ? n.points : n.children.reduce((s, c) => s + sumOfLeaves(c), 0);

describe("alignment score", () => {
  it("combines goal health (0.6), effort (0.2) and money (0.2)", () => {
    const s = computeAlignmentScore({
      period: "2026-Q3",
      goals,
      kpis: [availability(99.5, 100), turnover],
      effortPct: 50,
      moneyPct: 70,
    });
    // Health = 100 (both roots at 100); score = 0.6 × 100 + 0.2 × 50 + 0.2 × 70 = 84.
    expect(s.health).toBe(100);
    expect(s.score).toBeCloseTo(84, 9);
  });
  it("leaves out parts without data and renormalises, with a warning", () => {
    const s = computeAlignmentScore({
      period: "2026-Q3",
      goals,
      kpis: [availability(99.5, 60), turnover],
      effortPct: null,
      moneyPct: null,
    });
    // Health = (60 × 3 + 100 × 1) / 4 = 70, the only part.
    expect(s.score).toBeCloseTo(70, 9);
    expect(s.warnings.some((w) => w.includes("IT effort on top-priority goals: no data"))).toBe(true);
  });
  it("explains itself: the tree's leaf points add up to the score", () => {
    const s = computeAlignmentScore({
      period: "2026-Q3",
      goals,
      kpis: [availability(99.0, 80), turnover],
      effortPct: 40,
      moneyPct: 90,
    });
    expect(sumOfLeaves(s.tree)).toBeCloseTo(s.score as number, 9);
    const kpiNode = s.tree.children[0]?.children[0]?.children[0]?.children[0];
    expect(kpiNode?.name).toBe("web shop availability");
    // 0.6 × 3/4 × 1 × 1 = 0.45 of the score.
    expect(kpiNode?.scoreWeight).toBeCloseTo(0.45, 9);
    expect(kpiNode?.points).toBeCloseTo(36, 9);
  });
  it("says why it moved between two periods, largest first", () => {
    const before = computeAlignmentScore({
      period: "2026-Q2",
      goals,
      kpis: [availability(99.5, 100), turnover],
      effortPct: 50,
      moneyPct: 70,
    });
    const after = computeAlignmentScore({
      period: "2026-Q3",
      goals,
      kpis: [availability(98.1, 90), turnover],
      effortPct: 55,
      moneyPct: 70,
    });
    const changes = explainScoreChange(before, after);
    // Availability: 0.45 × (90 − 100) = −4.5 points; effort: 0.2 × 5 = +1.
    expect(changes.map((c) => c.points)).toEqual([expect.closeTo(-4.5, 9), expect.closeTo(1, 9)]);
    expect(changes[0]?.sentence).toBe(
      "−5: web shop availability fell to 98.1 %, short of its 99.5 % target; goal weight 0.45",
    );
    expect(changes[1]?.sentence).toBe("+1: IT effort on top-priority goals rose to 55.0 % from 50.0 %");
    expect((after.score as number) - (before.score as number)).toBeCloseTo(-3.5, 9);
  });
  it("picks top-priority goals: roots at or above the mean weight, with their descendants", () => {
    expect([...topPriorityGoalIds(goals)].sort()).toEqual(["grow", "shop"]);
  });
});
