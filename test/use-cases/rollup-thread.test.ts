import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RollupTicket } from "../../src/domain/metrics/ticket-rollup-rows.js";
import { startRollupAccumulator } from "../../src/use-cases/ticket-rollup-thread.js";

/** The compiled worker (`npm test` builds before it runs the tests; the sources cannot be a worker). */
const compiled = new URL("../../dist/use-cases/ticket-rollup-thread-worker.js", import.meta.url);
const nowhere = new URL("./no-such-worker.js", import.meta.url);

const tickets = (n: number): RollupTicket[] =>
  Array.from({ length: n }, (_, i) => ({
    type: i % 4 === 0 ? "request" : "incident",
    priority: 1 + (i % 5),
    serviceId: `00000000-0000-4000-8000-${String(i % 7).padStart(12, "0")}`,
    businessUnitId: i % 3 === 0 ? null : `10000000-0000-4000-8000-${String(i % 2).padStart(12, "0")}`,
    assignmentGroup: `Group ${i % 3}`,
    channel: i % 2 === 0 ? "phone" : null,
    state: i % 6 === 0 ? "open" : "closed",
    openedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    acknowledgedAt: null,
    resolvedAt:
      i % 6 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 + i * 60_000).toISOString(),
    closedAt: null,
    updatedAt: null,
    reopenCount: i % 5 === 0 ? 1 : 0,
    reassignmentCount: 0,
    causedByChange: null,
    changeOutcome: null,
    slas: [],
  }));

describe("rollup rows added up on a worker thread", () => {
  it.skipIf(!existsSync(compiled))(
    "hands back the text the import's own thread makes, in order",
    async () => {
      const terms = { hours: [], targets: [] };
      const here = startRollupAccumulator(terms, "copy", nowhere);
      const thread = startRollupAccumulator(terms, "copy", compiled);
      try {
        // 6,000 tickets: more than two messages' worth, then a take, then more.
        for (const t of tickets(6_000)) {
          here.add(t);
          thread.add(t);
        }
        const first = await thread.take();
        expect(first).toEqual(await here.take());
        expect(first.chunks.join("").split("\n").length).toBeGreaterThan(100);
        for (const t of tickets(10)) {
          here.add(t);
          thread.add(t);
        }
        expect(thread.size).toBe(10);
        const second = await thread.take();
        expect(second).toEqual(await here.take());
        // The second take holds only the ten tickets since the first: their month rows, not January's all.
        expect(second.chunks.join("").split("\n").length).toBeLessThan(
          first.chunks.join("").split("\n").length,
        );
      } finally {
        await thread.close();
      }
    },
  );
});
