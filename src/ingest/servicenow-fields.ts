import type { TicketState, TicketType } from "../domain/schemas/ticket.js";
import { RowProblem } from "./row-problem.js";

/** Empty and "?" (the event-log data set's mark for a missing value) both mean "not known". */
export const present = (value: string | undefined): string | null => {
  const text = value?.trim() ?? "";
  return text === "" || text === "?" ? null : text;
};

/** "6 - Resolved" → { code: "6", label: "resolved" }; "Resolved" → { label: "resolved" }. */
const splitDisplay = (text: string): { code?: string; label: string } => {
  const match = /^(-?\d+)\s*(?:-\s*(.*))?$/.exec(text);
  if (match) return { code: match[1], label: (match[2] ?? "").trim().toLowerCase() };
  return { label: text.toLowerCase() };
};

const stateByCode: Record<string, TicketState> = {
  "1": "new",
  "2": "open",
  "3": "on_hold",
  "6": "resolved",
  "7": "closed",
  "8": "cancelled",
};

// Labels seen in exports: the incident form's, plus the older "Active"/"Awaiting …" of the event log.
const stateByLabel: Record<string, TicketState> = {
  new: "new",
  "in progress": "open",
  active: "open",
  "on hold": "on_hold",
  "awaiting user info": "on_hold",
  "awaiting problem": "on_hold",
  "awaiting vendor": "on_hold",
  "awaiting evidence": "on_hold",
  "awaiting change": "on_hold",
  resolved: "resolved",
  closed: "closed",
  canceled: "cancelled",
  cancelled: "cancelled",
};

export const serviceNowState = (text: string | null, field: string): TicketState => {
  if (text === null)
    throw new RowProblem(field, `${field}: missing; expected a state such as "2 - In Progress"`);
  const { code, label } = splitDisplay(text);
  const state = (code === undefined ? undefined : stateByCode[code]) ?? stateByLabel[label];
  if (!state) {
    throw new RowProblem(
      field,
      `${field}: unknown state "${text}"; expected 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed or 8 Canceled`,
    );
  }
  return state;
};

const priorityByLabel: Record<string, number> = { critical: 1, high: 2, moderate: 3, low: 4, planning: 5 };
const impactByLabel: Record<string, number> = { high: 1, medium: 2, low: 3 };

/** A priority (1–5) or impact/urgency (1–3) level from a code or display value; null when missing. */
export const serviceNowLevel = (
  text: string | null,
  field: string,
  kind: "priority" | "impact",
): number | null => {
  if (text === null) return null;
  const max = kind === "priority" ? 5 : 3;
  const { code, label } = splitDisplay(text);
  const level =
    code === undefined ? (kind === "priority" ? priorityByLabel : impactByLabel)[label] : Number(code);
  if (level === undefined || !Number.isInteger(level) || level < 1 || level > max) {
    const expected =
      kind === "priority"
        ? "1 - Critical, 2 - High, 3 - Moderate, 4 - Low or 5 - Planning"
        : "1 - High, 2 - Medium or 3 - Low";
    throw new RowProblem(field, `${field}: unknown value "${text}"; expected ${expected}`);
  }
  return level;
};

/** ServiceNow's default priority matrix: impact × urgency, 1×1 → 1 Critical … 3×3 → 5 Planning. */
export const priorityFromMatrix = (impact: number | null, urgency: number | null): number | null =>
  impact === null || urgency === null ? null : impact + urgency - 1;

const typeByClass: Record<string, TicketType> = {
  incident: "incident",
  sc_request: "request",
  sc_req_item: "request",
  sc_task: "request",
  change_request: "change",
  change_task: "change",
  problem: "problem",
  problem_task: "problem",
};

const typeByPrefix: [string, TicketType][] = [
  ["INC", "incident"],
  ["RITM", "request"],
  ["REQ", "request"],
  ["SCTASK", "request"],
  ["CHG", "change"],
  ["CTASK", "change"],
  ["PRB", "problem"],
  ["PTASK", "problem"],
];

export const serviceNowType = (className: string | null, number: string): TicketType => {
  if (className !== null) {
    const type = typeByClass[className.toLowerCase()];
    if (!type) {
      throw new RowProblem(
        "sys_class_name",
        `sys_class_name: unknown class "${className}"; expected ${Object.keys(typeByClass).join(", ")}`,
      );
    }
    return type;
  }
  const byPrefix = typeByPrefix.find(([prefix]) => number.toUpperCase().startsWith(prefix));
  if (!byPrefix) {
    throw new RowProblem(
      "number",
      `number: cannot tell the ticket type from "${number}"; expected a prefix INC, RITM, REQ, SCTASK, CHG or PRB, or a sys_class_name column`,
    );
  }
  return byPrefix[1];
};

export const serviceNowBoolean = (text: string | null, field: string): boolean | null => {
  if (text === null) return null;
  const value = text.toLowerCase();
  if (value === "true" || value === "1" || value === "yes") return true;
  if (value === "false" || value === "0" || value === "no") return false;
  throw new RowProblem(field, `${field}: "${text}" is not a boolean; expected true or false`);
};

export const serviceNowCount = (text: string | null, field: string): number => {
  if (text === null) return 0;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new RowProblem(field, `${field}: "${text}" is not a count; expected a whole number ≥ 0`);
  }
  return value;
};
