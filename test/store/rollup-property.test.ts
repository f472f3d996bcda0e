import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  histogramPercentile,
  MAX_PERCENTILE_RELATIVE_ERROR,
  nearestRankPercentile,
} from "../../src/domain/metrics/duration-histogram.js";
import { previousPeriod } from "../../src/domain/metrics/periods.js";
import type { SliceTotals } from "../../src/domain/metrics/rollup-totals.js";
import type { TicketType } from "../../src/domain/schemas/ticket.js";
import { systemActor } from "../../src/store/actor.js";
import type { Store } from "../../src/store/open-store.js";
import { createRepositories, type Repositories } from "../../src/store/repositories/index.js";
import type { TicketSlice } from "../../src/store/repositories/metrics-repository.js";
import { makeBusinessUnit, makeService } from "../support/factories.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/**
 * Issue 6 item 4: rollup answers equal the same question asked of the raw tickets in SQL, for
 * random ticket sets (inserted, then partly changed and deleted) and random slices.
 */
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const types: TicketType[] = ["incident", "request", "change", "problem"];
const states = ["new", "open", "on_hold", "resolved", "closed", "cancelled"] as const;

const ticketArb = fc.record({
  type: fc.constantFrom(...types),
  priority: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  service: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  unit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  group: fc.option(fc.constantFrom("Desk", "Network"), { nil: null }),
  channel: fc.option(fc.constantFrom("phone", "portal"), { nil: null }),
  openedMinute: fc.integer({ min: 0, max: 100 * 24 * 60 }),
  state: fc.constantFrom(...states),
  ackMinutes: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  resolveSeconds: fc.integer({ min: 0, max: 40 * 24 * 3600 }),
  closeAfterSeconds: fc.option(fc.integer({ min: 0, max: 5 * 24 * 3600 }), { nil: null }),
  reopens: fc.integer({ min: 0, max: 2 }),
  reassignments: fc.integer({ min: 0, max: 3 }),
  breached: fc.option(fc.boolean(), { nil: null }),
  outcome: fc.option(fc.constantFrom("successful", "failed", "backed_out"), { nil: null }),
  causedByChange: fc.boolean(),
});
type GeneratedTicket = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

const sliceArb = fc.record({
  fromDay: fc.integer({ min: 0, max: 110 }),
  days: fc.integer({ min: 1, max: 80 }),
  wholeMonths: fc.boolean(),
  service: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  unit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  priority: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  group: fc.option(fc.constantFrom("Desk", "Network"), { nil: null }),
});

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);

describe.each(testBackends())("rollups against raw tickets on %s", (backend) => {
  let store: Store;
  let r: Repositories;
  const serviceIds: string[] = [];
  const unitIds: string[] = [];
  let sequence = 0;

  beforeAll(async () => {
    store = await openTestStore(backend);
    r = createRepositories(store.db, systemActor("test"));
    for (let i = 0; i < 3; i++) {
      serviceIds.push((await makeService(r)).id);
      unitIds.push((await makeBusinessUnit(r)).id);
    }
  });
  afterAll(() => store.close());

  const insert = async (tickets: GeneratedTicket[]) => {
    for (const t of tickets) {
      sequence += 1;
      const opened = START + t.openedMinute * 60_000;
      const done = t.state === "resolved" || t.state === "closed";
      const resolved = done || t.state === "cancelled" ? opened + t.resolveSeconds * 1000 : null;
      const closed =
        t.closeAfterSeconds !== null && resolved !== null ? resolved + t.closeAfterSeconds * 1000 : null;
      const slas =
        t.breached === null
          ? []
          : [
              {
                name: "made_sla",
                targetSeconds: null,
                elapsedSeconds: null,
                breached: t.breached,
                origin: "source",
              },
            ];
      await sql`
        INSERT INTO ticket (id, source_system, external_id, type, number, title, state, state_raw, priority, opened_at,
          acknowledged_at, resolved_at, closed_at, assignment_group, channel, reassignment_count, reopen_count, slas,
          caused_by_change, change_outcome, service_id, business_unit_id, content_hash)
        VALUES (gen_random_uuid(), 'csv', ${`p-${sequence}`}, ${t.type}, ${`T${sequence}`}, '', ${t.state}, ${t.state},
          ${t.priority}, ${iso(opened)}, ${t.ackMinutes === null ? null : iso(opened + t.ackMinutes * 60_000)},
          ${resolved === null ? null : iso(resolved)}, ${closed === null ? null : iso(closed)}, ${t.group}, ${t.channel},
          ${t.reassignments}, ${t.reopens}, ${JSON.stringify(slas)}::jsonb,
          ${t.causedByChange ? "CHG1" : null}, ${t.type === "change" ? t.outcome : null},
          ${t.service === null ? null : serviceIds[t.service]}, ${t.unit === null ? null : unitIds[t.unit]}, 'h')`.execute(
        store.db,
      );
    }
  };

  const sliceWhere = (slice: TicketSlice) =>
    sql.join(
      [
        sql`true`,
        ...(slice.serviceId ? [sql`service_id = ${slice.serviceId}`] : []),
        ...(slice.businessUnitIds ? [sql`business_unit_id = ANY(${slice.businessUnitIds}::uuid[])`] : []),
        ...(slice.priority ? [sql`priority = ${slice.priority}`] : []),
        ...(slice.assignmentGroup ? [sql`assignment_group = ${slice.assignmentGroup}`] : []),
      ],
      sql` AND `,
    );

  /** The same sums, straight from the raw tickets, by the reference §1 definitions. */
  const raw = async (slice: TicketSlice, from: string, to: string) => {
    const where = sliceWhere(slice);
    const inPeriod = (column: string) => sql.raw(`${column} >= '${from}' AND ${column} < '${to}'`);
    const { rows } = await sql<{
      type: TicketType;
      opened: number;
      acknowledged: number;
      ackSeconds: number;
      resolved: number;
      resolveSeconds: number;
      reopened: number;
      firstContact: number;
      slaTotal: number;
      slaMet: number;
      changesClosed: number;
      changesSuccessful: number;
      fulfilled: number;
      causedByChange: number;
    }>`
      SELECT type,
        count(*) FILTER (WHERE ${inPeriod("opened_at")})::int AS opened,
        count(*) FILTER (WHERE acknowledged_at IS NOT NULL AND ${inPeriod("acknowledged_at")})::int AS acknowledged,
        COALESCE(sum(extract(epoch FROM acknowledged_at - opened_at)) FILTER (WHERE acknowledged_at IS NOT NULL AND ${inPeriod("acknowledged_at")}), 0)::float8 AS ack_seconds,
        count(*) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")})::int AS resolved,
        COALESCE(sum(extract(epoch FROM resolved_at - opened_at)) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")}), 0)::float8 AS resolve_seconds,
        count(*) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")} AND reopen_count > 0)::int AS reopened,
        count(*) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")} AND reassignment_count = 0)::int AS first_contact,
        count(*) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")} AND jsonb_array_length(slas) > 0)::int AS sla_total,
        count(*) FILTER (WHERE state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")} AND slas @> '[{"breached": false}]')::int AS sla_met,
        count(*) FILTER (WHERE type = 'change' AND state IN ('resolved', 'closed') AND change_outcome IS NOT NULL AND ${inPeriod("COALESCE(closed_at, resolved_at)")})::int AS changes_closed,
        count(*) FILTER (WHERE type = 'change' AND state IN ('resolved', 'closed') AND change_outcome = 'successful' AND ${inPeriod("COALESCE(closed_at, resolved_at)")})::int AS changes_successful,
        count(*) FILTER (WHERE type = 'request' AND state IN ('resolved', 'closed') AND ${inPeriod("COALESCE(closed_at, resolved_at)")})::int AS fulfilled,
        count(*) FILTER (WHERE type = 'incident' AND caused_by_change IS NOT NULL AND ${inPeriod("opened_at")})::int AS caused_by_change
      FROM ticket WHERE ${where} GROUP BY type`.execute(store.db);
    const durations = await sql<{ seconds: number }>`
      SELECT extract(epoch FROM resolved_at - opened_at)::float8 AS seconds FROM ticket
      WHERE ${where} AND type = 'incident' AND state IN ('resolved', 'closed') AND ${inPeriod("resolved_at")}`.execute(
      store.db,
    );
    return { byType: rows, durations: durations.rows.map((d) => d.seconds) };
  };

  const comparedSums = [
    "opened",
    "acknowledged",
    "ackSeconds",
    "resolved",
    "resolveSeconds",
    "reopened",
    "firstContact",
    "slaTotal",
    "slaMet",
    "changesClosed",
    "changesSuccessful",
    "fulfilled",
    "causedByChange",
  ] as const;

  /** Rollup figures of a slice and period against the raw tickets (sums exact, percentiles within the bound). */
  const expectRawFigures = async (
    rolled: SliceTotals,
    slice: TicketSlice,
    from: string,
    to: string,
    s: object,
  ) => {
    const expected = await raw(slice, from, to);
    for (const type of types) {
      const e = expected.byType.find((x) => x.type === type);
      const got = rolled.byType[type];
      const context = `${type} ${from}..${to} ${JSON.stringify(s)}`;
      expect(Object.fromEntries(comparedSums.map((k) => [k, got[k]])), context).toEqual(
        Object.fromEntries(comparedSums.map((k) => [k, e?.[k] ?? 0])),
      );
    }
    // A unit's percentiles are over the whole months the period touches, as the answer says.
    const over = rolled.percentilesOver;
    const durations = over ? (await raw(slice, over.from, over.to)).durations : expected.durations;
    if (over) expect(slice.businessUnitIds).not.toBeNull();
    // The histogram counts every resolution once (whichever grain answered the slice).
    const count = (h: ReadonlyMap<number, number>) => [...h.values()].reduce((a, b) => a + b, 0);
    expect(count(rolled.histograms.resolve)).toBe(durations.length);
    expect(count(rolled.histograms.resolve_service)).toBe(durations.length);
    if (!over) {
      const fulfilled = expected.byType.find((x) => x.type === "request")?.fulfilled ?? 0;
      expect(count(rolled.histograms.fulfil)).toBe(fulfilled);
    }
    for (const p of [50, 90]) {
      const exact = nearestRankPercentile(durations, p);
      const estimate = histogramPercentile(rolled.histograms.resolve, p);
      if (exact === null) expect(estimate).toBeNull();
      else if (exact < 1) expect(estimate).toBe(0);
      else
        expect(Math.abs((estimate as number) - exact) / exact).toBeLessThanOrEqual(
          MAX_PERCENTILE_RELATIVE_ERROR + 1e-9,
        );
    }
  };

  /** Open at `end`: opened before it, less those that left the backlog before it (reference §1). */
  const rawBacklog = async (slice: TicketSlice, end: string) => {
    const { rows } = await sql<{ n: number }>`
      SELECT (count(*) FILTER (WHERE opened_at < ${end}::date)
        - count(*) FILTER (WHERE state IN ('resolved', 'closed', 'cancelled')
          AND COALESCE(resolved_at, closed_at, source_updated_at, opened_at) < ${end}::date))::int AS n
      FROM ticket WHERE ${sliceWhere(slice)}`.execute(store.db);
    return Number(rows[0]?.n);
  };

  it("gives the same sums and percentiles within the stated bound", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketArb, { minLength: 1, maxLength: 40 }),
        fc.array(ticketArb, { maxLength: 10 }),
        fc.array(sliceArb, { minLength: 1, maxLength: 4 }),
        async (tickets, replacements, slices) => {
          await sql`DELETE FROM ticket`.execute(store.db);
          await insert(tickets);
          // Change some tickets (new content for the same rows) and delete a few.
          for (const [i, t] of replacements.entries()) {
            const opened = iso(START + t.openedMinute * 60_000);
            await sql`
              UPDATE ticket SET state = ${t.state}, priority = ${t.priority}, opened_at = ${opened},
                resolved_at = CASE WHEN ${t.state} IN ('resolved', 'closed') THEN ${opened}::timestamptz + make_interval(secs => ${t.resolveSeconds}) END,
                service_id = ${t.service === null ? null : serviceIds[t.service]}, reopen_count = ${t.reopens}
              WHERE id = (SELECT id FROM ticket ORDER BY external_id OFFSET ${i} LIMIT 1)`.execute(store.db);
          }
          await sql`DELETE FROM ticket WHERE id IN (SELECT id FROM ticket ORDER BY number DESC LIMIT 2)`.execute(
            store.db,
          );

          // The whole organisation over whole months too, every run: four random options are all
          // unset too rarely, and its months have a grain of their own.
          const wholeOrganisation = {
            ...(slices[0] as (typeof slices)[number]),
            wholeMonths: true,
            service: null,
            unit: null,
            priority: null,
            group: null,
          };
          for (const s of [...slices, wholeOrganisation]) {
            let fromMs = START + s.fromDay * DAY;
            let toMs = fromMs + s.days * DAY;
            // Service and group slices are kept per month only (metrics-repository grains).
            const monthly = s.group !== null || s.service !== null;
            if (s.wholeMonths || monthly) {
              const f = new Date(fromMs);
              fromMs = Date.UTC(f.getUTCFullYear(), f.getUTCMonth(), 1);
              toMs = Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1 + (s.days % 3), 1);
            }
            const from = isoDay(fromMs);
            const to = isoDay(toMs);
            const slice: TicketSlice = {
              serviceId: s.service === null ? null : serviceIds[s.service],
              businessUnitIds: s.unit === null ? null : [unitIds[s.unit] as string],
              priority: s.priority,
              assignmentGroup: s.group,
            };
            await expectRawFigures(await r.metrics.totals(slice, { from, to }), slice, from, to, s);
            if (s.wholeMonths || monthly) {
              // Several periods in one read (a scorecard with the one before it, and an
              // overlapping one): each the same as raw, with its backlog at the end.
              const periods = [{ from, to }, previousPeriod({ from, to }), { from: isoDay(START), to }];
              const read = await r.metrics.totalsOverMonths(slice, periods);
              for (const [i, p] of periods.entries()) {
                const got = read[i] as (typeof read)[number];
                await expectRawFigures(got.totals, slice, p.from, p.to, { ...s, period: i });
                expect(got.backlogAtEnd, `backlog at ${p.to} ${JSON.stringify(s)}`).toBe(
                  await rawBacklog(slice, p.to),
                );
              }
            }
          }
        },
      ),
      { numRuns: 12 },
    );
    // With every ticket gone, every rollup and histogram row is back to zero.
    await sql`DELETE FROM ticket`.execute(store.db);
    const left = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM ticket_rollup WHERE opened <> 0 OR resolved <> 0 OR left_backlog <> 0 OR acknowledged <> 0 OR open_now <> 0)
        + (SELECT count(*) FROM ticket_rollup r, LATERAL (VALUES (r.resolve_durations),
            (r.resolve_service_durations), (r.fulfil_durations)) x(entries),
          LATERAL (SELECT e & 1023 AS bucket FROM unnest(x.entries) e GROUP BY 1 HAVING sum(e >> 10) <> 0) b) AS n`.execute(
      store.db,
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  }, 300_000);
});
