import type { TicketRecord } from "../domain/schemas/ticket.js";
import { ticketState, ticketType } from "../domain/schemas/ticket.js";
import { csvTable } from "./csv-rows.js";
import { decodedChunks } from "./decoded-text.js";
import { inputError } from "./input-error.js";
import { parseInstant, type TimeSettings } from "./local-time.js";
import { RowProblem } from "./row-problem.js";
import { DuplicateGuard, readRow, rejected } from "./row-results.js";
import { blankTicket, checkedTicket, type SourceFieldNames } from "./ticket-draft.js";
import type { MappableField, TicketMapping } from "./ticket-mapping.js";
import type { ReadOptions, ReadResult, TicketReader } from "./ticket-reader.js";

/** A value through the mapping's value map (exact, then ignoring case and spaces), else a RowProblem listing the allowed values. */
const mapped = <T>(text: string, column: string, key: string, map: Record<string, T>): T => {
  const exact = map[text];
  if (exact !== undefined) return exact;
  const folded = text.trim().toLowerCase();
  const entry = Object.entries(map).find(([from]) => from.trim().toLowerCase() === folded);
  if (entry) return entry[1];
  throw new RowProblem(
    column,
    `${column}: unknown ${key} "${text}"; expected one of ${Object.keys(map)
      .map((from) => `"${from}"`)
      .join(", ")} (values.${key} in the mapping)`,
  );
};

const integer = (text: string, column: string, min: number, max: number): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RowProblem(column, `${column}: "${text}" is not a whole number from ${min} to ${max}`);
  }
  return value;
};

const yes = new Set(["true", "yes", "y", "1", "oui", "x"]);
const no = new Set(["false", "no", "n", "0", "non"]);

const boolean = (text: string, column: string): boolean => {
  const value = text.trim().toLowerCase();
  if (yes.has(value)) return true;
  if (no.has(value)) return false;
  throw new RowProblem(column, `${column}: "${text}" is not a yes/no value; expected true or false`);
};

/** Builds one ticket from a CSV row through the mapping. */
export const mappedTicket = (
  fields: Record<string, string>,
  mapping: TicketMapping,
  time: TimeSettings,
): TicketRecord => {
  const column = (key: MappableField): string => mapping.columns[key] ?? key;
  const cell = (key: MappableField): string | null => {
    const name = mapping.columns[key];
    const text = name === undefined ? undefined : fields[name]?.trim();
    return text === undefined || text === "" ? null : text;
  };
  const required = (key: MappableField, expected: string): string => {
    const value = cell(key);
    if (value === null) throw new RowProblem(column(key), `${column(key)}: empty; expected ${expected}`);
    return value;
  };
  const instant = (key: MappableField): string | null => parseInstant(cell(key), column(key), time);
  const id = cell("externalId") ?? cell("number");
  if (id === null) {
    const key = mapping.columns.externalId ? "externalId" : "number";
    throw new RowProblem(column(key), `${column(key)}: empty; expected the ticket id`);
  }
  const typeText = cell("type");
  const stateText = cell("state");
  if (stateText === null && !mapping.defaults.state) required("state", "a state");
  const priorityText = cell("priority");
  const openedAt = parseInstant(required("openedAt", "the opening date"), column("openedAt"), time);
  const components = cell("components");
  const count = (key: MappableField): number => {
    const text = cell(key);
    return text === null ? 0 : integer(text, column(key), 0, 100_000);
  };
  const level = (key: MappableField): number | null => {
    const text = cell(key);
    return text === null ? null : integer(text, column(key), 1, 3);
  };
  const majorIncident = cell("majorIncident");
  return {
    ...blankTicket(mapping.defaults.sourceSystem ?? "csv"),
    externalId: id,
    number: cell("number") ?? id,
    title: cell("title") ?? "",
    type:
      typeText === null
        ? (mapping.defaults.type ?? "incident")
        : mapped(
            typeText,
            column("type"),
            "type",
            mapping.values.type ?? Object.fromEntries(ticketType.options.map((t) => [t, t])),
          ),
    state:
      stateText === null
        ? (mapping.defaults.state ?? "open")
        : mapped(
            stateText,
            column("state"),
            "state",
            mapping.values.state ?? Object.fromEntries(ticketState.options.map((s) => [s, s])),
          ),
    stateRaw: stateText ?? "",
    priority:
      priorityText === null
        ? null
        : mapping.values.priority
          ? mapped(priorityText, column("priority"), "priority", mapping.values.priority)
          : integer(priorityText, column("priority"), 1, 5),
    priorityRaw: priorityText,
    impact: level("impact"),
    urgency: level("urgency"),
    openedAt: openedAt ?? "",
    acknowledgedAt: instant("acknowledgedAt"),
    resolvedAt: instant("resolvedAt"),
    closedAt: instant("closedAt"),
    updatedAt: instant("updatedAt"),
    assignmentGroup: cell("assignmentGroup"),
    assignee: cell("assignee"),
    requester: cell("requester"),
    requesterDepartment: cell("requesterDepartment"),
    configurationItem: cell("configurationItem"),
    businessService: cell("businessService"),
    components:
      components === null
        ? []
        : components
            .split(mapping.listSeparator)
            .map((name) => name.trim())
            .filter((name) => name !== ""),
    requestType: cell("requestType"),
    category: cell("category"),
    subcategory: cell("subcategory"),
    channel: cell("channel"),
    reassignmentCount: count("reassignmentCount"),
    reopenCount: count("reopenCount"),
    causedByChange: cell("causedByChange"),
    relatedProblem: cell("relatedProblem"),
    closeCode: cell("closeCode"),
    risk: cell("risk"),
    majorIncident: majorIncident === null ? false : boolean(majorIncident, column("majorIncident")),
    sourceFields: { ...fields },
  };
};

async function* readMapped(
  file: string,
  mapping: TicketMapping,
  time: TimeSettings,
  options: ReadOptions,
): AsyncGenerator<ReadResult> {
  const table = await csvTable(file, decodedChunks(file, mapping.encoding), {
    delimiter: mapping.delimiter,
    headerRow: mapping.headerRow,
  });
  for (const [key, name] of Object.entries(mapping.columns)) {
    if (!table.header.includes(name)) {
      throw inputError(
        file,
        `column "${name}" (columns.${key} in the mapping) is not in the header; the header has ${table.header.map((h) => `"${h}"`).join(", ")}`,
        table.headerLine,
      );
    }
  }
  const names: SourceFieldNames = { ...mapping.columns };
  const idColumn = mapping.columns.externalId ?? mapping.columns.number ?? "externalId";
  const guard = new DuplicateGuard(options);
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      yield rejected(item.line, item.message, item.raw);
      continue;
    }
    const result = readRow(item.line, item.fields, table.columnOf, () =>
      checkedTicket(mappedTicket(item.fields, mapping, time), names),
    );
    yield guard.check(result, item.fields, idColumn, table.columnOf);
  }
}

/** Any CSV export, read through a user-supplied column and value mapping. */
export const mappedCsvReader = (file: string, mapping: TicketMapping, time: TimeSettings): TicketReader => ({
  read: (options = {}) => readMapped(file, mapping, time, options),
});
