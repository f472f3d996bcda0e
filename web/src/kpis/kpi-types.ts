export type { AlignmentNode } from "../../../src/domain/kpis/alignment-score.js";
export type { KpiTemplate } from "../../../src/domain/kpis/kpi-library.js";
export type { BenchmarkSet } from "../../../src/domain/schemas/benchmark.js";
export type {
  Kpi,
  KpiReading,
  KpiSnapshot,
  KpiStatus,
  KpiTarget,
  KpiUnit,
} from "../../../src/domain/schemas/kpi.js";
export type { Measurement } from "../../../src/domain/schemas/measurement.js";

import type { AlignmentNode } from "../../../src/domain/kpis/alignment-score.js";
import type { GoalHealth } from "../../../src/domain/kpis/goal-health.js";
import type { KpiReading } from "../../../src/domain/schemas/kpi.js";

export interface GoalHealthReport {
  period: string;
  rule: "weighted_mean" | "worst_child";
  goals: (GoalHealth & { parentId: string | null; priorityWeight: number })[];
  kpis: KpiReading[];
}

export interface AlignmentScoreReport {
  period: string;
  score: number | null;
  rule: "weighted_mean" | "worst_child";
  health: number | null;
  effortPct: number | null;
  moneyPct: number | null;
  tree: AlignmentNode;
  warnings: string[];
  previous: { period: string; score: number | null } | null;
  changes: { points: number; kind: "kpi" | "component"; id: string; name: string; sentence: string }[];
}
