import { stat } from "node:fs/promises";
import { TandemError } from "../domain/errors.js";
import { inputError } from "./input-error.js";
import { jiraReader } from "./jira-reader.js";
import { defaultTimeSettings, isKnownZone, isoFormat, type TimeSettings } from "./local-time.js";
import { mappedCsvReader } from "./mapped-csv-reader.js";
import { eventLogDateFormats, serviceNowLogReader } from "./servicenow-log-reader.js";
import { looksLikeJson, serviceNowTableReader } from "./servicenow-table-reader.js";
import { loadTicketMapping } from "./ticket-mapping.js";
import type { OpenTicketReaderOptions, ReadOptions, ReadResult, TicketReader } from "./ticket-reader.js";

const assertReadable = async (file: string, role: string): Promise<void> => {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new TandemError("validation", `${role} ${file} is not a file`);
  } catch (error) {
    if (error instanceof TandemError) throw error;
    throw new TandemError("not_found", `${role} ${file} does not exist or cannot be read`, { cause: error });
  }
};

/** An input that yields nothing is a mistake (wrong file, header only), not a successful import of nothing. */
const nonEmpty = (file: string, reader: TicketReader): TicketReader => ({
  read: async function* (options?: ReadOptions): AsyncGenerator<ReadResult> {
    let any = false;
    for await (const result of reader.read(options)) {
      any = true;
      yield result;
    }
    if (!any) throw inputError(file, "no rows: the file has no tickets (empty, or a header only)");
  },
});

const timeSettings = (
  options: OpenTicketReaderOptions,
  fallbackFormats: readonly string[],
  zone?: string,
): TimeSettings => {
  const timeZone = options.timeZone ?? zone ?? defaultTimeSettings.zone;
  if (!isKnownZone(timeZone)) {
    throw new TandemError(
      "validation",
      `unknown time zone "${timeZone}"; expected an IANA zone such as Europe/Berlin`,
      {
        issues: [{ path: "timeZone", message: "unknown IANA time zone" }],
      },
    );
  }
  return { zone: timeZone, formats: options.dateFormat ? [options.dateFormat, isoFormat] : fallbackFormats };
};

/**
 * Opens a reader for an export file in one of the known formats. Settings and the mapping are
 * checked now, so that a mistake is reported before the import starts; the file itself is read
 * (streamed) when `read()` is iterated.
 */
export const openTicketReader = async (options: OpenTicketReaderOptions): Promise<TicketReader> => {
  await assertReadable(options.file, "ticket file");
  switch (options.format) {
    case "servicenow": {
      const time = timeSettings(options, defaultTimeSettings.formats);
      return nonEmpty(
        options.file,
        serviceNowTableReader(options.file, time, await looksLikeJson(options.file)),
      );
    }
    case "servicenow-log":
      return nonEmpty(
        options.file,
        serviceNowLogReader(options.file, timeSettings(options, eventLogDateFormats)),
      );
    case "jira":
      return nonEmpty(options.file, jiraReader(options.file, timeSettings(options, [isoFormat])));
    case "csv": {
      if (!options.mappingFile) {
        throw new TandemError("validation", "the csv format needs a mapping file (--mapping)", {
          issues: [{ path: "mappingFile", message: "required for the csv format" }],
        });
      }
      await assertReadable(options.mappingFile, "mapping file");
      const mapping = await loadTicketMapping(options.mappingFile);
      const time = timeSettings(
        options,
        mapping.dateFormats ?? defaultTimeSettings.formats,
        mapping.timeZone,
      );
      return nonEmpty(options.file, mappedCsvReader(options.file, mapping, time));
    }
  }
};
