import type { ImportProgress } from "../domain/schemas/import-run.js";

interface Entry {
  owner: string;
  progress: ImportProgress;
  /** When the entry may be forgotten (set once it is done). */
  expiresAt: number;
}

const KEEP_DONE_MS = 60_000;
const MAX_ENTRIES = 1000;

/**
 * The progress of the uploads running in this process, by an id the client chose (a UUID sent
 * with the upload), so that the web page can poll rows read and written while its request runs.
 * Only the uploader may read an entry; a finished one is kept a minute, and the board never
 * holds more than a thousand (the oldest go first).
 */
export class ImportProgressBoard {
  readonly #entries = new Map<string, Entry>();

  start(id: string, owner: string): void {
    this.#prune(Date.now());
    this.#entries.delete(id);
    this.#entries.set(id, {
      owner,
      progress: { phase: "uploading", read: 0, written: 0 },
      expiresAt: Number.POSITIVE_INFINITY,
    });
  }

  update(id: string, read: number, written: number): void {
    const entry = this.#entries.get(id);
    if (entry) entry.progress = { phase: "importing", read, written };
  }

  finish(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    entry.progress = { ...entry.progress, phase: "done" };
    entry.expiresAt = Date.now() + KEEP_DONE_MS;
  }

  /** The progress, or undefined for an unknown id or another owner's upload. */
  get(id: string, owner: string): ImportProgress | undefined {
    const entry = this.#entries.get(id);
    return entry && entry.owner === owner ? entry.progress : undefined;
  }

  #prune(now: number): void {
    for (const [id, entry] of this.#entries) if (entry.expiresAt < now) this.#entries.delete(id);
    while (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
