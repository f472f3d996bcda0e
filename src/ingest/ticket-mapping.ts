import { extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { TandemError } from "../domain/errors.js";
import { sourceSystem, ticketState, ticketType } from "../domain/schemas/ticket.js";
import { decodedText, textEncodings } from "./decoded-text.js";
import { isKnownZone } from "./local-time.js";
import { parseJsonDocument } from "./parse-json-document.js";

/** Ticket fields a CSV column can feed (one column each). */
export const mappableFields = [
  "externalId",
  "number",
  "title",
  "type",
  "state",
  "priority",
  "impact",
  "urgency",
  "openedAt",
  "acknowledgedAt",
  "resolvedAt",
  "closedAt",
  "updatedAt",
  "assignmentGroup",
  "assignee",
  "requester",
  "requesterDepartment",
  "configurationItem",
  "businessService",
  "components",
  "requestType",
  "category",
  "subcategory",
  "channel",
  "reassignmentCount",
  "reopenCount",
  "causedByChange",
  "relatedProblem",
  "closeCode",
  "risk",
  "majorIncident",
] as const;
export type MappableField = (typeof mappableFields)[number];

const valueMap = <T extends z.ZodType>(target: T) => z.record(z.string(), target).optional();

export const ticketMapping = z
  .object({
    columns: z.partialRecord(z.enum(mappableFields), z.string().min(1)),
    values: z
      .object({
        state: valueMap(ticketState),
        priority: valueMap(z.number().int().min(1).max(5)),
        type: valueMap(ticketType),
      })
      .strict()
      .default({}),
    defaults: z
      .object({
        type: ticketType.optional(),
        state: ticketState.optional(),
        sourceSystem: sourceSystem.optional(),
      })
      .strict()
      .default({}),
    dateFormats: z.array(z.string().min(1)).min(1).optional(),
    timeZone: z.string().refine(isKnownZone, "unknown IANA time zone").optional(),
    delimiter: z.string().length(1).optional(),
    encoding: z.enum(textEncodings).default("utf-8"),
    headerRow: z.number().int().min(1).default(1),
    /** Separator of several values in one cell (components). */
    listSeparator: z.string().min(1).default(";"),
  })
  .strict()
  .superRefine((mapping, context) => {
    if (!mapping.columns.openedAt) {
      context.addIssue({
        code: "custom",
        path: ["columns", "openedAt"],
        message: "required: the column with the opening date",
      });
    }
    if (!mapping.columns.externalId && !mapping.columns.number) {
      context.addIssue({
        code: "custom",
        path: ["columns", "externalId"],
        message: "required: externalId or number",
      });
    }
    if (!mapping.columns.state && !mapping.defaults.state) {
      context.addIssue({
        code: "custom",
        path: ["columns", "state"],
        message: "required: a state column or defaults.state",
      });
    }
  });
export type TicketMapping = z.infer<typeof ticketMapping>;

const parseMappingText = (text: string, file: string): unknown => {
  if (extname(file).toLowerCase() === ".json") return parseJsonDocument(text, file);
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const where = error.linePos?.[0];
    const path = where ? `line ${where.line}, column ${where.col}` : file;
    throw new TandemError("validation", `${file} is not valid YAML: ${error.message}`, {
      issues: [{ path, message: error.message }],
      cause: error,
    });
  }
};

/** Reads and validates a mapping file (YAML or JSON); problems name the mapping key. */
export const loadTicketMapping = async (file: string): Promise<TicketMapping> => {
  const result = ticketMapping.safeParse(parseMappingText(await decodedText(file), file));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(mapping)",
    message: issue.message,
  }));
  throw new TandemError(
    "validation",
    `${file} is not a valid ticket mapping: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`,
    { issues },
  );
};
