import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import type { OutageFact, ServiceTerms } from "../../domain/metrics/availability.js";
import { addDurationEntries } from "../../domain/metrics/duration-histogram.js";
import { isWholeMonths, type Period, splitForRollups } from "../../domain/metrics/periods.js";
import type { HistogramMeasure, RollupSums, SliceTotals } from "../../domain/metrics/rollup-totals.js";
import { emptySumsByType, rollupColumns } from "../../domain/metrics/rollup-totals.js";
import type { ServiceHours } from "../../domain/schemas/it-service.js";
import type { BreakdownDimension, PeriodUnit } from "../../domain/schemas/scorecard.js";
import type { TicketType } from "../../domain/schemas/ticket.js";
import { consumedServices, inUnits, requirePermission, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { CredentialRepository } from "./user-repository.js";

/** Which tickets a question is about. Unit filters hold the unit and every unit below it. */
export interface TicketSlice {
  serviceId?: string | null;
  businessUnitIds?: string[] | null;
  priority?: number | null;
  type?: TicketType | null;
  assignmentGroup?: string | null;
  channel?: string | null;
}

type Dimension = "service" | "unit" | "priority" | "group" | "channel";
type GrainFamily = "p" | "s" | "u" | "su" | "gc" | "all";

const dimensionColumn: Record<BreakdownDimension, string> = {
  service: "service_id",
  business_unit: "business_unit_id",
  priority: "priority",
  type: "type",
  assignment_group: "assignment_group",
  channel: "channel",
};
const dimensionOfBreakdown: Record<BreakdownDimension, Dimension | null> = {
  service: "service",
  business_unit: "unit",
  priority: "priority",
  type: null,
  assignment_group: "group",
  channel: "channel",
};

/**
 * The smallest rollup grain that holds every dimension a question needs: fewer, fatter rows.
 * Every grain carries the ticket type; `p` and `u` exist per day and per month, the others per
 * month only (a day × service grain would cost about a row per ticket). Groups and channels are
 * kept without services (`gc`); a question that crosses a service with a group, a channel, or a
 * unit and a priority (`all`) is answered from that service's tickets: such a grain would hold
 * about a row per ticket (migration 20261207100000).
 */
const grainFor = (dims: ReadonlySet<Dimension>): GrainFamily => {
  const has = (d: Dimension) => dims.has(d);
  if (has("service") && (has("group") || has("channel") || (has("unit") && has("priority")))) return "all";
  if (has("group") || has("channel")) return "gc";
  if (has("service") && has("unit")) return "su";
  if (has("service")) return "s";
  if (has("unit")) return "u";
  return "p";
};
const monthOnly = new Set<GrainFamily>(["s", "su", "gc", "all"]);

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};
/** The whole months a period touches (for percentiles of a unit, kept per month). */
export const coveringMonths = ({ from, to }: Period): Period => {
  const last = new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: monthStart(from), to: nextMonthStart(last) };
};

const sumColumns = rollupColumns.map((c) => sql.raw(`COALESCE(sum(${snake(c)}), 0)::int8 AS ${snake(c)}`));
function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}

/**
 * The duration histograms kept in the rollup rows, one row per entry: an entry packs a bucket and
 * its signed count (count × 1024 + bucket; migration 20261203180000). Arrays of the other types
 * are empty: resolutions are kept for incidents, fulfilments for requests.
 */
const durationEntries = sql`CROSS JOIN LATERAL (VALUES ('resolve', resolve_durations),
  ('resolve_service', resolve_service_durations), ('fulfil', fulfil_durations)) AS x(measure, entries)
  CROSS JOIN LATERAL unnest(x.entries) AS d(entry)`;
/** The histogram measures and the rollup columns that keep their entries. */
const durationMeasures = [
  ["resolve", "resolve_durations", "resolve"],
  ["resolve_service", "resolve_service_durations", "resolveService"],
  ["fulfil", "fulfil_durations", "fulfil"],
] as const satisfies readonly (readonly [HistogramMeasure, string, keyof EntryLists])[];
/** A row's entries of each measure as text, 'e1,e2,…' (null when none); keys as the camel-case plugin reads them. */
interface EntryLists {
  resolve: string | null;
  resolveService: string | null;
  fulfil: string | null;
}

/** Measure, bucket (named `bucketAs`) and tickets of the entries, grouped by measure and bucket. */
const durationColumns = (bucketAs: string) =>
  sql.raw(`x.measure, (d.entry & 1023)::int AS ${bucketAs}, sum(d.entry >> 10)::int8 AS tickets`);
/** Buckets whose entries cancel out (a ticket that moved away) are not in the histogram. */
const nonEmpty = sql`HAVING sum(d.entry >> 10) <> 0`;

/** Outages (alias `o`) of these services that overlap the period. */
const overlapping = (serviceIds: string[], period: Period) =>
  sql`o.service_id = ANY(${serviceIds}::uuid[])
    AND o.started_at < ${period.to}::date AND (o.ended_at IS NULL OR o.ended_at > ${period.from}::date)`;

export interface SeriesRow {
  bucket: string;
  key: string | null;
  type: TicketType;
  sums: RollupSums;
}

export interface HistogramRow {
  bucket: string | null;
  key: string | null;
  measure: HistogramMeasure;
  durationBucket: number;
  tickets: number;
}

/**
 * Service performance read from the rollups (never the raw tickets), scoped like the tickets: a
 * business stakeholder sees the tickets of their units and of the services their units consume.
 */
export class MetricsRepository {
  private readonly costsByServices = new Map<
    string,
    Promise<Map<string, { costPerHourCents: number; users: number }>>
  >();

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  /** The slice's conditions on a rollup table, and the grain family that can answer them. */
  private plan(slice: TicketSlice, breakdown: BreakdownDimension | null) {
    requirePermission(this.actor, "graph:read");
    const dims = new Set<Dimension>();
    const where: RawBuilder<unknown>[] = [];
    if (slice.serviceId) {
      dims.add("service");
      where.push(sql`service_id = ${slice.serviceId}::uuid`);
    }
    if (slice.businessUnitIds) {
      dims.add("unit");
      where.push(inUnits("business_unit_id", slice.businessUnitIds));
    }
    if (slice.priority != null) {
      dims.add("priority");
      where.push(sql`priority = ${slice.priority}`);
    }
    if (slice.type) where.push(sql`type = ${slice.type}`);
    if (slice.assignmentGroup != null) {
      dims.add("group");
      where.push(sql`assignment_group = ${slice.assignmentGroup}`);
    }
    if (slice.channel != null) {
      dims.add("channel");
      where.push(sql`channel = ${slice.channel}`);
    }
    const units = scopeUnits(this.actor);
    // A named service their units consume, or units within their reach, are visible whole (checked
    // by the caller); unfiltered, a stakeholder's figures are their units' tickets.
    if (units !== null && !slice.serviceId && !slice.businessUnitIds) {
      dims.add("unit");
      where.push(inUnits("business_unit_id", units));
    }
    const breakdownDim = breakdown ? dimensionOfBreakdown[breakdown] : null;
    if (breakdownDim) dims.add(breakdownDim);
    const family = grainFor(dims);
    return { family, where, dims, source: this.source(family, slice) };
  }

  /**
   * What the rows are read from: the rollups, or for the grain of every dimension the rows of the
   * one service asked about, computed from its tickets (scoped by the same conditions).
   */
  private source(family: GrainFamily, slice: TicketSlice): RawBuilder<unknown> {
    if (family !== "all") return sql`ticket_rollup`;
    if (!slice.serviceId) {
      const message =
        "figures by service are not kept per assignment group or channel, nor per unit and priority at once: ask for one service (serviceId) and break it down by group, channel or unit instead";
      throw new TandemError("validation", `breakdown: ${message}`, {
        issues: [{ path: "breakdown", message }],
      });
    }
    return sql`ticket_rollup_rows_of_service(${slice.serviceId}::uuid, NULL::uuid[]) AS ticket_rollup`;
  }

  /** `grain = month AND period in months OR grain = day AND period in edge days`, for a period. */
  private periodCondition(
    family: GrainFamily,
    period: Period,
    dayOnly: boolean,
    monthGrain = `month_${family}`,
  ): RawBuilder<unknown> {
    const split = dayOnly ? { months: null, days: [period] } : splitForRollups(period);
    if (monthOnly.has(family)) {
      if (dayOnly || !isWholeMonths(period)) {
        const message =
          "figures of a service, or by assignment group or channel, are kept per month: choose whole months (from and to on the 1st of a month) and a period unit of month, quarter or year";
        throw new TandemError("validation", `from: ${message}`, { issues: [{ path: "from", message }] });
      }
      return sql`(grain = ${`month_${family}`} AND period_start >= ${period.from}::date AND period_start < ${period.to}::date)`;
    }
    const parts: RawBuilder<unknown>[] = [];
    if (split.months) {
      parts.push(
        sql`(grain = ${monthGrain} AND period_start >= ${split.months.from}::date AND period_start < ${split.months.to}::date)`,
      );
    }
    for (const d of split.days) {
      parts.push(
        sql`(grain = ${`day_${family}`} AND period_start >= ${d.from}::date AND period_start < ${d.to}::date)`,
      );
    }
    return sql`(${sql.join(parts, sql` OR `)})`;
  }

  /**
   * The conditions on a rollup table for a slice and period. The duration histogram (`histogram`)
   * takes the whole organisation's months, when no priority is asked for, from the month grain
   * without priority ('month_o', a fifth of the rows of 'month_p'); edge days still come from 'day_p'.
   */
  private conditions(
    slice: TicketSlice,
    period: Period,
    breakdown: BreakdownDimension | null,
    dayOnly = false,
    histogram = false,
  ) {
    const { family, where, dims } = this.plan(slice, breakdown);
    const monthGrain = histogram && family === "p" && !dims.has("priority") ? "month_o" : `month_${family}`;
    return sql.join([this.periodCondition(family, period, dayOnly, monthGrain), ...where], sql` AND `);
  }

  /** Sums and histograms of a slice over a period. */
  async totals(slice: TicketSlice, period: Period): Promise<SliceTotals> {
    const where = this.conditions(slice, period, null);
    // Durations of a unit are kept per month: its percentiles are over the whole months the period touches.
    const { family, source } = this.plan(slice, null);
    const percentilesOver = family === "u" && !isWholeMonths(period) ? coveringMonths(period) : null;
    const histogramWhere = this.conditions(slice, percentilesOver ?? period, null, false, true);
    const [sums, histogram] = await Promise.all([
      sql<RollupSums & { type: TicketType }>`
        SELECT type, ${sql.join(sumColumns)} FROM ${source} WHERE ${where} GROUP BY type`.execute(this.db),
      sql<{ measure: HistogramMeasure; bucket: number; tickets: number }>`
        SELECT ${durationColumns("bucket")} FROM ${source} ${durationEntries}
        WHERE ${histogramWhere}
        GROUP BY measure, bucket ${nonEmpty}`.execute(this.db),
    ]);
    const byType = emptySumsByType();
    for (const row of sums.rows) {
      const { type, ...rest } = row;
      byType[type] = rest;
    }
    const histograms: SliceTotals["histograms"] = {
      resolve: new Map(),
      resolve_service: new Map(),
      fulfil: new Map(),
    };
    for (const row of histogram.rows) {
      (histograms[row.measure] as Map<number, number>).set(row.bucket, row.tickets);
    }
    return { byType, histograms, percentilesOver };
  }

  /**
   * Sums, histograms and the backlog at the end of several periods of whole months (a scorecard
   * and the one before it), in one statement for the sums and backlogs and one for the
   * histograms. The same figures as `totals` and `backlog` per period; on the embedded store each
   * statement costs a fixed time, and a scorecard with its previous period ran eight of them.
   */
  async totalsOverMonths(
    slice: TicketSlice,
    periods: readonly Period[],
  ): Promise<{ totals: SliceTotals; backlogAtEnd: number }[]> {
    const notWhole = periods.findIndex((p) => !isWholeMonths(p));
    if (notWhole >= 0) {
      const message = "totals over months take periods of whole months";
      throw new TandemError("validation", `from: ${message}`, { issues: [{ path: "from", message }] });
    }
    const { family, where, dims, source } = this.plan(slice, null);
    const sumsGrain = `month_${family}`;
    const histogramGrain = family === "p" && !dims.has("priority") ? "month_o" : sumsGrain;
    const sliceWhere = where.length > 0 ? sql`AND ${sql.join(where, sql` AND `)}` : sql``;
    const asked = sql`unnest(${periods.map((p) => p.from)}::date[], ${periods.map((p) => p.to)}::date[])
      WITH ORDINALITY AS p(from_day, to_day, i)`;
    // A period's sums are over its months; its backlog over every month before its end.
    const periodSums = rollupColumns.map((c) =>
      sql.raw(`COALESCE(sum(${snake(c)}) FILTER (WHERE period_start >= p.from_day), 0)::int8 AS ${snake(c)}`),
    );
    // A period's duration entries as text ('e1,e2,…'), added up here: on the embedded store,
    // unnesting and grouping them in SQL took twice as long, and arrays handed over as arrays
    // half as long again (a service's two years hold about 6,000 entries per measure).
    const entryLists = sql.raw(
      durationMeasures
        .map(
          ([measure, column]) =>
            `string_agg(array_to_string(${column}, ','), ',') FILTER (WHERE period_start >= p.from_day AND cardinality(${column}) > 0) AS ${measure}`,
        )
        .join(", "),
    );
    const together = histogramGrain === sumsGrain;
    type SumsRow = RollupSums & { i: number; type: TicketType; backlog: number } & EntryLists;
    const [sums, separate] = await Promise.all([
      sql<SumsRow>`
        SELECT p.i::int AS i, type, ${sql.join(periodSums)},
          (COALESCE(sum(opened), 0) - COALESCE(sum(left_backlog), 0))::int8 AS backlog
          ${together ? sql`, ${entryLists}` : sql``}
        FROM ${asked}
        JOIN ${source} ON grain = ${sumsGrain} AND period_start < p.to_day ${sliceWhere}
        GROUP BY p.i, type`.execute(this.db),
      together
        ? null
        : sql<{ i: number } & EntryLists>`
            SELECT p.i::int AS i, ${entryLists}
            FROM ${asked}
            JOIN ${source} ON grain = ${histogramGrain} AND period_start >= p.from_day
              AND period_start < p.to_day ${sliceWhere}
            GROUP BY p.i`.execute(this.db),
    ]);
    const out = periods.map(() => ({
      totals: {
        byType: emptySumsByType(),
        histograms: { resolve: new Map(), resolve_service: new Map(), fulfil: new Map() },
        percentilesOver: null,
      } as SliceTotals,
      backlogAtEnd: 0,
    }));
    const addEntries = (row: { i: number } & EntryLists) => {
      const { histograms } = (out[row.i - 1] as (typeof out)[number]).totals;
      for (const [measure, , key] of durationMeasures) {
        const text = row[key];
        if (text) addDurationEntries(histograms[measure] as Map<number, number>, text.split(",").map(Number));
      }
    };
    for (const { i, type, backlog, resolve, resolveService, fulfil, ...rest } of sums.rows) {
      const entry = out[i - 1] as (typeof out)[number];
      entry.totals.byType[type] = rest;
      entry.backlogAtEnd += backlog;
      if (together) addEntries({ i, resolve, resolveService, fulfil });
    }
    for (const row of separate?.rows ?? []) addEntries(row);
    return out;
  }

  /**
   * Sums per period bucket (and per breakdown value), for time series. Day and week buckets are
   * read from the day rows; month, quarter and year from month rows plus edge days.
   */
  async series(
    slice: TicketSlice,
    period: Period,
    unit: PeriodUnit,
    breakdown: BreakdownDimension | null,
  ): Promise<{ sums: SeriesRow[]; histogram: HistogramRow[] }> {
    const dayOnly = unit === "day" || unit === "week";
    const where = this.conditions(slice, period, breakdown, dayOnly);
    const { source } = this.plan(slice, breakdown);
    const bucket = sql.raw(`date_trunc('${unit}', period_start)::date`);
    const key = breakdown ? sql.raw(`${dimensionColumn[breakdown]}::text`) : sql.raw("NULL::text");
    const [sums, histogram] = await Promise.all([
      sql<RollupSums & { bucket: string; key: string | null; type: TicketType }>`
        SELECT ${bucket}::text AS bucket, ${key} AS key, type, ${sql.join(sumColumns)}
        FROM ${source} WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2`.execute(this.db),
      sql<HistogramRow>`
        SELECT ${bucket}::text AS bucket, ${key} AS key, ${durationColumns("duration_bucket")}
        FROM ${source} ${durationEntries}
        WHERE ${this.conditions(slice, period, breakdown, dayOnly, true)}
        GROUP BY 1, 2, 3, 4 ${nonEmpty}`.execute(this.db),
    ]);
    return {
      sums: sums.rows.map(({ bucket: b, key: k, type, ...rest }) => ({
        bucket: b,
        key: k,
        type,
        sums: rest,
      })),
      histogram: histogram.rows,
    };
  }

  /**
   * Sums, histograms and backlog of every service at once (one grouped query each on the month ×
   * service rows), for lists of many services. Whole months only, like any service figure.
   */
  async totalsByService(
    serviceIds: string[],
    period: Period,
  ): Promise<Map<string, { totals: SliceTotals; backlogAtEnd: number }>> {
    requirePermission(this.actor, "graph:read");
    const where = sql.join(
      [this.periodCondition("s", period, false), sql`service_id = ANY(${serviceIds}::uuid[])`],
      sql` AND `,
    );
    const history = sql.join(
      [
        this.periodCondition("s", { from: "1900-01-01", to: period.to }, false),
        sql`service_id = ANY(${serviceIds}::uuid[])`,
      ],
      sql` AND `,
    );
    const [sums, histogram, backlog] = await Promise.all([
      sql<RollupSums & { serviceId: string; type: TicketType }>`
        SELECT service_id, type, ${sql.join(sumColumns)} FROM ticket_rollup WHERE ${where}
        GROUP BY service_id, type`.execute(this.db),
      sql<{ serviceId: string; measure: HistogramMeasure; bucket: number; tickets: number }>`
        SELECT service_id, ${durationColumns("bucket")} FROM ticket_rollup ${durationEntries}
        WHERE ${where}
        GROUP BY service_id, measure, bucket ${nonEmpty}`.execute(this.db),
      sql<{ serviceId: string; open: number }>`
        SELECT service_id, (COALESCE(sum(opened), 0) - COALESCE(sum(left_backlog), 0))::int8 AS open
        FROM ticket_rollup WHERE ${history} GROUP BY service_id`.execute(this.db),
    ]);
    const out = new Map<string, { totals: SliceTotals; backlogAtEnd: number }>();
    const entry = (id: string) => {
      let e = out.get(id);
      if (!e) {
        e = {
          totals: {
            byType: emptySumsByType(),
            histograms: { resolve: new Map(), resolve_service: new Map(), fulfil: new Map() },
          },
          backlogAtEnd: 0,
        };
        out.set(id, e);
      }
      return e;
    };
    for (const id of serviceIds) entry(id);
    for (const { serviceId, type, ...rest } of sums.rows) entry(serviceId).totals.byType[type] = rest;
    for (const row of histogram.rows) {
      (entry(row.serviceId).totals.histograms[row.measure] as Map<number, number>).set(
        row.bucket,
        row.tickets,
      );
    }
    for (const row of backlog.rows) entry(row.serviceId).backlogAtEnd = row.open;
    return out;
  }

  /**
   * Open tickets at the end of a period: everything opened before it minus everything that left
   * the backlog before it. When the period ends today or later, also the current backlog by age
   * (by the day each open ticket was opened).
   */
  async backlog(
    slice: TicketSlice,
    end: string,
    today: string,
  ): Promise<{
    atEnd: number;
    current: { openNow: number; byAgeDays: { age: number; open: number }[] } | null;
  }> {
    const atEnd = await this.backlogAtEnd(slice, end);
    if (end <= today) return { atEnd, current: null };
    return { atEnd, current: await this.currentBacklog(slice, today) };
  }

  /** Open tickets at the end of a period: everything opened before it minus everything that left the backlog. */
  async backlogAtEnd(slice: TicketSlice, end: string): Promise<number> {
    const where = this.conditions(slice, { from: "1900-01-01", to: end }, null);
    const { source } = this.plan(slice, null);
    const total = await sql<{ opened: number; left: number }>`
      SELECT COALESCE(sum(opened), 0)::int8 AS opened, COALESCE(sum(left_backlog), 0)::int8 AS left
      FROM ${source} WHERE ${where}`.execute(this.db);
    return (total.rows[0]?.opened ?? 0) - (total.rows[0]?.left ?? 0);
  }

  /** The backlog today by age (by the day each open ticket was opened), for a period running into today. */
  async currentBacklog(
    slice: TicketSlice,
    today: string,
  ): Promise<{ openNow: number; byAgeDays: { age: number; open: number }[] }> {
    // Ages need days: services (and groups, channels) are kept per month, so their ages come from
    // the open tickets themselves, through an index on the open set (the backlog, not the history).
    const { family, where: sliceWhere } = this.plan(slice, null);
    if (monthOnly.has(family)) return this.openTicketAges(sliceWhere, today);
    // open_now is kept by the day a ticket was opened: ages from the last 31 days of day rows, the
    // rest (older) as the difference from the total.
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
    const everything = this.conditions(slice, { from: "1900-01-01", to: tomorrow }, null);
    const recent = this.conditions(slice, { from: monthAgo, to: tomorrow }, null, true);
    const [all, byAge] = await Promise.all([
      sql<{
        open: number;
      }>`SELECT COALESCE(sum(open_now), 0)::int8 AS open FROM ticket_rollup WHERE ${everything}`.execute(
        this.db,
      ),
      sql<{ age: number; open: number }>`
        SELECT (${today}::date - period_start)::int AS age, COALESCE(sum(open_now), 0)::int8 AS open
        FROM ticket_rollup WHERE ${recent} GROUP BY 1`.execute(this.db),
    ]);
    return { openNow: all.rows[0]?.open ?? 0, byAgeDays: byAge.rows };
  }

  /** Open tickets of a slice by age in days (from the day each was opened, UTC, as in the day rows). */
  private async openTicketAges(
    sliceWhere: RawBuilder<unknown>[],
    today: string,
  ): Promise<{ openNow: number; byAgeDays: { age: number; open: number }[] }> {
    const rows = await sql<{ age: number; open: number }>`
      SELECT (${today}::date - (opened_at AT TIME ZONE 'UTC')::date)::int AS age, count(*)::int8 AS open
      FROM ticket
      WHERE state NOT IN ('resolved', 'closed', 'cancelled') AND opened_at < ${today}::date + 1
        ${sliceWhere.length > 0 ? sql`AND ${sql.join(sliceWhere, sql` AND `)}` : sql``}
      GROUP BY 1`.execute(this.db);
    return {
      openNow: rows.rows.reduce((n, r) => n + Number(r.open), 0),
      byAgeDays: rows.rows.filter((r) => r.age <= 31),
    };
  }

  /** Display names of breakdown values: services and units by name, the rest as they are. */
  async namesOf(breakdown: BreakdownDimension | null, keys: string[]): Promise<Map<string, string>> {
    const names = new Map(keys.map((k) => [k, breakdown === "priority" ? `P${k}` : k]));
    const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
    if (ids.length === 0 || (breakdown !== "service" && breakdown !== "business_unit")) return names;
    const table = sql.raw(breakdown === "service" ? "it_service" : "business_unit");
    const rows = await sql<{ id: string; name: string }>`
      SELECT id, name FROM ${table} WHERE id = ANY(${ids}::uuid[])`.execute(this.db);
    for (const r of rows.rows) names.set(r.id, r.name);
    return names;
  }

  /** A service's id by its name, or a unit's by its name or code (case-insensitive); null when none. */
  async idByName(kind: "service" | "business_unit", name: string): Promise<string | null> {
    const key = name.trim().toLowerCase();
    const rows =
      kind === "service"
        ? await sql<{ id: string }>`SELECT id FROM it_service WHERE lower(name) = ${key}`.execute(this.db)
        : await sql<{ id: string }>`
            SELECT id FROM business_unit WHERE lower(name) = ${key} OR lower(code) = ${key}
            ORDER BY lower(name) = ${key} DESC LIMIT 1`.execute(this.db);
    return rows.rows[0]?.id ?? null;
  }

  /** The unit and every unit below it (the same walk as the actor's reach, CredentialRepository). */
  unitsBelow(unitId: string): Promise<string[]> {
    return new CredentialRepository(this.db).unitsBelow([unitId]);
  }

  /**
   * The services a question's availability is about, with their terms: the named service; the
   * services the named units consume; or every live service (for a stakeholder, those their units
   * consume).
   */
  async servicesInScope(slice: TicketSlice): Promise<ServiceTerms[]> {
    requirePermission(this.actor, "graph:read");
    const units = scopeUnits(this.actor);
    const filters: RawBuilder<unknown>[] = [sql`archived_at IS NULL`];
    if (slice.serviceId) filters.push(sql`id = ${slice.serviceId}::uuid`);
    else {
      filters.push(sql`lifecycle_status IN ('live', 'retiring')`);
      if (slice.businessUnitIds) filters.push(sql`id IN ${consumedServices(slice.businessUnitIds)}`);
    }
    if (units !== null) filters.push(sql`id IN ${consumedServices(units)}`);
    // A unit carries its consumption share of each service's downtime cost (and its sub-units' shares).
    const share = slice.businessUnitIds
      ? sql`(SELECT LEAST(100, sum(share)) FROM unit_service us WHERE us.service_id = it_service.id AND ${inUnits("us.business_unit_id", slice.businessUnitIds)})`
      : sql`NULL::float8`;
    const rows = await sql<{
      id: string;
      serviceHours: ServiceHours | null;
      availabilityTarget: number | null;
      share: number | null;
    }>`
      SELECT id, service_hours, availability_target, ${share} AS share
      FROM it_service WHERE ${sql.join(filters, sql` AND `)}`.execute(this.db);
    return rows.rows.map((r) => ({
      id: r.id,
      hours: r.serviceHours,
      availabilityTarget: r.availabilityTarget,
      sharePct: r.share,
    }));
  }

  /**
   * Outages of these services that overlap the period, each with the cost of an hour of it: the
   * downtime cost of every capability the service or a service depending on it supports, at the
   * strongest support (the graph's outage impact, schemas/graph.ts), and the users of the
   * most-used of those capabilities (at least that many were affected).
   */
  async outages(serviceIds: string[], period: Period): Promise<(OutageFact & OutageListing)[]> {
    requirePermission(this.actor, "graph:read");
    if (serviceIds.length === 0) return [];
    const [rows, costs] = await Promise.all([
      sql<Omit<OutageFact, "costPerHourCents" | "users"> & OutageListing>`
        SELECT o.id, o.service_id, s.name AS service_name, o.started_at, o.ended_at, o.partial, o.source,
          o.ticket_id, o.number, o.title, o.priority, o.business_unit_id
        FROM service_outage o JOIN it_service s ON s.id = o.service_id
        WHERE ${overlapping(serviceIds, period)}
        ORDER BY o.started_at, o.id`.execute(this.db),
      this.outageCosts(serviceIds),
    ]);
    return rows.rows.map((r) => ({
      ...r,
      startedAt: new Date(r.startedAt as unknown as string),
      endedAt: r.endedAt ? new Date(r.endedAt as unknown as string) : null,
      ...(costs.get(r.serviceId) ?? { costPerHourCents: 0, users: 0 }),
    }));
  }

  /**
   * The same outages as `outages`, without what only a listing shows (numbers, titles, names): a
   * scorecard reads a year's hundreds of outages twice (this period and the one before), and on
   * the embedded store every value handed back costs time.
   */
  async outageFacts(serviceIds: string[], period: Period): Promise<OutageFact[]> {
    requirePermission(this.actor, "graph:read");
    if (serviceIds.length === 0) return [];
    const rows = await sql<{ serviceId: string; startedAt: string; endedAt: string | null }>`
      SELECT o.service_id, o.started_at, o.ended_at FROM service_outage o
      WHERE ${overlapping(serviceIds, period)}`.execute(this.db);
    // Without outages there is no cost to work out (the graph's walk is most of a service's read).
    if (rows.rows.length === 0) return [];
    const costs = await this.outageCosts(serviceIds);
    return rows.rows.map((r) => ({
      serviceId: r.serviceId,
      startedAt: new Date(r.startedAt),
      endedAt: r.endedAt ? new Date(r.endedAt) : null,
      ...(costs.get(r.serviceId) ?? { costPerHourCents: 0, users: 0 }),
    }));
  }

  /**
   * What an hour of each service's outage costs: the downtime cost of every capability it or a
   * service depending on it supports, at the strongest support, and the users of the most-used.
   * The graph, not the period, decides it: worked out once per repository (one request) for a set
   * of services, so a scorecard and its previous period's share it.
   */
  private outageCosts(
    serviceIds: string[],
  ): Promise<Map<string, { costPerHourCents: number; users: number }>> {
    const key = [...serviceIds].sort().join(",");
    let costs = this.costsByServices.get(key);
    if (!costs) {
      costs = sql<{ root: string; costPerHourCents: number; users: number }>`
        WITH RECURSIVE hit(root, service_id) AS (
          SELECT id, id FROM unnest(${serviceIds}::uuid[]) AS roots(id)
          UNION
          SELECT h.root, d.service_id FROM hit h JOIN service_dependency d ON d.depends_on_service_id = h.service_id
        ), caps AS (
          SELECT h.root, sc.capability_id, max(sc.strength) AS strength
          FROM hit h JOIN service_capability sc ON sc.service_id = h.service_id
          GROUP BY h.root, sc.capability_id
        )
        SELECT caps.root, sum(round(c.downtime_cost_per_hour_cents * caps.strength))::int8 AS cost_per_hour_cents,
          max(c.users)::int8 AS users
        FROM caps JOIN capability c ON c.id = caps.capability_id
        GROUP BY caps.root`
        .execute(this.db)
        .then(
          (r) =>
            new Map(
              r.rows.map((x) => [
                x.root,
                { costPerHourCents: Number(x.costPerHourCents), users: Number(x.users) },
              ]),
            ),
        );
      this.costsByServices.set(key, costs);
    }
    return costs;
  }

  /** Recomputes every rollup from the raw tickets (after a service's hours or SLA targets changed). */
  async rebuild(): Promise<{ rollupRows: number; histogramEntries: number; outages: number }> {
    requirePermission(this.actor, "graph:write");
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT rebuild_ticket_rollups()`.execute(trx);
      const counts = await sql<{ rollupRows: number; histogramEntries: number; outages: number }>`
        SELECT count(*)::int8 AS rollup_rows,
          COALESCE(sum(cardinality(resolve_durations) + cardinality(resolve_service_durations)
            + cardinality(fulfil_durations)), 0)::int8 AS histogram_entries,
          (SELECT count(*) FROM service_outage)::int8 AS outages
        FROM ticket_rollup`.execute(trx);
      await sql`ANALYZE ticket_rollup`.execute(trx);
      return counts.rows[0] ?? { rollupRows: 0, histogramEntries: 0, outages: 0 };
    });
  }
}

export interface OutageListing {
  id: string;
  serviceName: string;
  partial: boolean;
  source: "major_incident" | "imported";
  ticketId: string | null;
  number: string | null;
  title: string;
  priority: number | null;
  businessUnitId: string | null;
}
