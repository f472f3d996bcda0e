import { z } from "zod";
import { count, id } from "./common.js";
import { ticketFormats, ticketRecord } from "./ticket.js";
import { unmatchedValues } from "./ticket-mapping.js";

/**
 * The ticket import over HTTP: the upload's form fields, the report of a run, the stored runs and
 * the preview. The upload itself is multipart/form-data, so these describe its text fields.
 */
const flag = z
  .enum(["true", "false", "on", ""])
  .optional()
  .transform((v) => v === "true" || v === "on");

export const importUploadFields = z.object({
  format: z.enum(ticketFormats, { error: `expected one of ${ticketFormats.join(", ")}` }),
  timeZone: z.string().trim().max(100).optional(),
  dateFormat: z.string().trim().max(100).optional(),
  dryRun: flag,
  skipInvalid: flag,
});
export type ImportUploadFields = z.infer<typeof importUploadFields>;

export const importError = z.object({
  line: z.number().int(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
});

/** What an import did; a run with rejected rows is a report too ("rejected", nothing written). */
export const importReport = z.object({
  status: z.enum(["succeeded", "rejected", "dry_run"]),
  read: count,
  inserted: count,
  updated: count,
  unchanged: count,
  rejected: count,
  unmatched: unmatchedValues,
  errors: z.array(importError),
  importRunId: id.nullable(),
});
export type ImportReport = z.infer<typeof importReport>;

/** One logged run (dry runs are not logged). */
export const importRun = z.object({
  id,
  source: z.string(),
  format: z.string(),
  status: z.enum(["running", "succeeded", "rejected", "failed"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  actorLabel: z.string(),
  read: count,
  inserted: count,
  updated: count,
  unchanged: count,
  rejected: count,
  /** Tickets left without a service or a business unit. */
  unmatched: count,
  errors: z.array(importError),
});
export type ImportRun = z.infer<typeof importRun>;

export const importPreview = z.object({
  /** The first rows' normalised tickets, in file order. */
  records: z.array(z.object({ line: z.number().int(), record: z.object(ticketRecord.shape) })),
  rejected: z.array(importError),
  /** Rows looked at (at most the preview size). */
  read: count,
});
export type ImportPreview = z.infer<typeof importPreview>;

/** How far a running upload's import has got (polled by the web Imports page while it waits). */
export const importProgress = z.object({
  /** "uploading": the file is still arriving; "importing": rows are read; "done": the report is on its way. */
  phase: z.enum(["uploading", "importing", "done"]),
  read: count,
  /** Rows inserted, updated or found unchanged so far (committed only when the import succeeds). */
  written: count,
});
export type ImportProgress = z.infer<typeof importProgress>;
