import { z } from "zod";
import { cents, description, entityMeta, id, isoDate, name, patchOf } from "./common.js";

export const initiativeStatus = z.enum(["proposed", "approved", "in_progress", "done", "cancelled"]);

const initiativeFields = z.object({
  name,
  sponsorBusinessUnitId: id.nullable().default(null),
  status: initiativeStatus.default("proposed"),
  budgetCents: cents.default(0),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  description: description.default(""),
});
const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.startDate <= v.endDate;
const datesIssue = { message: "must not be before startDate", path: ["endDate"] };

export const initiativeInput = initiativeFields.refine(datesInOrder, datesIssue);
export const initiativePatch = patchOf(initiativeFields).refine(datesInOrder, datesIssue);
export const initiative = initiativeFields.extend(entityMeta);

export type InitiativeInput = z.input<typeof initiativeInput>;
export type Initiative = z.infer<typeof initiative>;
