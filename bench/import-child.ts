/**
 * One `tandem import` as the CLI runs it (open the store, migrate, stream the file through
 * openTicketReader + importTickets), in a process of its own so that its peak RSS is the import's
 * alone. Started by bench/import.ts; prints one JSON line with the timings and RSS checkpoints.
 */
import { openTicketReader } from "../src/ingest/open-ticket-reader.js";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type StoreLocation } from "../src/store/open-store.js";
import { importTickets } from "../src/use-cases/import-tickets.js";

interface ChildArgs {
  store: StoreLocation;
  file: string;
  checkpoints: number[];
}

const args = JSON.parse(process.argv[2] ?? "{}") as ChildArgs;
// maxRSS is the process's peak so far (kilobytes): read at a checkpoint, it is the peak up to that row.
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const rss: Record<number, number> = {};
/** Where the memory is at each checkpoint (MB): the JS heap, and what lies outside it (buffers, PGlite's WebAssembly memory). */
const memory: Record<number, Record<string, number>> = {};
const memoryNow = () =>
  Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)]));
const pending = [...args.checkpoints].sort((a, b) => a - b);

const started = performance.now();
const store = await openStore(args.store);
try {
  await migrate(store.db);
  const importStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const phases: Record<string, number> = {};
  // As importTicketFile (the CLI's and the upload's way in) opens it.
  const reader = await openTicketReader({ format: "servicenow", file: args.file });
  const result = await importTickets({
    db: store.db,
    reader,
    source: args.file,
    format: "servicenow",
    actor: systemActor("bench import"),
    onPhase: (phase) => {
      phases[phase] = performance.now() - importStarted;
    },
    onProgress: (read) => {
      while (pending.length > 0 && read >= (pending[0] ?? Number.POSITIVE_INFINITY)) {
        const at = pending.shift() as number;
        rss[at] = peakMb();
        memory[at] = memoryNow();
      }
    },
  });
  const importMs = performance.now() - importStarted;
  // CPU time of this process (user + system): unlike wall time, not inflated by other work on the
  // machine; on PGlite it is the whole import (parsing and the database), on PostgreSQL only ours.
  const cpu = process.cpuUsage(cpuStarted);
  const importCpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      status: result.status,
      read: result.read,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      importMs,
      importCpuMs,
      // Reading and writing every batch; then the commit (the rollups' deferred flush); then ANALYZE.
      writeMs: phases.written ?? importMs,
      commitMs: (phases.committed ?? importMs) - (phases.written ?? importMs),
      analyzeMs: importMs - (phases.committed ?? importMs),
      totalMs: performance.now() - started,
      rssMb: rss,
      memory,
      peakMb: peakMb(),
    }),
  );
} finally {
  await store.close();
}
