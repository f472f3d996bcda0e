import { z } from "zod";
import { id, page } from "../../domain/schemas/common.js";
import { importPreview, importReport, importRun } from "../../domain/schemas/import-run.js";
import { requirePermission } from "../../store/access.js";
import { importTicketFile } from "../../use-cases/import-ticket-file.js";
import { PREVIEW_ROWS, previewTicketFile } from "../../use-cases/preview-ticket-file.js";
import type { ApiContext, TandemApp } from "../context.js";
import { withImportUpload } from "../import-upload.js";
import { problemSchema } from "../problem.js";

const tags = ["Imports"];
const uploadErrors = {
  400: problemSchema,
  403: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
};
const uploadFields =
  "multipart/form-data with the export in `file` and the fields `format` (servicenow, servicenow-log, jira, csv), " +
  "optional `timeZone` (IANA), `dateFormat` (Luxon tokens), `dryRun` and `skipInvalid` (true/false), and for csv " +
  "a mapping file (YAML or JSON) in `mapping`.";

/** Ticket imports over HTTP: upload, preview, and the log of runs. */
export const registerImportRoutes = (app: TandemApp, ctx: ApiContext, options: { maxBytes: number }) => {
  app.post("/api/v1/imports", {
    schema: {
      tags,
      summary: "Import a ticket export",
      description: `${uploadFields} Runs as the caller (IT or administrator), all or nothing unless skipInvalid. A run with rejected rows answers 200 with status "rejected" and writes nothing; a problem with the whole file (no rows, a missing column, bad encoding) is a 422 naming line and column. Larger than the server's limit: 413.`,
      consumes: ["multipart/form-data"],
      response: { 200: importReport, ...uploadErrors },
    },
    handler: async (request) => {
      const { actor } = ctx.repositoriesFor(request);
      // Refused before the body is read: a viewer's upload costs no disk.
      requirePermission(actor, "graph:write");
      return withImportUpload(request, options.maxBytes, async (upload) =>
        importTicketFile({
          db: ctx.store.db,
          format: upload.fields.format,
          file: upload.file,
          ...(upload.mappingFile ? { mappingFile: upload.mappingFile } : {}),
          ...(upload.fields.timeZone ? { timeZone: upload.fields.timeZone } : {}),
          ...(upload.fields.dateFormat ? { dateFormat: upload.fields.dateFormat } : {}),
          source: upload.fileName,
          actor,
          dryRun: upload.fields.dryRun,
          skipInvalid: upload.fields.skipInvalid,
        }),
      );
    },
  });

  app.post("/api/v1/imports/preview", {
    schema: {
      tags,
      summary: `Preview a ticket export: its first ${PREVIEW_ROWS} rows, normalised or rejected`,
      description: `${uploadFields} Reads only the first rows and writes nothing.`,
      consumes: ["multipart/form-data"],
      response: { 200: importPreview, ...uploadErrors },
    },
    handler: async (request) => {
      const { actor } = ctx.repositoriesFor(request);
      requirePermission(actor, "graph:write");
      return withImportUpload(request, options.maxBytes, async (upload) =>
        previewTicketFile({
          actor,
          format: upload.fields.format,
          file: upload.file,
          ...(upload.mappingFile ? { mappingFile: upload.mappingFile } : {}),
          ...(upload.fields.timeZone ? { timeZone: upload.fields.timeZone } : {}),
          ...(upload.fields.dateFormat ? { dateFormat: upload.fields.dateFormat } : {}),
        }),
      );
    },
  });

  app.get("/api/v1/imports", {
    schema: {
      tags,
      summary: "The import log: runs, newest first",
      description: "Spans every business unit, so business stakeholders are refused (403).",
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().max(500).optional(),
      }),
      response: { 200: page(importRun), 403: problemSchema, 422: problemSchema },
    },
    handler: async (request) => {
      const { limit, cursor } = request.query;
      return ctx
        .repositoriesFor(request)
        .importRuns()
        .list({ limit, ...(cursor ? { cursor } : {}) });
    },
  });

  app.get("/api/v1/imports/:id", {
    schema: {
      tags,
      summary: "One import run's report",
      params: z.object({ id }),
      response: { 200: importRun, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
    handler: async (request) => ctx.repositoriesFor(request).importRuns().get(request.params.id),
  });
};
