import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { TandemError } from "../domain/errors.js";
import { type ImportUploadFields, importUploadFields } from "../domain/schemas/import-run.js";

/** An export received over HTTP, on disk for the readers (they stream from a file). */
export interface ImportUpload {
  fields: ImportUploadFields;
  /** The path of the export in the temporary folder, and the name it was sent under. */
  file: string;
  fileName: string;
  mappingFile?: string;
}

/** A sent file name as a plain file name: no folders, no control characters, bounded. */
const safeName = (name: string, fallback: string) => {
  const printable = [...name.replaceAll("\\", "/")].filter((c) => c.charCodeAt(0) >= 0x20).join("");
  const plain = basename(printable).slice(0, 200);
  return plain === "" || plain === "." || plain === ".." ? fallback : plain;
};

/** The temporary folder's path is the server's business: errors name the file as it was sent. */
const withoutFolder = (error: unknown, folder: string): unknown => {
  if (!(error instanceof TandemError)) return error;
  const strip = (text: string) => text.replaceAll(`${folder}/mapping/`, "").replaceAll(`${folder}/`, "");
  return new TandemError(error.code, strip(error.message), {
    issues: error.issues.map((i) => ({ path: strip(i.path), message: strip(i.message) })),
    items: error.items,
    cause: error,
  });
};

/** Multipart refusals (sizes, counts) keep their meaning; anything else is a malformed body. */
const uploadError = (error: unknown, maxBytes: number): unknown => {
  if (error instanceof TandemError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === "FST_REQ_FILE_TOO_LARGE") {
    return new TandemError("payload_too_large", `the file is larger than the ${maxBytes} bytes accepted`);
  }
  if (e.statusCode === 413) return new TandemError("payload_too_large", e.message ?? "too large");
  return new TandemError("bad_request", `malformed multipart body: ${e.message ?? "unreadable"}`, {
    cause: error,
  });
};

/**
 * Streams a multipart upload (fields, the export as `file`, a mapping as `mapping`) into a fresh
 * temporary folder, hands it to `use`, and removes the folder whatever happens, also when the
 * upload is cut off for being too large. Nothing is held in memory beyond a few chunks.
 */
export const withImportUpload = async <T>(
  request: FastifyRequest,
  maxBytes: number,
  use: (upload: ImportUpload) => Promise<T>,
): Promise<T> => {
  if (!request.isMultipart()) {
    throw new TandemError("unsupported_media_type", "send the export as multipart/form-data");
  }
  const folder = await mkdtemp(join(tmpdir(), "tandem-import-"));
  await mkdir(join(folder, "mapping"));
  try {
    const raw: Record<string, string> = {};
    let file: { path: string; name: string } | undefined;
    let mappingFile: string | undefined;
    try {
      const parts = request.parts({
        limits: { fileSize: maxBytes, files: 2, fields: 10, fieldSize: 1000, parts: 20 },
      });
      for await (const part of parts) {
        if (part.type === "field") {
          if (typeof part.value === "string") raw[part.fieldname] = part.value;
          continue;
        }
        if (part.fieldname !== "file" && part.fieldname !== "mapping") {
          part.file.resume();
          continue;
        }
        const name = safeName(part.filename, part.fieldname);
        // The mapping in a sub-folder, so that a mapping and an export may share a name.
        const path = join(folder, part.fieldname === "file" ? "" : "mapping", name);
        await pipeline(part.file, createWriteStream(path));
        if (part.fieldname === "file") file = { path, name };
        else mappingFile = path;
      }
    } catch (error) {
      throw uploadError(error, maxBytes);
    }
    const fields = importUploadFields.parse(raw);
    if (!file) {
      throw new TandemError("validation", "no file: send the export in the form field `file`", {
        issues: [{ path: "file", message: "required" }],
      });
    }
    return await use({
      fields,
      file: file.path,
      fileName: file.name,
      ...(mappingFile ? { mappingFile } : {}),
    });
  } catch (error) {
    throw withoutFolder(error, folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};
