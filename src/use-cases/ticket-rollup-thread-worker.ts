import { parentPort, workerData } from "node:worker_threads";
import { type RollupTermsData, rollupTerms, TicketRollupRows } from "../domain/metrics/ticket-rollup-rows.js";
import { type RollupTextFormat, rollupRowsText } from "../store/repositories/rollup-rows-text.js";
import type { FromRollupThread, ToRollupThread } from "./ticket-rollup-thread.js";

/** The worker side of RollupThread: adds up the tickets it is sent, hands the rows back when asked. */
const port = parentPort;
if (!port) throw new Error("ticket-rollup-thread-worker runs as a worker thread");
const data = workerData as { terms: RollupTermsData; format: RollupTextFormat };
const rows = new TicketRollupRows(rollupTerms(data.terms));
const reply = (m: FromRollupThread) => port.postMessage(m);
port.on("message", (m: ToRollupThread) => {
  try {
    if (m.kind === "add") {
      for (const t of m.tickets) rows.add(t);
      reply({ kind: "size", size: rows.size });
    } else reply({ kind: "rows", id: m.id, text: rollupRowsText(rows.take(), data.format) });
  } catch (e) {
    reply({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
});
