import type { TicketSla, TicketState, TicketType } from "../domain/schemas/ticket.js";
import { RowProblem } from "./row-problem.js";

const typeByName: Record<string, TicketType> = {
  incident: "incident",
  "service request": "request",
  "service request with approvals": "request",
  request: "request",
  "it help": "request",
  change: "change",
  problem: "problem",
};

export const jiraType = (name: string | null): TicketType => {
  const type = name === null ? undefined : typeByName[name.toLowerCase()];
  if (!type) {
    throw new RowProblem(
      "fields.issuetype.name",
      `fields.issuetype.name: unknown issue type "${name ?? ""}"; expected Incident, Service request, Change or Problem`,
    );
  }
  return type;
};

// Status names that say more than their category: Jira files cancellations under "done" too.
const stateByName: Record<string, TicketState> = {
  closed: "closed",
  canceled: "cancelled",
  cancelled: "cancelled",
  declined: "cancelled",
  "won't do": "cancelled",
  pending: "on_hold",
  "on hold": "on_hold",
  "waiting for customer": "on_hold",
};

const stateByCategory: Record<string, TicketState> = { new: "new", indeterminate: "open", done: "resolved" };

export const jiraState = (name: string | null, category: string | null): TicketState => {
  const state =
    (name === null ? undefined : stateByName[name.toLowerCase()]) ??
    (category === null ? undefined : stateByCategory[category]);
  if (!state) {
    throw new RowProblem(
      "fields.status",
      `fields.status: unknown status "${name ?? ""}" (category "${category ?? ""}"); expected a status category new, indeterminate or done`,
    );
  }
  return state;
};

const priorityByName: Record<string, number> = { highest: 1, high: 2, medium: 3, low: 4, lowest: 5 };

export const jiraPriority = (name: string | null): number | null => {
  if (name === null) return null;
  const priority = priorityByName[name.toLowerCase()];
  if (priority === undefined) {
    throw new RowProblem(
      "fields.priority.name",
      `fields.priority.name: unknown priority "${name}"; expected Highest, High, Medium, Low or Lowest`,
    );
  }
  return priority;
};

interface SlaCycle {
  breached?: unknown;
  goalDuration?: { millis?: unknown };
  elapsedTime?: { millis?: unknown };
}

const seconds = (duration: { millis?: unknown } | undefined): number | null =>
  typeof duration?.millis === "number" && duration.millis >= 0 ? Math.round(duration.millis / 1000) : null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * An SLA custom field, recognised by its shape since its id differs per site: the latest completed
 * cycle (else the ongoing one) gives target, elapsed time and breach.
 */
export const jiraSla = (value: unknown): TicketSla | null => {
  if (!isObject(value) || typeof value.name !== "string") return null;
  const completed = Array.isArray(value.completedCycles) ? (value.completedCycles as SlaCycle[]) : undefined;
  const ongoing = isObject(value.ongoingCycle) ? (value.ongoingCycle as SlaCycle) : undefined;
  if (completed === undefined && ongoing === undefined) return null;
  const cycle = completed?.at(-1) ?? ongoing;
  return {
    name: value.name,
    targetSeconds: seconds(cycle?.goalDuration),
    elapsedSeconds: seconds(cycle?.elapsedTime),
    breached: typeof cycle?.breached === "boolean" ? cycle.breached : null,
    origin: "source",
  };
};

/** The request type of a JSM issue: the custom field whose value has `requestType.name`. */
export const jiraRequestType = (value: unknown): string | null =>
  isObject(value) && isObject(value.requestType) && typeof value.requestType.name === "string"
    ? value.requestType.name
    : null;
