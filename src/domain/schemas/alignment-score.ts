import { z } from "zod";
import { kpiReading, kpiStatus, kpiUnit } from "./kpi.js";

export const healthRule = z.enum(["weighted_mean", "worst_child"]);

type Node = {
  kind: "score" | "component" | "goal" | "kpi";
  id: string;
  name: string;
  score: number | null;
  share: number;
  weight: number;
  points: number;
  scoreWeight: number;
  status: z.infer<typeof kpiStatus>;
  value: number | null;
  target: number | null;
  unit: z.infer<typeof kpiUnit> | null;
  detail: string;
  children: Node[];
};

/** One node of the explanation tree: its own figure, its share of its parent and the points it adds. */
export const alignmentNode: z.ZodType<Node> = z.lazy(() =>
  z.object({
    kind: z.enum(["score", "component", "goal", "kpi"]),
    id: z.string(),
    name: z.string(),
    score: z.number().nullable(),
    share: z.number(),
    weight: z.number(),
    points: z.number(),
    scoreWeight: z.number(),
    status: kpiStatus,
    value: z.number().nullable(),
    target: z.number().nullable(),
    unit: kpiUnit.nullable(),
    detail: z.string(),
    children: z.array(alignmentNode),
  }),
);

export const alignmentScoreReport = z.object({
  period: z.string(),
  score: z.number().nullable(),
  rule: healthRule,
  health: z.number().nullable(),
  effortPct: z.number().nullable(),
  moneyPct: z.number().nullable(),
  tree: alignmentNode,
  warnings: z.array(z.string()),
  previous: z.object({ period: z.string(), score: z.number().nullable() }).nullable(),
  changes: z.array(
    z.object({
      points: z.number(),
      kind: z.enum(["kpi", "component"]),
      id: z.string(),
      name: z.string(),
      sentence: z.string(),
    }),
  ),
});

export const goalHealthReport = z.object({
  period: z.string(),
  rule: healthRule,
  goals: z.array(
    z.object({
      goalId: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      priorityWeight: z.number(),
      health: z.number().nullable(),
      status: kpiStatus,
      warnings: z.array(z.string()),
      items: z.array(
        z.object({
          kind: z.enum(["kpi", "goal"]),
          id: z.string(),
          name: z.string(),
          weight: z.number(),
          share: z.number(),
          score: z.number().nullable(),
        }),
      ),
    }),
  ),
  kpis: z.array(kpiReading),
});
