import { type CsvError, parse } from "csv-parse";
import { inputError } from "./input-error.js";

/** A parsed CSV line, or one that could not be parsed (named by line, never dropped). */
export type CsvItem =
  | { kind: "row"; line: number; cells: string[] }
  | { kind: "broken"; line: number; message: string; raw: string };

export interface CsvOptions {
  delimiter?: string;
  /** 1-based line of the header (lines above it are titles or notes). */
  headerRow?: number;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Parses CSV text chunk by chunk. We feed csv-parse ourselves rather than iterate it as a stream:
 * a parse error at the end (an unterminated quote in a truncated last line) would otherwise
 * destroy the stream and lose the records already parsed from the same chunk.
 */
export async function* csvRows(
  chunks: AsyncIterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<CsvItem> {
  const parser = parse({
    delimiter: options.delimiter ?? ",",
    from_line: options.headerRow ?? 1,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const queue: ParsedRecord[] = [];
  let failure: CsvError | Error | undefined;
  let ended = false;
  parser.on("data", (item: ParsedRecord) => queue.push(item));
  parser.on("error", (error: Error) => {
    failure = error;
  });
  parser.on("end", () => {
    ended = true;
  });
  const drain = function* (): Generator<CsvItem> {
    for (const item of queue.splice(0)) yield { kind: "row", line: item.info.lines, cells: item.record };
  };
  for await (const chunk of chunks) {
    if (failure) break;
    parser.write(chunk);
    await settle();
    yield* drain();
  }
  if (!failure) parser.end();
  while (!ended && !failure) await settle();
  yield* drain();
  if (failure) {
    const lines: unknown = (failure as unknown as { lines?: unknown }).lines;
    const line = typeof lines === "number" ? lines : 0;
    yield { kind: "broken", line, message: `cannot be parsed as CSV: ${failure.message}`, raw: "" };
  }
}

/** A data row keyed by header name. */
export type CsvTableItem =
  | { kind: "row"; line: number; cells: string[]; fields: Record<string, string> }
  | { kind: "broken"; line: number; message: string; raw: string };

export interface CsvTable {
  header: string[];
  headerLine: number;
  /** 1-based column of a header name, for error messages. */
  columnOf(name: string): number | undefined;
  rows: AsyncGenerator<CsvTableItem>;
}

/**
 * Reads the header, then yields the data rows keyed by it. A row with fewer or more fields than
 * the header (typically a truncated last line) is reported as broken, naming its line.
 */
export const csvTable = async (
  file: string,
  chunks: AsyncIterable<string>,
  options: CsvOptions = {},
): Promise<CsvTable> => {
  const items = csvRows(chunks, options);
  const first = await items.next();
  if (first.done) throw inputError(file, "no rows: the file is empty");
  if (first.value.kind === "broken") throw inputError(file, first.value.message, first.value.line);
  const header = first.value.cells.map((name) => name.trim());
  const headerLine = first.value.line;
  const columns = new Map(header.map((name, index) => [name, index + 1]));
  const rows = async function* (): AsyncGenerator<CsvTableItem> {
    for await (const item of items) {
      if (item.kind === "broken") {
        yield item;
        continue;
      }
      if (item.cells.length !== header.length) {
        yield {
          kind: "broken",
          line: item.line,
          message: `has ${item.cells.length} fields, expected ${header.length} as in the header on line ${headerLine}${item.cells.length < header.length ? " (truncated line?)" : ""}`,
          raw: item.cells.join(","),
        };
        continue;
      }
      const fields: Record<string, string> = {};
      header.forEach((name, index) => {
        fields[name] = item.cells[index] ?? "";
      });
      yield { kind: "row", line: item.line, cells: item.cells, fields };
    }
  };
  return { header, headerLine, columnOf: (name) => columns.get(name), rows: rows() };
};
