import { z } from "zod";
import { description, entityMeta, id, isoDate, name, patchOf } from "./common.js";

/** The goal cascade: a strategic goal has no parent, a goal hangs under a strategic goal, an objective under a goal. */
export const goalLevel = z.enum(["strategic", "goal", "objective"]);
export type GoalLevel = z.infer<typeof goalLevel>;
export const parentLevelOf: Record<GoalLevel, GoalLevel | null> = {
  strategic: null,
  goal: "strategic",
  objective: "goal",
};

export const goalStatus = z.enum(["proposed", "active", "achieved", "missed", "dropped"]);

const goalFields = z.object({
  name,
  level: goalLevel,
  parentId: id.nullable().default(null),
  ownerBusinessUnitId: id.nullable().default(null),
  /** Relative importance among siblings; shares are computed from it, so any positive scale works. */
  priorityWeight: z.number().min(0).max(1000).default(1),
  periodStart: isoDate.nullable().default(null),
  periodEnd: isoDate.nullable().default(null),
  status: goalStatus.default("active"),
  description: description.default(""),
});

const periodInOrder = (v: { periodStart?: string | null; periodEnd?: string | null }) =>
  !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd;
const periodIssue = { message: "must not be before periodStart", path: ["periodEnd"] };

export const businessGoalInput = goalFields.refine(periodInOrder, periodIssue);
export const businessGoalPatch = patchOf(goalFields).refine(periodInOrder, periodIssue);
export const businessGoal = goalFields.extend(entityMeta);

export type BusinessGoalInput = z.input<typeof businessGoalInput>;
export type BusinessGoal = z.infer<typeof businessGoal>;
