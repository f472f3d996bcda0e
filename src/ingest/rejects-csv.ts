import { createWriteStream, type WriteStream } from "node:fs";
import type { RejectedRow } from "../ingest/ticket-reader.js";

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * Writes rejected rows as CSV while the import runs, so memory stays flat however many there are.
 * Columns: where and why, then the raw row's fields (those of the first reject set the header).
 * The file is created at the first reject only.
 */
export class RejectsCsv {
  private stream: WriteStream | undefined;
  private columns: string[] = [];
  count = 0;

  constructor(readonly file: string) {}

  add(row: RejectedRow): void {
    const raw = typeof row.raw === "string" ? { raw: row.raw } : row.raw;
    if (!this.stream) {
      this.stream = createWriteStream(this.file);
      this.columns = Object.keys(raw);
      this.write(["line", "column", "field", "error", ...this.columns]);
    }
    this.count += 1;
    this.write([
      String(row.at.line),
      row.at.column === undefined ? "" : String(row.at.column),
      row.at.field ?? "",
      row.message,
      ...this.columns.map((c) => raw[c] ?? ""),
    ]);
  }

  private write(cells: string[]) {
    this.stream?.write(`${cells.map(cell).join(",")}\n`);
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
