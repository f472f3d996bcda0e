import type { ServiceHours } from "../schemas/it-service.js";
import type { TicketType } from "../schemas/ticket.js";
import { durationBucket } from "./duration-histogram.js";
import { type RollupSums, rollupColumns } from "./rollup-totals.js";
import { serviceWindows } from "./service-time.js";

/**
 * The rollup rows of written tickets, added up in memory: the import's way of keeping the rollups
 * (the trigger's SQL, `ticket_rollup_statements`, keeps them for every other writer and for the
 * rebuild). It follows that SQL rule for rule, so that an imported store and a rebuilt one hold
 * the same rows; a test compares the two on random tickets.
 */

/** What a ticket row contributes to the rollups, as stored (instants as ISO strings). */
export interface RollupTicket {
  type: TicketType;
  priority: number | null;
  serviceId: string | null;
  businessUnitId: string | null;
  assignmentGroup: string | null;
  channel: string | null;
  state: string;
  openedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  updatedAt: string | null;
  reopenCount: number;
  reassignmentCount: number;
  causedByChange: string | null;
  changeOutcome: string | null;
  slas: readonly { breached: boolean | null }[];
}

/** A service's agreed hours and SLA targets by priority, as the SQL joins them. */
export interface RollupTerms {
  hours(serviceId: string): ServiceHours | null;
  target(serviceId: string, priority: number): { responseSeconds: number; resolutionSeconds: number } | null;
}

/** The same as plain data (it crosses to a worker thread): hours by service, targets as rows. */
export interface RollupTermsData {
  hours: [serviceId: string, hours: ServiceHours][];
  targets: [serviceId: string, priority: number, responseSeconds: number, resolutionSeconds: number][];
}

export const rollupTerms = (data: RollupTermsData): RollupTerms => {
  const hours = new Map(data.hours);
  const targets = new Map(
    data.targets.map(([serviceId, priority, responseSeconds, resolutionSeconds]) => [
      `${serviceId}|${priority}`,
      { responseSeconds, resolutionSeconds },
    ]),
  );
  return {
    hours: (serviceId) => hours.get(serviceId) ?? null,
    target: (serviceId, priority) => targets.get(`${serviceId}|${priority}`) ?? null,
  };
};

/** Where a writer hands the tickets it inserts, for their rollup rows. */
export interface RollupTicketSink {
  add(t: RollupTicket): void;
}

export type RollupGrain =
  | "day_p"
  | "day_u"
  | "month_p"
  | "month_o"
  | "month_s"
  | "month_u"
  | "month_su"
  | "month_gc";

/** One rollup row: its key, its sums and its duration entries (count × 1024 + bucket, merged). */
export interface RollupRow {
  grain: RollupGrain;
  periodStart: string;
  type: TicketType;
  priority: number | null;
  serviceId: string | null;
  businessUnitId: string | null;
  assignmentGroup: string | null;
  channel: string | null;
  sums: RollupSums;
  resolveDurations: number[];
  resolveServiceDurations: number[];
  fulfilDurations: number[];
}

/**
 * The grains tickets are added to, and which key columns each keeps (the others are NULL), as the
 * grouping sets of the SQL: months first. The other grains are these summed (see `derived`), which
 * halves the work per ticket.
 */
const grains: readonly [RollupGrain, { p: boolean; s: boolean; u: boolean; all: boolean }][] = [
  ["month_s", { p: true, s: true, u: false, all: false }],
  ["month_su", { p: false, s: true, u: true, all: false }],
  ["month_gc", { p: true, s: false, u: true, all: true }],
  ["day_u", { p: true, s: false, u: true, all: false }],
];
const MONTH_GRAINS = 3;
const grainNames = grains.map(([g]) => g);
const grainKeeps = grains.map(([, keeps]) => keeps);

/** Grains that are another summed over a key column: month_p is month_s over services, and so on. */
const derived: readonly {
  grain: RollupGrain;
  from: RollupGrain;
  drops: "serviceId" | "priority" | "unit" | "groupAndChannel";
}[] = [
  { grain: "month_p", from: "month_s", drops: "serviceId" },
  { grain: "month_o", from: "month_p", drops: "priority" },
  { grain: "month_u", from: "month_gc", drops: "groupAndChannel" },
  { grain: "day_p", from: "day_u", drops: "unit" },
];

const MICROS_PER_SECOND = 1_000_000;

/**
 * An ISO-8601 UTC instant as microseconds since the epoch, as PostgreSQL stores it (sub-microsecond
 * digits rounded): JavaScript dates keep milliseconds only.
 */
export const instantMicros = (iso: string): number => {
  const dot = iso.indexOf(".");
  if (dot < 0) return Date.parse(iso) * 1000;
  let end = dot + 1;
  while (end < iso.length && iso.charCodeAt(end) >= 48 && iso.charCodeAt(end) <= 57) end += 1;
  const whole = Date.parse(iso.slice(0, dot) + iso.slice(end)) * 1000;
  return whole + Math.round(Number(`${iso.slice(dot + 1, end)}0000000`.slice(0, 7)) / 10);
};

/** `extract(epoch FROM b - a)::bigint`: whole seconds, halves rounded away from zero (numeric cast). */
const roundedSeconds = (micros: number): number =>
  Math.sign(micros) * Math.floor((Math.abs(micros) + MICROS_PER_SECOND / 2) / MICROS_PER_SECOND);

/** SQL `service_seconds` in microseconds: the agreed windows, their edges at the exact instants. */
const serviceSecondsBetween = (hours: ServiceHours, startMicros: number, endMicros: number): number => {
  if (endMicros <= startMicros) return 0;
  const startMs = Math.floor(startMicros / 1000);
  const endMs = Math.floor(endMicros / 1000);
  let micros = 0;
  for (const w of serviceWindows(hours, new Date(startMs), new Date(endMs + 1))) {
    const s = Math.max(w.start.getTime() * 1000, startMicros);
    const e = Math.min(w.end.getTime() * 1000, endMicros);
    if (e > s) micros += e - s;
  }
  return Math.floor(micros / MICROS_PER_SECOND);
};

const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;
/** The UTC day of an instant, as days since the epoch (what `(t AT TIME ZONE 'UTC')::date` gives). */
const dayOf = (micros: number): number => Math.floor(micros / MICROS_PER_DAY);
const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The events of one ticket that fall in one period, as bits: opened, acknowledged, left the
 * backlog, resolved, done (fulfilled or closed), in the order of the five instants.
 */
const O = 1;
const A = 2;
const L = 4;
const R = 8;
const C = 16;

/** The sums in rollupColumns order, by index: rows and contributions are plain number arrays. */
const SUMS = rollupColumns.length;
const at = Object.fromEntries(rollupColumns.map((c, i) => [c, i])) as Record<keyof RollupSums, number>;

/** What a ticket adds to a row whose period holds some of its events (SQL `ticket_period_rows_sql`). */
interface Contribution {
  sums: Float64Array;
  /** The indexes of the sums set (most events set two or three of the seventeen), `set` of them. */
  nonzero: Int8Array;
  set: number;
  resolve: number | null;
  resolveService: number | null;
  fulfil: number | null;
}

interface Facts {
  type: TicketType;
  sign: number;
  stillOpen: boolean;
  causedByChange: boolean;
  reopened: boolean;
  firstContact: boolean;
  ackSecs: number | null;
  resolveSecs: number | null;
  resolveServiceSecs: number | null;
  doneSecs: number | null;
  slaMet: boolean | null;
  changeOutcome: string | null;
}

const put = (c: Contribution, index: number, value: number) => {
  c.sums[index] = value;
  c.nonzero[c.set] = index;
  c.set += 1;
};

const contribution = (f: Facts, ev: number, c: Contribution): Contribution => {
  const s = f.sign;
  const sums = c.sums;
  for (let i = 0; i < c.set; i++) sums[c.nonzero[i] as number] = 0;
  c.set = 0;
  c.resolve = null;
  c.resolveService = null;
  c.fulfil = null;
  if (ev & O) {
    put(c, at.opened, s);
    if (f.stillOpen) put(c, at.openNow, s);
    if (f.causedByChange) put(c, at.causedByChange, s);
  }
  if (ev & A) {
    put(c, at.acknowledged, s);
    put(c, at.ackSeconds, s * (f.ackSecs ?? 0));
  }
  if (ev & L) put(c, at.leftBacklog, s);
  if (ev & R) {
    put(c, at.resolved, s);
    put(c, at.resolveSeconds, s * (f.resolveSecs ?? 0));
    put(c, at.resolveServiceSeconds, s * (f.resolveServiceSecs ?? 0));
    if (f.reopened) put(c, at.reopened, s);
    if (f.firstContact) put(c, at.firstContact, s);
    if (f.slaMet !== null) put(c, at.slaTotal, s);
    if (f.slaMet === true) put(c, at.slaMet, s);
    // Only resolutions (incidents) and fulfilments (requests) have durations to keep.
    if (f.type === "incident" && f.resolveSecs !== null) c.resolve = durationBucket(f.resolveSecs);
    if (f.type === "incident" && f.resolveServiceSecs !== null)
      c.resolveService = durationBucket(f.resolveServiceSecs);
  }
  if (ev & C) {
    if (f.type === "change" && f.changeOutcome !== null) {
      put(c, at.changesClosed, s);
      if (f.changeOutcome === "successful") put(c, at.changesSuccessful, s);
    }
    if (f.type === "request") {
      put(c, at.fulfilled, s);
      put(c, at.fulfilSeconds, s * (f.doneSecs ?? 0));
      if (f.doneSecs !== null) c.fulfil = durationBucket(f.doneSecs);
    }
  }
  return c;
};

/**
 * A histogram being added up: bucket and count pairs, flat, while short (most rows hold a ticket
 * or two, and a Map per row was most of the import's garbage), a Map once long.
 */
type Counts = number[] | Map<number, number>;
const LONG = 8;
const addCount = (counts: Counts, bucket: number, n: number): Counts => {
  if (counts instanceof Map) {
    counts.set(bucket, (counts.get(bucket) ?? 0) + n);
    return counts;
  }
  for (let i = 0; i < counts.length; i += 2) {
    if (counts[i] === bucket) {
      (counts[i + 1] as number) += n;
      return counts;
    }
  }
  if (counts.length < LONG * 2) {
    counts.push(bucket, n);
    return counts;
  }
  const m = new Map<number, number>();
  for (let i = 0; i < counts.length; i += 2) m.set(counts[i] as number, counts[i + 1] as number);
  m.set(bucket, n);
  return m;
};
/** Merged entries in bucket order, without buckets whose counts cancel out (SQL `duration_entries_compact`). */
const entries = (counts: Counts): number[] => {
  const buckets: number[] = [];
  const tickets = new Map<number, number>();
  if (counts instanceof Map) {
    for (const [bucket, n] of counts) {
      if (n !== 0) {
        buckets.push(bucket);
        tickets.set(bucket, n);
      }
    }
    buckets.sort((a, b) => a - b);
    return buckets.map((b) => (tickets.get(b) as number) * 1024 + b);
  }
  // Short lists (at most LONG pairs): an insertion sort by bucket.
  const bs: number[] = [];
  const ns: number[] = [];
  for (let i = 0; i < counts.length; i += 2) {
    const bucket = counts[i] as number;
    const n = counts[i + 1] as number;
    if (n === 0) continue;
    let j = bs.length;
    bs.push(bucket);
    ns.push(n);
    while (j > 0 && (bs[j - 1] as number) > bucket) {
      bs[j] = bs[j - 1] as number;
      ns[j] = ns[j - 1] as number;
      j -= 1;
    }
    bs[j] = bucket;
    ns[j] = n;
  }
  return bs.map((b, i) => (ns[i] as number) * 1024 + b);
};

/** The sums by name, in one literal (one object shape), from their rollupColumns order. */
const sumsOf = (a: Float64Array): RollupSums => ({
  opened: a[0] as number,
  openNow: a[1] as number,
  causedByChange: a[2] as number,
  acknowledged: a[3] as number,
  ackSeconds: a[4] as number,
  leftBacklog: a[5] as number,
  resolved: a[6] as number,
  resolveSeconds: a[7] as number,
  resolveServiceSeconds: a[8] as number,
  reopened: a[9] as number,
  firstContact: a[10] as number,
  slaTotal: a[11] as number,
  slaMet: a[12] as number,
  changesClosed: a[13] as number,
  changesSuccessful: a[14] as number,
  fulfilled: a[15] as number,
  fulfilSeconds: a[16] as number,
});

interface Accumulated {
  grain: RollupGrain;
  periodStart: string;
  type: TicketType;
  priority: number | null;
  serviceId: string | null;
  businessUnitId: string | null;
  assignmentGroup: string | null;
  channel: string | null;
  sums: Float64Array;
  resolve: Counts | null;
  resolveService: Counts | null;
  fulfil: Counts | null;
}

/** A number per distinct value (null included), so that keys are short and never run together. */
class ValueNumbers<T> {
  /** Null is 0. */
  private readonly numbers = new Map<T, number>();
  constructor(private readonly limit: number) {}
  of(value: T | null): number {
    if (value === null) return 0;
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.numbers.size + 1;
      if (n >= this.limit)
        throw new Error(`more than ${this.limit - 1} distinct key values in one set of rollup rows`);
      this.numbers.set(value, n);
    }
    return n;
  }
}

/** Bounds of the numbers in keys (see `addTo`): grain, period, type and priority fit 31 bits. */
const VALUE_BITS = 2 ** 26;
const PERIOD_BITS = 2 ** 14;

/** Rollup rows of signed tickets (+1 written, −1 removed), added up by key. */
export class TicketRollupRows implements RollupTicketSink {
  /**
   * Rows by small numbers: of grain, period, type and priority; then of the service (or, in the
   * grain without services, the group and channel); then, when the grain keeps units, of the unit.
   * String keys made of ids and dates, and then numbers past 31 bits (boxed), took most of the
   * import's time to build, hash and collect.
   */
  private readonly rows = new Map<number, Map<number, Accumulated | Map<number, Accumulated>>>();
  private count = 0;
  private readonly ids = new ValueNumbers<string>(VALUE_BITS);
  private readonly periods = new ValueNumbers<number>(PERIOD_BITS);
  private readonly types = new ValueNumbers<string>(8);
  private readonly pairs = new ValueNumbers<number>(VALUE_BITS);
  private readonly monthStarts = new Map<number, number>();
  private readonly days = new Int32Array(5);
  private readonly months = new Int32Array(5);
  private readonly scratch: Contribution = {
    sums: new Float64Array(SUMS),
    nonzero: new Int8Array(SUMS),
    set: 0,
    resolve: null,
    resolveService: null,
    fulfil: null,
  };

  constructor(private readonly terms: RollupTerms) {}

  /** Rows held (distinct keys). */
  get size(): number {
    return this.count;
  }

  add(t: RollupTicket, sign: 1 | -1 = 1): void {
    const done = t.state === "resolved" || t.state === "closed";
    const left =
      t.state === "resolved" || t.state === "closed" || t.state === "cancelled"
        ? (t.resolvedAt ?? t.closedAt ?? t.updatedAt ?? t.openedAt)
        : null;
    const finished = done ? (t.closedAt ?? t.resolvedAt) : null;
    // Each instant parsed once; left and finished are most often the resolution itself.
    const opened = instantMicros(t.openedAt);
    const ack = t.acknowledgedAt === null ? null : instantMicros(t.acknowledgedAt);
    const resolvedRaw = t.resolvedAt === null ? null : instantMicros(t.resolvedAt);
    const micros = (iso: string | null) =>
      iso === null
        ? null
        : iso === t.resolvedAt
          ? resolvedRaw
          : iso === t.openedAt
            ? opened
            : instantMicros(iso);
    const leftAt = micros(left);
    const resolvedAt = done ? resolvedRaw : null;
    const finishedAt = micros(finished);
    const facts = this.facts(t, sign, opened, ack, resolvedAt, finishedAt);
    const days = this.days;
    days[0] = dayOf(opened);
    days[1] = ack === null ? -1 : dayOf(ack);
    days[2] = leftAt === null ? -1 : dayOf(leftAt);
    days[3] = resolvedAt === null ? -1 : dayOf(resolvedAt);
    days[4] = finishedAt === null ? -1 : dayOf(finishedAt);
    const months = this.months;
    for (let i = 0; i < 5; i++) months[i] = days[i] === -1 ? -1 : this.monthOf(days[i] as number);
    const type = this.types.of(t.type);
    const service = this.ids.of(t.serviceId);
    const unit = this.ids.of(t.businessUnitId);
    const group = this.ids.of(t.assignmentGroup);
    const channel = this.ids.of(t.channel);
    const groupAndChannel = this.pairs.of(group * VALUE_BITS + channel);
    const base = { t, type, service, unit, groupAndChannel };
    forEachPeriod(months, (month, ev) => {
      const c = contribution(facts, ev, this.scratch);
      const code = this.periods.of(month);
      for (let g = 0; g < MONTH_GRAINS; g++) this.addTo(g, month, code, base, c);
    });
    forEachPeriod(days, (day, ev) => {
      const c = contribution(facts, ev, this.scratch);
      const code = this.periods.of(day);
      for (let g = MONTH_GRAINS; g < grains.length; g++) this.addTo(g, day, code, base, c);
    });
  }

  /** The first day of the day's month, as days since the epoch (SQL `date_trunc('month', day)`). */
  private monthOf(day: number): number {
    let month = this.monthStarts.get(day);
    if (month === undefined) {
      const d = new Date(day * 86_400_000);
      month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
      this.monthStarts.set(day, month);
    }
    return month;
  }

  /** The rows, entries merged; emptied. */
  take(): RollupRow[] {
    const byGrain = new Map<RollupGrain, Accumulated[]>();
    for (const byFirst of this.rows.values()) {
      for (const x of byFirst.values()) {
        for (const a of x instanceof Map ? x.values() : [x]) {
          const list = byGrain.get(a.grain);
          if (list) list.push(a);
          else byGrain.set(a.grain, [a]);
        }
      }
    }
    for (const d of derived) byGrain.set(d.grain, summedOver(byGrain.get(d.from) ?? [], d.grain, d.drops));
    const out: RollupRow[] = [];
    for (const rows of byGrain.values()) {
      for (const a of rows) {
        const sums = sumsOf(a.sums);
        // The units' days keep no durations (their percentiles are read over whole months).
        const day = a.grain === "day_u";
        out.push({
          grain: a.grain,
          periodStart: a.periodStart,
          type: a.type,
          priority: a.priority,
          serviceId: a.serviceId,
          businessUnitId: a.businessUnitId,
          assignmentGroup: a.assignmentGroup,
          channel: a.channel,
          sums,
          resolveDurations: day || !a.resolve ? [] : entries(a.resolve),
          resolveServiceDurations: day || !a.resolveService ? [] : entries(a.resolveService),
          fulfilDurations: day || !a.fulfil ? [] : entries(a.fulfil),
        });
      }
    }
    this.rows.clear();
    this.count = 0;
    return out;
  }

  private facts(
    t: RollupTicket,
    sign: number,
    opened: number,
    ackAt: number | null,
    resolvedAt: number | null,
    finishedAt: number | null,
  ): Facts {
    const leftState = t.state === "resolved" || t.state === "closed" || t.state === "cancelled";
    const ack = ackAt === null ? null : ackAt - opened;
    const hours = t.serviceId === null ? null : this.terms.hours(t.serviceId);
    const resolveSecs = resolvedAt === null ? null : roundedSeconds(resolvedAt - opened);
    // Without agreed hours the service is agreed 24 × 7: wall clock.
    const resolveServiceSecs =
      resolvedAt === null
        ? null
        : hours === null
          ? resolveSecs
          : serviceSecondsBetween(hours, opened, resolvedAt);
    return {
      type: t.type,
      sign,
      stillOpen: !leftState,
      causedByChange: t.type === "incident" && t.causedByChange !== null,
      reopened: t.reopenCount > 0,
      firstContact: t.reassignmentCount === 0,
      ackSecs: ack === null ? null : roundedSeconds(ack),
      resolveSecs,
      resolveServiceSecs,
      doneSecs: finishedAt === null ? null : roundedSeconds(finishedAt - opened),
      slaMet: this.slaMet(t, hours, opened, ack, resolvedAt),
      changeOutcome: t.changeOutcome,
    };
  }

  /** SLA attainment (reference §1): the tool's own breach flag when present, else the service's targets. */
  private slaMet(
    t: RollupTicket,
    hours: ServiceHours | null,
    opened: number,
    ackMicros: number | null,
    resolvedAt: number | null,
  ): boolean | null {
    if (t.slas.some((s) => s.breached === true)) return false;
    if (t.slas.some((s) => s.breached === false)) return true;
    if (resolvedAt === null || t.serviceId === null || t.priority === null) return null;
    const target = this.terms.target(t.serviceId, t.priority);
    if (target === null) return null;
    if (hours === null) {
      return (
        resolvedAt - opened <= target.resolutionSeconds * MICROS_PER_SECOND &&
        (ackMicros === null || ackMicros <= target.responseSeconds * MICROS_PER_SECOND)
      );
    }
    return (
      serviceSecondsBetween(hours, opened, resolvedAt) <= target.resolutionSeconds &&
      (ackMicros === null ||
        serviceSecondsBetween(hours, opened, opened + ackMicros) <= target.responseSeconds)
    );
  }

  private addTo(grainIndex: number, period: number, periodCode: number, k: KeyParts, c: Contribution): void {
    const grain = grainNames[grainIndex] as RollupGrain;
    const keeps = grainKeeps[grainIndex] as (typeof grainKeeps)[number];
    const t = k.t;
    const priority = keeps.p ? t.priority : null;
    const combo = ((grainIndex * PERIOD_BITS + periodCode) * 8 + k.type) * 8 + (priority ?? 0);
    let byFirst = this.rows.get(combo);
    if (!byFirst) {
      byFirst = new Map();
      this.rows.set(combo, byFirst);
    }
    // The grain with groups and channels keeps no service: the pair takes the service's place.
    const first = keeps.s ? k.service : keeps.all ? k.groupAndChannel : 0;
    const unit = keeps.u ? k.unit : 0;
    let slot = byFirst.get(first);
    let row = slot instanceof Map ? slot.get(unit) : unit === 0 ? slot : undefined;
    if (!row) {
      row = {
        grain,
        periodStart: isoDay(period),
        type: t.type,
        priority,
        serviceId: keeps.s ? t.serviceId : null,
        businessUnitId: keeps.u ? t.businessUnitId : null,
        assignmentGroup: keeps.all ? t.assignmentGroup : null,
        channel: keeps.all ? t.channel : null,
        sums: new Float64Array(SUMS),
        resolve: null,
        resolveService: null,
        fulfil: null,
      };
      this.count += 1;
      if (slot === undefined && unit === 0) byFirst.set(first, row);
      else {
        if (!(slot instanceof Map)) {
          const byUnit = new Map<number, Accumulated>();
          if (slot) byUnit.set(0, slot);
          byFirst.set(first, byUnit);
          slot = byUnit;
        }
        slot.set(unit, row);
      }
    }
    const sums = row.sums;
    for (let i = 0; i < c.set; i++) {
      const index = c.nonzero[i] as number;
      (sums[index] as number) += c.sums[index] as number;
    }
    const resolved = c.sums[at.resolved] as number;
    if (c.resolve !== null) row.resolve = addCount(row.resolve ?? [], c.resolve, resolved);
    if (c.resolveService !== null)
      row.resolveService = addCount(row.resolveService ?? [], c.resolveService, resolved);
    if (c.fulfil !== null) row.fulfil = addCount(row.fulfil ?? [], c.fulfil, c.sums[at.fulfilled] as number);
  }
}

/** A ticket and the numbers of its key's values. */
interface KeyParts {
  t: RollupTicket;
  type: number;
  service: number;
  unit: number;
  groupAndChannel: number;
}

/** Rows summed over one key column (set to NULL), as the grain that lacks it. */
const summedOver = (
  rows: readonly Accumulated[],
  grain: RollupGrain,
  drops: "serviceId" | "priority" | "unit" | "groupAndChannel",
): Accumulated[] => {
  const out = new Map<string, Accumulated>();
  for (const r of rows) {
    const priority = drops === "priority" ? null : r.priority;
    const serviceId = drops === "serviceId" ? null : r.serviceId;
    const businessUnitId = drops === "unit" ? null : r.businessUnitId;
    const assignmentGroup = drops === "groupAndChannel" ? null : r.assignmentGroup;
    const channel = drops === "groupAndChannel" ? null : r.channel;
    // Groups and channels are NULL in every grain made this way: no free texts in the key.
    const key = `${r.periodStart}|${r.type}|${priority}|${serviceId}|${businessUnitId}`;
    let row = out.get(key);
    if (!row) {
      row = {
        grain,
        periodStart: r.periodStart,
        type: r.type,
        priority,
        serviceId,
        businessUnitId,
        assignmentGroup,
        channel,
        sums: new Float64Array(SUMS),
        resolve: null,
        resolveService: null,
        fulfil: null,
      };
      out.set(key, row);
    }
    for (let i = 0; i < SUMS; i++) (row.sums[i] as number) += r.sums[i] as number;
    row.resolve = mergeCounts(row.resolve, r.resolve);
    row.resolveService = mergeCounts(row.resolveService, r.resolveService);
    row.fulfil = mergeCounts(row.fulfil, r.fulfil);
  }
  return [...out.values()];
};

const mergeCounts = (into: Counts | null, from: Counts | null): Counts | null => {
  if (from === null) return into;
  let out = into ?? [];
  if (from instanceof Map) for (const [bucket, n] of from) out = addCount(out, bucket, n);
  else for (let i = 0; i < from.length; i += 2) out = addCount(out, from[i] as number, from[i + 1] as number);
  return out;
};

/**
 * Calls back once per distinct period among a ticket's five event periods (−1: no such event),
 * with the bits of the events that fall in it: the SQL's folding of a ticket's events by period.
 */
const forEachPeriod = (periods: Int32Array, each: (period: number, events: number) => void): void => {
  for (let i = 0; i < 5; i++) {
    const p = periods[i] as number;
    if (p === -1) continue;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = periods[j] === p;
    if (seen) continue;
    let events = 0;
    for (let j = i; j < 5; j++) if (periods[j] === p) events |= 1 << j;
    each(p, events);
  }
};
