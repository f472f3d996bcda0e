import { TandemError } from "../../domain/errors.js";
import {
  type BusinessGoal,
  type BusinessGoalInput,
  businessGoalInput,
  type GoalLevel,
  parentLevelOf,
} from "../../domain/schemas/business-goal.js";
import { inUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { EntityRepository, type EntitySpec } from "../entity-repository.js";

/** The cascade rule: strategic goals are roots, goals sit under strategic goals, objectives under goals. */
const checkCascade = async (db: Db, goal: Record<string, unknown>) => {
  const level = goal.level as GoalLevel;
  const expected = parentLevelOf[level];
  const parentId = goal.parentId as string | null | undefined;
  if (!expected) {
    if (parentId) {
      throw new TandemError("validation", "a strategic goal has no parent", {
        issues: [{ path: "parentId", message: "must be null for a strategic goal" }],
      });
    }
    return;
  }
  if (!parentId) {
    throw new TandemError("validation", `a ${level} needs a parent ${expected}`, {
      issues: [{ path: "parentId", message: `expected the id of a ${expected}` }],
    });
  }
  const parent = await db
    .selectFrom("businessGoal")
    .select(["name", "level"])
    .where("id", "=", parentId)
    .executeTakeFirst();
  if (parent && parent.level !== expected) {
    throw new TandemError(
      "validation",
      `a ${level} must sit under a ${expected}, not under the ${parent.level} "${parent.name}"`,
      {
        issues: [
          { path: "parentId", message: `expected a ${expected}, got the ${parent.level} "${parent.name}"` },
        ],
      },
    );
  }
  if (goal.id) {
    const childLevel = childLevelOf(level);
    let children = db
      .selectFrom("businessGoal")
      .select(["name", "level"])
      .where("parentId", "=", String(goal.id));
    if (childLevel) children = children.where("level", "<>", childLevel);
    const wrongChild = await children.executeTakeFirst();
    if (wrongChild) {
      throw new TandemError(
        "validation",
        `the ${wrongChild.level} "${wrongChild.name}" cannot sit under a ${level}`,
        {
          issues: [{ path: "level", message: `children of this goal are ${wrongChild.level}s` }],
        },
      );
    }
  }
};

const childLevelOf = (level: GoalLevel): GoalLevel | undefined =>
  (Object.entries(parentLevelOf).find(([, parent]) => parent === level)?.[0] as GoalLevel | undefined) ??
  undefined;

export const businessGoalSpec: EntitySpec<BusinessGoal> = {
  table: "businessGoal",
  label: "business goal",
  writePermission: "business-graph:write",
  visibleTo: (units) => inUnits("owner_business_unit_id", units),
  input: businessGoalInput,
  uniqueField: "name",
  treeParent: "parentId",
  references: [
    { field: "parentId", table: "businessGoal", label: "business goal" },
    { field: "ownerBusinessUnitId", table: "businessUnit", label: "business unit" },
  ],
  referrers: [
    { table: "businessGoal", column: "parentId", label: "child goal", identify: ["id", "name"] },
    { table: "capabilityGoal", column: "goalId", label: "capability serving it", identify: ["capabilityId"] },
    {
      table: "initiativeGoal",
      column: "goalId",
      label: "initiative contributing",
      identify: ["initiativeId"],
    },
  ],
  sortable: ["name", "priorityWeight", "createdAt", "updatedAt"],
  filters: ["parentId", "level", "status", "ownerBusinessUnitId"],
  validate: checkCascade,
};

export const businessGoalRepository = (db: Db, actor: Actor) =>
  new EntityRepository<BusinessGoal, BusinessGoalInput>(db, businessGoalSpec, actor);
