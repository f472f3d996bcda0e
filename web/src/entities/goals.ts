import type { BusinessGoal, GoalLevel } from "../../../src/domain/schemas/business-goal.js";
import { type EntityDescription, optionsOf } from "./entity-description.js";

const levels: Record<GoalLevel, string> = {
  strategic: "strategic goal",
  goal: "goal",
  objective: "objective",
};
const statuses: Record<BusinessGoal["status"], string> = {
  proposed: "proposed",
  active: "active",
  achieved: "achieved",
  missed: "missed",
  dropped: "dropped",
};

export const goalEntity: EntityDescription = {
  path: "goals",
  one: "goal",
  many: "goals",
  title: "Business goals",
  writePermission: "business-graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    {
      name: "level",
      label: "Level",
      kind: "select",
      options: optionsOf(levels),
      initial: "strategic",
      hint: "a goal hangs under a strategic goal, an objective under a goal",
    },
    { name: "parentId", label: "Part of (parent goal)", kind: "reference", reference: "goals" },
    {
      name: "ownerBusinessUnitId",
      label: "Owner business unit",
      kind: "reference",
      reference: "business-units",
    },
    {
      name: "priorityWeight",
      label: "Priority weight",
      kind: "number",
      initial: "1",
      hint: "importance among its siblings",
    },
    { name: "periodStart", label: "Period start", kind: "date" },
    { name: "periodEnd", label: "Period end", kind: "date" },
    { name: "status", label: "Status", kind: "select", options: optionsOf(statuses), initial: "active" },
    { name: "description", label: "Description", kind: "textarea" },
  ],
};
