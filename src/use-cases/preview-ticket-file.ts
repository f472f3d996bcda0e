import type { ImportPreview } from "../domain/schemas/import-run.js";
import { openTicketReader } from "../ingest/open-ticket-reader.js";
import type { OpenTicketReaderOptions } from "../ingest/ticket-reader.js";
import { requirePermission } from "../store/access.js";
import type { Actor } from "../store/actor.js";
import { checkReadResult } from "./check-read-result.js";

/** Rows a preview shows: enough to see that columns and dates are understood, cheap to read. */
export const PREVIEW_ROWS = 20;

/**
 * The first rows of an export as the import would see them (normalised, or rejected and why),
 * so that settings can be checked before importing. Reads only those rows; writes nothing.
 */
export const previewTicketFile = async (
  o: OpenTicketReaderOptions & { actor: Actor; rows?: number },
): Promise<ImportPreview> => {
  // The preview is a step of importing, so it is refused to those who may not import.
  requirePermission(o.actor, "graph:write");
  const limit = o.rows ?? PREVIEW_ROWS;
  const reader = await openTicketReader(o);
  const preview: ImportPreview = { records: [], rejected: [], read: 0 };
  for await (const item of reader.read()) {
    preview.read += 1;
    const checked = checkReadResult(item);
    if (checked.kind === "rejected") preview.rejected.push({ ...checked.at, message: checked.message });
    else preview.records.push({ line: checked.at.line, record: checked.record });
    // Leaving the loop closes the reader's stream: the rest of the file is never read.
    if (preview.read >= limit) break;
  }
  return preview;
};
