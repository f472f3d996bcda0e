import type { TicketRecord, TicketSla } from "../domain/schemas/ticket.js";
import { decodedChunks } from "./decoded-text.js";
import { inputError } from "./input-error.js";
import { jiraPriority, jiraRequestType, jiraSla, jiraState, jiraType } from "./jira-fields.js";
import { type JsonPath, jsonRecordStream } from "./json-stream.js";
import { parseInstant, type TimeSettings } from "./local-time.js";
import { RowProblem } from "./row-problem.js";
import { DuplicateGuard, readRow } from "./row-results.js";
import { blankTicket, checkedTicket } from "./ticket-draft.js";
import type { ReadOptions, ReadResult, TicketReader } from "./ticket-reader.js";

type Json = Record<string, unknown>;

const objectAt = (value: unknown, key: string): Json | null => {
  const child = value && typeof value === "object" ? (value as Json)[key] : undefined;
  return child && typeof child === "object" ? (child as Json) : null;
};

const textAt = (value: unknown, key: string): string | null => {
  const child = value && typeof value === "object" ? (value as Json)[key] : undefined;
  if (typeof child === "number") return String(child);
  return typeof child === "string" && child.trim() !== "" ? child : null;
};

const person = (value: Json | null): string | null =>
  textAt(value, "displayName") ?? textAt(value, "emailAddress");

/** Issues sit at `issues.N` in one search page, or `N.issues.M` in an array of pages. */
const isIssuePath = (path: JsonPath): boolean =>
  (path.length === 2 && path[0] === "issues" && typeof path[1] === "number") ||
  (path.length === 3 && typeof path[0] === "number" && path[1] === "issues" && typeof path[2] === "number");

const jiraFieldNames = {
  externalId: "id",
  number: "key",
  title: "fields.summary",
  openedAt: "fields.created",
  resolvedAt: "fields.resolutiondate",
  closedAt: "fields.resolutiondate",
  updatedAt: "fields.updated",
  assignee: "fields.assignee",
  requester: "fields.reporter",
  stateRaw: "fields.status.name",
  priorityRaw: "fields.priority.name",
};

export const jiraTicket = (issue: unknown, time: TimeSettings): TicketRecord => {
  const key = textAt(issue, "key");
  if (key === null) throw new RowProblem("key", "key: missing; expected an issue key such as ITSD-42");
  const fields = objectAt(issue, "fields");
  if (fields === null) throw new RowProblem("fields", "fields: missing; expected the issue's fields object");
  const status = objectAt(fields, "status");
  const statusName = textAt(status, "name");
  const state = jiraState(statusName, textAt(objectAt(status, "statusCategory"), "key"));
  const priorityName = textAt(objectAt(fields, "priority"), "name");
  const openedAt = parseInstant(textAt(fields, "created"), "fields.created", time);
  if (openedAt === null)
    throw new RowProblem("fields.created", "fields.created: missing; expected the creation date");
  const resolvedAt = parseInstant(textAt(fields, "resolutiondate"), "fields.resolutiondate", time);
  const slas: TicketSla[] = [];
  const slaFields: string[] = [];
  let requestType: string | null = null;
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith("customfield_")) continue;
    const sla = jiraSla(value);
    if (sla) {
      slas.push(sla);
      slaFields.push(name);
    }
    requestType ??= jiraRequestType(value);
  }
  const components = Array.isArray(fields.components)
    ? fields.components
        .map((component) => textAt(component, "name"))
        .filter((name): name is string => name !== null)
    : [];
  const type = jiraType(textAt(objectAt(fields, "issuetype"), "name"));
  return checkedTicket(
    {
      ...blankTicket("jira"),
      externalId: textAt(issue, "id") ?? key,
      type,
      number: key,
      title: textAt(fields, "summary") ?? "",
      state,
      stateRaw: statusName ?? "",
      priority: jiraPriority(priorityName),
      priorityRaw: priorityName,
      openedAt,
      resolvedAt,
      closedAt: state === "closed" || state === "cancelled" ? resolvedAt : null,
      updatedAt: parseInstant(textAt(fields, "updated"), "fields.updated", time),
      assignee: person(objectAt(fields, "assignee")),
      requester: person(objectAt(fields, "reporter")),
      components,
      requestType,
      slas,
      sourceFields: {
        key,
        id: textAt(issue, "id"),
        issuetype: textAt(objectAt(fields, "issuetype"), "name"),
        status: statusName,
        labels: Array.isArray(fields.labels) ? fields.labels : [],
        slaFields,
      },
    },
    jiraFieldNames,
  );
};

async function* readJira(file: string, time: TimeSettings, options: ReadOptions): AsyncGenerator<ReadResult> {
  const { records, outline } = jsonRecordStream(decodedChunks(file), file, isIssuePath);
  const guard = new DuplicateGuard(options);
  const noColumn = (): undefined => undefined;
  for await (const record of records) {
    const raw = JSON.stringify(record.value);
    const result = readRow(record.line, raw, noColumn, () => jiraTicket(record.value, time));
    yield guard.check(result, raw, "id", noColumn);
  }
  // Read as a stream, the document's shape is known only at its end (the import then writes nothing).
  const pages =
    outline.root === "object"
      ? outline.arrays.has("issues")
      : outline.root === "array" &&
        outline.rootItems > 0 &&
        Array.from({ length: outline.rootItems }, (_, i) => `${i}.issues`).every((p) =>
          outline.arrays.has(p),
        );
  if (!pages) {
    throw inputError(file, 'expected a Jira search result: { "issues": [...] } or an array of such pages', 1);
  }
}

/** Jira Service Management search results (REST API v2/v3 JSON), one page or an array of pages. */
export const jiraReader = (file: string, time: TimeSettings): TicketReader => ({
  read: (options = {}) => readJira(file, time, options),
});
