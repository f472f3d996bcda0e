import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  type RollupTermsData,
  type RollupTicket,
  type RollupTicketSink,
  rollupTerms,
  TicketRollupRows,
} from "../domain/metrics/ticket-rollup-rows.js";
import {
  type RollupRowsText,
  type RollupTextFormat,
  rollupRowsText,
} from "../store/repositories/rollup-rows-text.js";

/**
 * The import's rollup rows, added up while it writes (TicketRollupRows): on a worker thread when
 * the compiled worker is there, so that the adding runs beside the database's work instead of
 * after it (for 100,000 tickets on PGlite about 1.9 s of the main thread's time, half the cost of
 * keeping the rollups), and on the import's own thread otherwise (the tests run the sources).
 */
export interface RollupAccumulator extends RollupTicketSink {
  /** Rows held, as last known. */
  readonly size: number;
  /** The rows added up so far, as the text they are loaded from; emptied. */
  take(): Promise<RollupRowsText>;
  close(): Promise<void>;
}

/** Messages to the worker thread and back (ticket-rollup-thread-worker.ts). */
export type ToRollupThread = { kind: "add"; tickets: RollupTicket[] } | { kind: "take"; id: number };
export type FromRollupThread =
  | { kind: "size"; size: number }
  | { kind: "rows"; id: number; text: RollupRowsText }
  | { kind: "failed"; message: string };

const compiledWorker = new URL("./ticket-rollup-thread-worker.js", import.meta.url);
/** Tickets per message: a batch's worth, so that cloning them costs a fraction of adding them. */
const TICKETS_PER_MESSAGE = 2_500;

export const startRollupAccumulator = (
  terms: RollupTermsData,
  format: RollupTextFormat,
  worker = compiledWorker,
): RollupAccumulator =>
  existsSync(fileURLToPath(worker))
    ? new RollupThread(terms, format, worker)
    : new RollupsHere(terms, format);

class RollupsHere implements RollupAccumulator {
  private readonly rows: TicketRollupRows;
  constructor(
    terms: RollupTermsData,
    private readonly format: RollupTextFormat,
  ) {
    this.rows = new TicketRollupRows(rollupTerms(terms));
  }
  get size() {
    return this.rows.size;
  }
  add(t: RollupTicket) {
    this.rows.add(t);
  }
  async take() {
    return rollupRowsText(this.rows.take(), this.format);
  }
  async close() {}
}

class RollupThread implements RollupAccumulator {
  private readonly worker: Worker;
  private pending: RollupTicket[] = [];
  private known = 0;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (text: RollupRowsText) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;

  constructor(terms: RollupTermsData, format: RollupTextFormat, url: URL) {
    this.worker = new Worker(url, { workerData: { terms, format } });
    this.worker.on("message", (m: FromRollupThread) => {
      if (m.kind === "size") this.known = m.size;
      else if (m.kind === "rows") {
        this.known = 0;
        this.waiting.get(m.id)?.resolve(m.text);
        this.waiting.delete(m.id);
      } else this.fail(new Error(`adding up rollup rows failed: ${m.message}`));
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", (code) => {
      if (this.waiting.size > 0) this.fail(new Error(`the rollup thread stopped (exit code ${code})`));
    });
  }

  get size() {
    return this.known + this.pending.length;
  }

  add(t: RollupTicket) {
    this.pending.push(t);
    if (this.pending.length >= TICKETS_PER_MESSAGE) this.send();
  }

  take(): Promise<RollupRowsText> {
    if (this.failure) return Promise.reject(this.failure);
    this.send();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ kind: "take", id });
    });
  }

  async close() {
    await this.worker.terminate();
  }

  private send() {
    if (this.pending.length === 0) return;
    this.post({ kind: "add", tickets: this.pending });
    this.pending = [];
  }

  private post(m: ToRollupThread) {
    this.worker.postMessage(m);
  }

  private fail(e: Error) {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}
