import { openTicketReader } from "../ingest/open-ticket-reader.js";
import { RejectsCsv } from "../ingest/rejects-csv.js";
import type { OpenTicketReaderOptions } from "../ingest/ticket-reader.js";
import type { Actor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { type ImportTicketsResult, importTickets } from "./import-tickets.js";

export interface ImportTicketFileOptions extends OpenTicketReaderOptions {
  db: Db;
  /** What the import log calls the input: the path on the CLI, the uploaded file's name over HTTP. */
  source: string;
  actor: Actor;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Where to write the rejected rows as CSV (only when rows are skipped, i.e. skipInvalid without dryRun). */
  rejectsFile?: string;
  onProgress?: (read: number, written: number) => void;
}

export interface ImportTicketFileResult extends ImportTicketsResult {
  /** The rejects file and how many rows went into it, when one was written. */
  rejects: { file: string; count: number } | null;
}

/**
 * An export file into the store: the CLI's `tandem import` and the API's upload both come here,
 * so both check the settings the same way, log the run the same way and write the same rejects.
 */
export const importTicketFile = async (o: ImportTicketFileOptions): Promise<ImportTicketFileResult> => {
  // Opened first: a bad setting or mapping is reported before anything is read or written. Read in
  // this thread: parsing in a worker (openThreadedTicketReader) cost ~100 MB more peak RSS and a
  // fifth more CPU, with no wall-clock gain measured on a busy 2-core machine (bench/import.ts).
  const reader = await openTicketReader({
    format: o.format,
    file: o.file,
    ...(o.mappingFile ? { mappingFile: o.mappingFile } : {}),
    ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    ...(o.dateFormat ? { dateFormat: o.dateFormat } : {}),
  });
  const rejects = o.rejectsFile && o.skipInvalid && !o.dryRun ? new RejectsCsv(o.rejectsFile) : undefined;
  try {
    const result = await importTickets({
      db: o.db,
      reader,
      source: o.source,
      format: o.format,
      actor: o.actor,
      dryRun: Boolean(o.dryRun),
      skipInvalid: Boolean(o.skipInvalid),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(rejects ? { onReject: (row) => rejects.add(row) } : {}),
    });
    return {
      ...result,
      rejects: rejects && rejects.count > 0 ? { file: rejects.file, count: rejects.count } : null,
    };
  } finally {
    await rejects?.close();
  }
};
