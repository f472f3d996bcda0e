import type { KpiStatus, KpiUnit } from "../schemas/kpi.js";
import {
  computeGoalHealth,
  type GoalHealth,
  type HealthGoal,
  type HealthKpi,
  type HealthRule,
} from "./goal-health.js";
import { formatKpiValue, formatPoints } from "./kpi-format.js";

/**
 * The alignment score (0-100):
 *   score = (wH × H + wE × E + wM × M) / (wH + wE + wM), over the parts that have data, where
 *   H = goal health of the organisation: the priority-weighted mean of the root goals' health,
 *   E = % of IT effort (tickets in the period) on services serving top-priority goals,
 *   M = % of IT money (initiative budgets, by their goal weights) going to top-priority goals,
 *   and wH = 0.6, wE = 0.2, wM = 0.2. Top-priority goals are the root goals whose priority weight is
 *   at least the mean of the roots' weights, with everything under them.
 * Every node of the explanation tree carries the points it adds to the score; they add up.
 */
export const componentWeights = { health: 0.6, effort: 0.2, money: 0.2 } as const;

export type AlignmentNodeKind = "score" | "component" | "goal" | "kpi";

export interface AlignmentNode {
  kind: AlignmentNodeKind;
  /** Goal or KPI id; the component name for components; "score" for the root. */
  id: string;
  name: string;
  /** The node's own 0-100 figure (health, achievement %, effort %), null without data. */
  score: number | null;
  /** Share of its parent (0-1). */
  share: number;
  /** The weight as entered (priority weight, KPI weight, component weight). */
  weight: number;
  /** Points this node adds to the alignment score; a node's points are the sum of its children's. */
  points: number;
  /** Its weight in the whole score: points = scoreWeight × score. */
  scoreWeight: number;
  status: KpiStatus;
  value: number | null;
  target: number | null;
  unit: KpiUnit | null;
  detail: string;
  children: AlignmentNode[];
}

export interface AlignmentScore {
  period: string;
  score: number | null;
  rule: HealthRule;
  health: number | null;
  effortPct: number | null;
  moneyPct: number | null;
  tree: AlignmentNode;
  warnings: string[];
}

export interface AlignmentInputs {
  period: string;
  goals: readonly HealthGoal[];
  kpis: readonly HealthKpi[];
  effortPct: number | null;
  moneyPct: number | null;
  rule?: HealthRule;
}

/** Root goals at or above the mean root weight, and all goals under them. */
export const topPriorityGoalIds = (goals: readonly HealthGoal[]): Set<string> => {
  const ids = new Set(goals.map((g) => g.id));
  const roots = goals.filter((g) => !g.parentId || !ids.has(g.parentId));
  if (roots.length === 0) return new Set();
  const mean = roots.reduce((s, g) => s + g.priorityWeight, 0) / roots.length;
  const top = new Set(roots.filter((g) => g.priorityWeight >= mean && g.priorityWeight > 0).map((g) => g.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of goals) {
      if (g.parentId && top.has(g.parentId) && !top.has(g.id)) {
        top.add(g.id);
        grew = true;
      }
    }
  }
  return top;
};

const statusOfScore = (score: number | null): KpiStatus =>
  score === null ? "no_data" : score >= 90 ? "green" : score >= 75 ? "amber" : "red";

const blankNode = (
  n: Partial<AlignmentNode> & Pick<AlignmentNode, "kind" | "id" | "name">,
): AlignmentNode => ({
  score: null,
  share: 0,
  weight: 0,
  points: 0,
  scoreWeight: 0,
  status: "no_data",
  value: null,
  target: null,
  unit: null,
  detail: "",
  children: [],
  ...n,
});

export const computeAlignmentScore = (inputs: AlignmentInputs): AlignmentScore => {
  const rule = inputs.rule ?? "weighted_mean";
  const health = computeGoalHealth(inputs.goals, inputs.kpis, rule);
  const kpiById = new Map(inputs.kpis.map((k) => [k.id, k]));
  const goalById = new Map(inputs.goals.map((g) => [g.id, g]));
  const ids = new Set(inputs.goals.map((g) => g.id));
  const roots = inputs.goals.filter((g) => !g.parentId || !ids.has(g.parentId));
  const warnings = [...new Set([...health.values()].flatMap((h) => h.warnings))];

  // The organisation's health: the root goals as the children of one virtual goal.
  const counted = roots.filter((g) => (health.get(g.id)?.health ?? null) !== null && g.priorityWeight > 0);
  const totalWeight = counted.reduce((s, g) => s + g.priorityWeight, 0);
  let orgHealth: number | null = null;
  const rootShares = new Map<string, number>();
  if (counted.length > 0) {
    if (rule === "worst_child") {
      const worst = counted.reduce((a, b) =>
        (health.get(b.id)?.health as number) < (health.get(a.id)?.health as number) ? b : a,
      );
      rootShares.set(worst.id, 1);
      orgHealth = health.get(worst.id)?.health ?? null;
    } else {
      for (const g of counted) rootShares.set(g.id, g.priorityWeight / totalWeight);
      orgHealth = counted.reduce(
        (s, g) => s + (rootShares.get(g.id) ?? 0) * (health.get(g.id)?.health as number),
        0,
      );
    }
  }

  const parts = [
    { id: "health", name: "Goal health", score: orgHealth, weight: componentWeights.health },
    {
      id: "effort",
      name: "IT effort on top-priority goals",
      score: inputs.effortPct,
      weight: componentWeights.effort,
    },
    {
      id: "money",
      name: "IT money on top-priority goals",
      score: inputs.moneyPct,
      weight: componentWeights.money,
    },
  ];
  const present = parts.filter((p) => p.score !== null);
  const presentWeight = present.reduce((s, p) => s + p.weight, 0);
  const score =
    present.length === 0
      ? null
      : present.reduce((s, p) => s + (p.weight / presentWeight) * (p.score as number), 0);
  for (const p of parts)
    if (p.score === null) warnings.push(`${p.name}: no data for ${inputs.period}; left out of the score`);

  const goalNode = (goal: HealthGoal, share: number, scoreWeight: number): AlignmentNode => {
    const h = health.get(goal.id) as GoalHealth;
    const children = h.items.map((item) => {
      const weight = scoreWeight * item.share;
      if (item.kind === "goal") {
        const child = goalById.get(item.id) as HealthGoal;
        return goalNode(child, item.share, weight);
      }
      const k = kpiById.get(item.id) as HealthKpi;
      return blankNode({
        kind: "kpi",
        id: k.id,
        name: k.name,
        score: k.achievementPct,
        share: item.share,
        weight: k.weight,
        scoreWeight: weight,
        points: weight * (k.achievementPct ?? 0),
        status: k.status,
        value: k.value,
        target: k.target,
        unit: k.unit,
        detail: kpiDetail(k),
      });
    });
    return blankNode({
      kind: "goal",
      id: goal.id,
      name: goal.name,
      score: h.health,
      share,
      weight: goal.priorityWeight,
      scoreWeight,
      points: scoreWeight * (h.health ?? 0),
      status: h.status,
      detail: h.health === null ? "no KPI data under this goal" : `health ${h.health.toFixed(1)}`,
      children,
    });
  };

  const componentNodes = parts.map((p) => {
    const share = p.score === null ? 0 : p.weight / presentWeight;
    const node = blankNode({
      kind: "component",
      id: p.id,
      name: p.name,
      score: p.score,
      share,
      weight: p.weight,
      scoreWeight: share,
      points: share * (p.score ?? 0),
      status: statusOfScore(p.score),
      detail: p.score === null ? "no data" : `${p.score.toFixed(1)} %`,
    });
    if (p.id === "health") {
      node.children = roots.map((g) =>
        goalNode(g, rootShares.get(g.id) ?? 0, share * (rootShares.get(g.id) ?? 0)),
      );
    }
    return node;
  });

  return {
    period: inputs.period,
    score,
    rule,
    health: orgHealth,
    effortPct: inputs.effortPct,
    moneyPct: inputs.moneyPct,
    tree: blankNode({
      kind: "score",
      id: "score",
      name: "Alignment score",
      score,
      share: 1,
      weight: 1,
      scoreWeight: 1,
      points: score ?? 0,
      status: statusOfScore(score),
      detail: score === null ? "no data" : score.toFixed(1),
      children: componentNodes,
    }),
    warnings,
  };
};

const kpiDetail = (k: HealthKpi): string => {
  if (k.value === null) return "no data";
  const value = formatKpiValue(k.value, k.unit);
  if (k.target === null) return `${value}, no target`;
  return `${value} against a ${formatKpiValue(k.target, k.unit)} target (${(k.achievementPct ?? 0).toFixed(0)} % achieved)`;
};

/** Every leaf of the tree (KPIs and the effort and money components) by kind and id. */
const leaves = (node: AlignmentNode, into = new Map<string, AlignmentNode>()): Map<string, AlignmentNode> => {
  if (node.kind === "kpi" || (node.kind === "component" && node.id !== "health"))
    into.set(`${node.kind}:${node.id}`, node);
  for (const c of node.children) leaves(c, into);
  return into;
};

export interface ScoreChange {
  points: number;
  kind: "kpi" | "component";
  id: string;
  name: string;
  sentence: string;
}

/**
 * Why the score moved between two periods, as one sentence per KPI or component, largest first:
 * "−4: web shop availability fell to 98.1 %, below its 99.5 % target; goal weight 0.3".
 */
export const explainScoreChange = (
  before: AlignmentScore,
  after: AlignmentScore,
  minimumPoints = 0.05,
): ScoreChange[] => {
  const a = leaves(before.tree);
  const b = leaves(after.tree);
  const keys = new Set([...a.keys(), ...b.keys()]);
  const changes: ScoreChange[] = [];
  for (const key of keys) {
    const was = a.get(key);
    const now = b.get(key);
    const delta = (now?.points ?? 0) - (was?.points ?? 0);
    if (Math.abs(delta) < minimumPoints) continue;
    const node = (now ?? was) as AlignmentNode;
    changes.push({
      points: delta,
      kind: node.kind as "kpi" | "component",
      id: node.id,
      name: node.name,
      sentence: sentenceFor(delta, was, now),
    });
  }
  return changes.sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
};

const sentenceFor = (
  delta: number,
  was: AlignmentNode | undefined,
  now: AlignmentNode | undefined,
): string => {
  const node = (now ?? was) as AlignmentNode;
  const head = `${formatPoints(delta)}: ${node.name}`;
  if (!now || (now.score === null && now.value === null)) {
    return `${head} has no data now (was ${was?.score?.toFixed(0) ?? "?"} % achieved)`;
  }
  if (node.kind === "component") {
    const verb = (now.score ?? 0) >= (was?.score ?? 0) ? "rose" : "fell";
    return `${head} ${verb} to ${(now.score ?? 0).toFixed(1)} %${was?.score != null ? ` from ${was.score.toFixed(1)} %` : ""}`;
  }
  const unit = now.unit ?? "number";
  const value = now.value === null ? "no value" : formatKpiValue(now.value, unit);
  const verb = was?.value == null ? "came in at" : (now.value ?? 0) >= was.value ? "rose to" : "fell to";
  let versus = "";
  if (now.target !== null && now.value !== null) {
    const reached = (now.score ?? 0) >= 100;
    versus = `, ${reached ? "meeting" : "short of"} its ${formatKpiValue(now.target, unit)} target`;
  }
  const weightNote =
    Math.abs(now.scoreWeight - (was?.scoreWeight ?? now.scoreWeight)) > 1e-9
      ? `; weight ${(was?.scoreWeight ?? 0).toFixed(2)} → ${now.scoreWeight.toFixed(2)}`
      : `; goal weight ${now.scoreWeight.toFixed(2)}`;
  return `${head} ${verb} ${value}${versus}${weightNote}`;
};
