import type { FastifySchemaCompiler } from "fastify";
import type { FastifyRouteSchemaDef } from "fastify/types/schema.js";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { TandemError } from "../../domain/errors.js";
import { id, page } from "../../domain/schemas/common.js";
import { importPreview, importProgress, importReport, importRun } from "../../domain/schemas/import-run.js";
import { ticketFormats } from "../../domain/schemas/ticket.js";
import { requirePermission } from "../../store/access.js";
import { type Actor, actorLabel, actorUserId } from "../../store/actor.js";
import { importTicketFile } from "../../use-cases/import-ticket-file.js";
import { PREVIEW_ROWS, previewTicketFile } from "../../use-cases/preview-ticket-file.js";
import type { ApiContext, TandemApp } from "../context.js";
import { ImportProgressBoard } from "../import-progress.js";
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

/**
 * The multipart body, for the OpenAPI document only: the upload is streamed to disk by
 * withImportUpload, which checks each part itself (with errors naming the field), so the body is
 * not validated against this schema before the handler runs.
 */
const uploadBody = z.object({
  file: z.string().meta({ format: "binary", description: "The export (CSV or JSON)" }),
  format: z.enum(ticketFormats),
  mapping: z
    .string()
    .meta({ format: "binary", description: "For csv: the mapping file (YAML or JSON)" })
    .optional(),
  timeZone: z.string().meta({ description: "IANA zone of the export's local times; default UTC" }).optional(),
  dateFormat: z.string().meta({ description: "Luxon tokens, e.g. dd/MM/yyyy HH:mm" }).optional(),
  dryRun: z.enum(["true", "false"]).optional(),
  skipInvalid: z.enum(["true", "false"]).optional(),
});
const notValidated = () => ({ value: undefined });
const uploadValidator: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === "body" ? notValidated : validatorCompiler(route as FastifyRouteSchemaDef<z.ZodType>);

/** Who may read an upload's progress: its uploader. */
const ownerOf = (actor: Actor) => actorUserId(actor) ?? actorLabel(actor);

/** Ticket imports over HTTP: upload, preview, and the log of runs. */
export const registerImportRoutes = (app: TandemApp, ctx: ApiContext, options: { maxBytes: number }) => {
  const progress = new ImportProgressBoard();

  app.post("/api/v1/imports", {
    schema: {
      tags,
      summary: "Import a ticket export",
      description: `${uploadFields} Runs as the caller (IT or administrator), all or nothing unless skipInvalid. A run with rejected rows answers 200 with status "rejected" and writes nothing; a problem with the whole file (no rows, a missing column, bad encoding) is a 422 naming line and column. Larger than the server's limit: 413. With \`progress\` (a UUID the client chooses), GET /api/v1/imports/progress/{progress} tells rows read and written while the request runs.`,
      consumes: ["multipart/form-data"],
      querystring: z.object({ progress: z.uuid({ error: "expected a UUID" }).optional() }),
      body: uploadBody,
      response: { 200: importReport, ...uploadErrors },
    },
    validatorCompiler: uploadValidator,
    handler: async (request) => {
      const { actor } = ctx.repositoriesFor(request);
      // Refused before the body is read: a viewer's upload costs no disk.
      requirePermission(actor, "graph:write");
      const progressId = request.query.progress;
      if (progressId) progress.start(progressId, ownerOf(actor));
      try {
        return await withImportUpload(request, options.maxBytes, async (upload) =>
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
            ...(progressId
              ? { onProgress: (read, written) => progress.update(progressId, read, written) }
              : {}),
          }),
        );
      } finally {
        if (progressId) progress.finish(progressId);
      }
    },
  });

  app.get("/api/v1/imports/progress/:progressId", {
    schema: {
      tags,
      summary: "How far a running upload's import has got: rows read and written",
      description:
        "For the `progress` id sent with POST /api/v1/imports, while it runs and for a minute after. Only its uploader may read it; any other id is 404.",
      params: z.object({ progressId: z.uuid({ error: "expected a UUID" }) }),
      response: { 200: importProgress, 403: problemSchema, 404: problemSchema, 422: problemSchema },
    },
    handler: async (request) => {
      const { actor } = ctx.repositoriesFor(request);
      requirePermission(actor, "graph:write");
      const found = progress.get(request.params.progressId, ownerOf(actor));
      if (!found)
        throw new TandemError("not_found", `no upload in progress with id ${request.params.progressId}`);
      return found;
    },
  });

  app.post("/api/v1/imports/preview", {
    schema: {
      tags,
      summary: `Preview a ticket export: its first ${PREVIEW_ROWS} rows, normalised or rejected`,
      description: `${uploadFields} Reads only the first rows and writes nothing.`,
      consumes: ["multipart/form-data"],
      body: uploadBody,
      response: { 200: importPreview, ...uploadErrors },
    },
    validatorCompiler: uploadValidator,
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
