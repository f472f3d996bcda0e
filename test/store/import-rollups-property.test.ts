import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketRecord } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories } from "../../src/store/repositories/index.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { rollupSnapshot } from "../support/rollup-snapshot.js";
import { openTestStore, testBackends } from "../support/test-store.js";
import { arrayReader, asRead, makeTicketRecord } from "../support/ticket-factories.js";

/**
 * The import adds its tickets' rollup rows up in memory (TicketRollupRows), the trigger and the
 * rebuild in SQL: for random tickets, imported and then partly changed, the rows must be the same.
 * The tickets reach the corners of the rules: agreed hours in a time zone with a holiday, SLA
 * targets and the tool's own flags, sub-second instants, every state and type, and no service,
 * unit, group, channel or priority at all.
 */
const START = Date.UTC(2026, 2, 20);
const MINUTE = 60_000;

const ticketArb = fc.record({
  type: fc.constantFrom("incident", "request", "change", "problem" as const),
  state: fc.constantFrom("new", "open", "on_hold", "resolved", "closed", "cancelled" as const),
  priority: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  service: fc.constantFrom("SHOP", "PLAIN", null),
  unit: fc.constantFrom("Sales", "Finance", null),
  group: fc.option(fc.constantFrom("Desk", "Network"), { nil: null }),
  channel: fc.option(fc.constantFrom("phone", "portal"), { nil: null }),
  openedMinute: fc.integer({ min: 0, max: 40 * 24 * 60 }),
  // Sub-second parts of the instants: none, milliseconds or microseconds.
  fraction: fc.constantFrom("", ".250", ".000500", ".999999"),
  ackMinutes: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  resolveMinutes: fc.option(fc.integer({ min: 0, max: 20 * 24 * 60 }), { nil: null }),
  closeMinutes: fc.option(fc.integer({ min: 0, max: 5 * 24 * 60 }), { nil: null }),
  updatedMinutes: fc.option(fc.integer({ min: 0, max: 30 * 24 * 60 }), { nil: null }),
  reopens: fc.integer({ min: 0, max: 2 }),
  reassignments: fc.integer({ min: 0, max: 2 }),
  breached: fc.option(fc.boolean(), { nil: null }),
  outcome: fc.option(fc.constantFrom("successful", "failed", "backed_out" as const), { nil: null }),
  causedByChange: fc.boolean(),
});
type Generated = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

const at = (ms: number, fraction: string) => new Date(ms).toISOString().replace(".000Z", `${fraction}Z`);

let sequence = 0;
const record = (g: Generated, id: string): TicketRecord => {
  const opened = START + g.openedMinute * MINUTE;
  const resolved = g.resolveMinutes === null ? null : opened + g.resolveMinutes * MINUTE;
  const closed = resolved === null || g.closeMinutes === null ? null : resolved + g.closeMinutes * MINUTE;
  return makeTicketRecord({
    externalId: id,
    number: `P${++sequence}`,
    type: g.type,
    state: g.state,
    priority: g.priority,
    configurationItem: g.service,
    requesterDepartment: g.unit,
    assignmentGroup: g.group,
    channel: g.channel,
    openedAt: at(opened, g.fraction),
    acknowledgedAt: g.ackMinutes === null ? null : at(opened + g.ackMinutes * MINUTE, g.fraction),
    resolvedAt: resolved === null ? null : at(resolved, ""),
    closedAt: closed === null ? null : at(closed, g.fraction),
    updatedAt: g.updatedMinutes === null ? null : at(opened + g.updatedMinutes * MINUTE, ""),
    reopenCount: g.reopens,
    reassignmentCount: g.reassignments,
    slas:
      g.breached === null
        ? []
        : [
            {
              name: "resolution",
              targetSeconds: null,
              elapsedSeconds: null,
              breached: g.breached,
              origin: "source",
            },
          ],
    changeOutcome: g.type === "change" ? g.outcome : null,
    causedByChange: g.causedByChange ? "CHG0001" : null,
  });
};

describe.each(testBackends())("rollup rows added by the import against the SQL rebuild on %s", (backend) => {
  let store: Store;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore(backend);
    const r = createRepositories(store.db, systemActor("test"));
    await makeBusinessUnit(r, { name: "Sales" });
    await makeBusinessUnit(r, { name: "Finance" });
    await makeService(r, {
      name: "Shop",
      aliases: [{ kind: "ci", value: "SHOP" }],
      serviceHours: {
        timeZone: "Europe/Berlin",
        windows: ["mon", "tue", "wed", "thu", "fri"].map((day) => ({
          day: day as "mon",
          start: "08:00",
          end: "18:00",
        })),
        holidays: ["2026-04-03"],
      },
      slaTargets: [
        { priority: 1, responseSeconds: 900, resolutionSeconds: 4 * 3600 },
        { priority: 2, responseSeconds: 1800, resolutionSeconds: 8 * 3600 },
      ],
    });
    await makeService(r, {
      name: "Plain",
      aliases: [{ kind: "ci", value: "PLAIN" }],
      slaTargets: [{ priority: 3, responseSeconds: 3600, resolutionSeconds: 24 * 3600 }],
    });
  });
  afterAll(() => store.close());

  const load = async (records: TicketRecord[]) => {
    const result = await importTickets({
      db: store.db,
      reader: arrayReader(asRead(records)),
      source: "p.csv",
    });
    expect(result.status, JSON.stringify(result.errors)).toBe("succeeded");
    return result;
  };
  const rebuilt = async () => {
    const kept = await rollupSnapshot(store.db);
    await createRepositories(store.db, systemActor("test")).metrics.rebuild();
    return { kept, rebuilt: await rollupSnapshot(store.db) };
  };

  it("gives the rows the rebuild gives, for new tickets and changed ones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketArb, { minLength: 1, maxLength: 30 }),
        fc.array(ticketArb, { maxLength: 10 }),
        async (first, changes) => {
          run += 1;
          const ids = first.map((_, i) => `p-${run}-${i}`);
          const inserted = await load(first.map((g, i) => record(g, ids[i] as string)));
          expect(inserted.inserted).toBe(first.length);
          const once = await rebuilt();
          expect(once.kept).toEqual(once.rebuilt);
          // Some of them again, changed: the old rows leave through the trigger, the new come in memory.
          const changed = changes.slice(0, first.length).map((g, i) => record(g, ids[i] as string));
          if (changed.length > 0) await load(changed);
          const twice = await rebuilt();
          expect(twice.kept).toEqual(twice.rebuilt);
        },
      ),
      { numRuns: 12 },
    );
    const { n } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ticket`.execute(store.db))
      .rows[0] ?? {
      n: 0,
    };
    expect(n).toBeGreaterThan(12);
  }, 300_000);
});
