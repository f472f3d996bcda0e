import type { TicketState } from "../domain/schemas/ticket.js";
import { csvTable } from "./csv-rows.js";
import { decodedChunks } from "./decoded-text.js";
import { inputError } from "./input-error.js";
import { parseInstant, type TimeSettings } from "./local-time.js";
import { RowProblem } from "./row-problem.js";
import { readRow, rejected } from "./row-results.js";
import { present, serviceNowCount, serviceNowState } from "./servicenow-fields.js";
import { serviceNowFieldNames, serviceNowTicket, stateFieldOf } from "./servicenow-ticket.js";
import { checkedTicket } from "./ticket-draft.js";
import type { ReadResult, TicketReader } from "./ticket-reader.js";

/** The event-log data set's dates: day first, no leading zeros ("29/2/2016 1:16"). */
export const eventLogDateFormats = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "yyyy-MM-dd HH:mm:ss", "ISO"];

/** What we keep of one incident while its updates stream by: the latest row and running facts. */
interface IncidentSummary {
  line: number;
  latest: Record<string, string>;
  latestAt: string;
  acknowledgedAt: string | null;
  reassignments: number;
  reopens: number;
  history: { at: string; state: TicketState; line: number }[];
}

const earlier = (a: string | null, b: string): string => (a === null || b < a ? b : a);

/** Sorted by time, consecutive repeats of a state collapsed (most updates do not change it). */
const compactHistory = (history: IncidentSummary["history"]): { at: string; state: TicketState }[] => {
  const sorted = [...history].sort((a, b) => (a.at === b.at ? a.line - b.line : a.at < b.at ? -1 : 1));
  const compact: { at: string; state: TicketState }[] = [];
  for (const { at, state } of sorted) {
    if (compact.at(-1)?.state !== state) compact.push({ at, state });
  }
  return compact;
};

async function* readLog(file: string, time: TimeSettings): AsyncGenerator<ReadResult> {
  const table = await csvTable(file, decodedChunks(file));
  const updatedField = table.header.includes("sys_updated_at") ? "sys_updated_at" : "sys_updated_on";
  for (const required of ["number", "opened_at", updatedField]) {
    if (!table.header.includes(required)) {
      throw inputError(file, `missing required column "${required}" in the header`, table.headerLine);
    }
  }
  if (!table.header.includes("incident_state") && !table.header.includes("state")) {
    throw inputError(
      file,
      'missing required column "incident_state" (or "state") in the header',
      table.headerLine,
    );
  }
  // Updates of one incident may be interleaved with others': summarise, then emit at the end.
  const incidents = new Map<string, IncidentSummary>();
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      yield rejected(item.line, item.message, item.raw);
      continue;
    }
    const row = item.fields;
    try {
      const number = present(row.number);
      if (number === null) throw new RowProblem("number", "number: missing; expected an incident number");
      const at = parseInstant(present(row[updatedField]), updatedField, time);
      if (at === null)
        throw new RowProblem(updatedField, `${updatedField}: missing; expected the time of the update`);
      const stateField = stateFieldOf(row);
      const state = serviceNowState(present(row[stateField]), stateField);
      const assigned = present(row.assigned_to) !== null;
      const reassignments = serviceNowCount(present(row.reassignment_count), "reassignment_count");
      const reopens = serviceNowCount(present(row.reopen_count), "reopen_count");
      const summary = incidents.get(number);
      const acknowledged = state !== "new" || assigned ? at : null;
      if (!summary) {
        incidents.set(number, {
          line: item.line,
          latest: row,
          latestAt: at,
          acknowledgedAt: acknowledged,
          reassignments,
          reopens,
          history: [{ at, state, line: item.line }],
        });
        continue;
      }
      if (at >= summary.latestAt) {
        summary.latest = row;
        summary.latestAt = at;
        summary.line = item.line;
      }
      if (acknowledged !== null) summary.acknowledgedAt = earlier(summary.acknowledgedAt, acknowledged);
      summary.reassignments = Math.max(summary.reassignments, reassignments);
      summary.reopens = Math.max(summary.reopens, reopens);
      summary.history.push({ at, state, line: item.line });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      yield rejected(
        item.line,
        error.message,
        row,
        error.field,
        error.field ? table.columnOf(error.field) : undefined,
      );
    }
  }
  for (const summary of incidents.values()) {
    yield readRow(summary.line, summary.latest, table.columnOf, () => {
      const ticket = serviceNowTicket(summary.latest, time);
      return checkedTicket(
        {
          ...ticket,
          acknowledgedAt: summary.acknowledgedAt,
          reassignmentCount: summary.reassignments,
          reopenCount: summary.reopens,
          sourceFields: {
            ...summary.latest,
            updates: summary.history.length,
            stateHistory: compactHistory(summary.history),
          },
        },
        serviceNowFieldNames(summary.latest),
      );
    });
  }
}

/**
 * ServiceNow audit / event-log exports: one row per update of an incident, many rows per number.
 * Each incident becomes one ticket: its final state (the last row by update time), the first
 * acknowledgement, the highest reassignment and reopen counts, and a compact state history.
 */
export const serviceNowLogReader = (file: string, time: TimeSettings): TicketReader => ({
  read: () => readLog(file, time),
});
