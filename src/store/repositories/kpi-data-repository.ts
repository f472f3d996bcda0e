import { randomUUID } from "node:crypto";
import { type Generated, type Kysely, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import { directionProblem } from "../../domain/kpis/achievement.js";
import type { BenchmarkSet, BenchmarkSetInput } from "../../domain/schemas/benchmark.js";
import type {
  Kpi,
  KpiFormula,
  KpiSnapshot,
  KpiStatus,
  KpiTarget,
  KpiTargetInput,
} from "../../domain/schemas/kpi.js";
import type { Measurement, MeasurementInput } from "../../domain/schemas/measurement.js";
import { inUnits, requirePermission, scopeUnits } from "../access.js";
import { type Actor, actorLabel } from "../actor.js";
import type { Database, Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";
import { kpiVisibleTo } from "./kpi-repository.js";

// A type alias, not an interface: Kysely's withTables needs an indexable record type.
type KpiTables = {
  kpi: {
    id: string;
    name: string;
    layer: Kpi["layer"];
    goalId: string | null;
    serviceId: string | null;
    businessUnitId: string | null;
    source: KpiFormula;
    unit: Kpi["unit"];
    direction: Kpi["direction"];
    frequency: Kpi["frequency"];
    ownerPersonId: string | null;
    definition: string;
    weight: number;
    greenFrom: number;
    amberFrom: number;
    templateKey: string | null;
    version: number;
    createdAt: string;
    updatedAt: string;
    archivedAt: string | null;
  };
  kpiTarget: {
    id: string;
    kpiId: string;
    periodStart: string;
    periodEnd: string;
    baseline: number;
    target: number;
    steps: string;
  };
  kpiMeasurement: {
    kpiId: string;
    measuredOn: string;
    value: number;
    recordedBy: string;
    recordedAt: Generated<string>;
    origin: "manual" | "import";
  };
  kpiSnapshot: {
    kpiId: string;
    period: string;
    value: number | null;
    target: number | null;
    achievement: number | null;
    status: string;
    asOf: string | null;
    computedAt: string;
    recomputedValue: number | null;
    recomputedAchievement: number | null;
    recomputedStatus: string | null;
    recomputedAt: string | null;
  };
  alignmentPeriod: { period: string; effortPct: number | null; moneyPct: number | null; computedAt: string };
  benchmarkSet: { id: string; name: string; createdAt: Generated<string> };
  benchmarkValue: {
    setId: string;
    name: string;
    source: string;
    value: number;
    unit: string;
    year: number;
    templateKey: string | null;
  };
};
type KpiDb = Kysely<Database & KpiTables>;

/** A goal KPI with its snapshot of one period (all snapshot fields null when it has none). */
export interface ScoreRow {
  id: string;
  name: string;
  goalId: string;
  weight: number;
  unit: Kpi["unit"];
  direction: Kpi["direction"];
  period: string | null;
  value: number | null;
  target: number | null;
  achievement: number | null;
  status: KpiStatus | null;
  recomputed: boolean;
  recomputedValue: number | null;
  recomputedAchievement: number | null;
  recomputedStatus: KpiStatus | null;
}

/** A KPI's reading as stored for a period, for the snapshot. */
export interface PeriodReading {
  kpiId: string;
  value: number | null;
  target: number | null;
  achievementPct: number | null;
  status: KpiStatus;
  asOf: string | null;
}

/** A date column read back as YYYY-MM-DD whichever driver returned it. */
const day = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
const instant = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const same = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Targets, business measurements, value snapshots and benchmark sets of KPIs. Every read is cut to
 * the KPIs the actor may see; writes need business-graph:write.
 */
export class KpiDataRepository {
  private readonly db: KpiDb;
  constructor(
    db: Db,
    private readonly actor: Actor,
  ) {
    this.db = db.withTables<KpiTables>();
  }

  private visibleKpis() {
    const units = scopeUnits(this.actor);
    const query = this.db.selectFrom("kpi").selectAll().where("archivedAt", "is", null);
    return units === null ? query : query.where(kpiVisibleTo(units));
  }

  /** Every live KPI the actor may see. */
  async allKpis(): Promise<Kpi[]> {
    const rows = await this.visibleKpis().orderBy("name").execute();
    return rows.map((r) => ({
      ...r,
      createdAt: instant(r.createdAt),
      updatedAt: instant(r.updatedAt),
      archivedAt: null,
    }));
  }

  /** One KPI the actor may see, or not_found as if it did not exist. */
  async kpi(id: string): Promise<Kpi> {
    const row = await this.visibleKpis().where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `no KPI ${id}`);
    return { ...row, createdAt: instant(row.createdAt), updatedAt: instant(row.updatedAt), archivedAt: null };
  }

  async targets(kpiIds: readonly string[]): Promise<KpiTarget[]> {
    if (kpiIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("kpiTarget")
      .selectAll()
      .where(sql<boolean>`kpi_id = ANY(${[...kpiIds]}::uuid[])`)
      .orderBy("periodStart")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kpiId: r.kpiId,
      periodStart: day(r.periodStart),
      periodEnd: day(r.periodEnd),
      baseline: Number(r.baseline),
      target: Number(r.target),
      steps: typeof r.steps === "string" ? JSON.parse(r.steps) : (r.steps as unknown as KpiTarget["steps"]),
    }));
  }

  /** Sets the target for a period (replacing one that starts the same day). */
  async setTarget(kpiId: string, input: KpiTargetInput & { steps: KpiTarget["steps"] }): Promise<KpiTarget> {
    requirePermission(this.actor, "business-graph:write");
    const kpi = await this.kpi(kpiId);
    const problem = directionProblem(kpi.direction, input.baseline, input.target);
    if (problem) {
      throw new TandemError("validation", `KPI "${kpi.name}": target ${input.target} ${problem}`, {
        issues: [{ path: "target", message: problem }],
      });
    }
    const outside = input.steps.find((s) => s.on < input.periodStart || s.on > input.periodEnd);
    if (outside) {
      throw new TandemError("validation", `KPI "${kpi.name}": a step lies outside the target's period`, {
        issues: [
          { path: "steps", message: `${outside.on} is not within ${input.periodStart}..${input.periodEnd}` },
        ],
      });
    }
    const id = randomUUID();
    const steps = [...input.steps].sort((a, b) => a.on.localeCompare(b.on));
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom("kpiTarget")
        .where("kpiId", "=", kpiId)
        .where("periodStart", "=", input.periodStart)
        .execute();
      await tx
        .insertInto("kpiTarget")
        .values({
          id,
          kpiId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          baseline: input.baseline,
          target: input.target,
          steps: JSON.stringify(steps),
        })
        .execute();
      await recordAudit(tx as unknown as Db, this.actor, {
        action: "kpi.target",
        entityType: "kpi",
        entityId: kpiId,
        after: { ...input, steps },
      });
    });
    return {
      id,
      kpiId,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      baseline: input.baseline,
      target: input.target,
      steps,
    };
  }

  async measurements(kpiId: string, from?: string, to?: string): Promise<Measurement[]> {
    await this.kpi(kpiId);
    let query = this.db.selectFrom("kpiMeasurement").selectAll().where("kpiId", "=", kpiId);
    if (from) query = query.where("measuredOn", ">=", from);
    if (to) query = query.where("measuredOn", "<", to);
    const rows = await query.orderBy("measuredOn").execute();
    return rows.map((r) => ({
      ...r,
      measuredOn: day(r.measuredOn),
      recordedAt: instant(r.recordedAt),
      value: Number(r.value),
    }));
  }

  /** Records one value by hand (replacing the value of that day), with who and when. */
  async recordMeasurement(kpiId: string, input: MeasurementInput): Promise<Measurement> {
    requirePermission(this.actor, "business-graph:write");
    const kpi = await this.kpi(kpiId);
    if (kpi.source.kind !== "measurement") {
      throw new TandemError(
        "validation",
        `KPI "${kpi.name}" is computed from its ${kpi.source.kind} source; it takes no measurements`,
        {
          issues: [{ path: "kpiId", message: "expected a KPI whose source is measurement" }],
        },
      );
    }
    const row = {
      kpiId,
      measuredOn: input.measuredOn,
      value: input.value,
      recordedBy: actorLabel(this.actor),
      origin: "manual" as const,
    };
    const saved = await this.db
      .insertInto("kpiMeasurement")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["kpiId", "measuredOn"]).doUpdateSet({
          value: input.value,
          recordedBy: row.recordedBy,
          recordedAt: sql`now()`,
          origin: "manual",
        }),
      )
      .returning("recordedAt")
      .executeTakeFirstOrThrow();
    return { ...row, recordedAt: instant(saved.recordedAt) };
  }

  /** Writes a checked batch of imported values, all or nothing. */
  async importMeasurements(
    rows: readonly { kpiId: string; measuredOn: string; value: number }[],
  ): Promise<number> {
    requirePermission(this.actor, "business-graph:write");
    const recordedBy = actorLabel(this.actor);
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await tx
          .insertInto("kpiMeasurement")
          .values(rows.slice(i, i + 1000).map((r) => ({ ...r, recordedBy, origin: "import" as const })))
          .onConflict((oc) =>
            oc.columns(["kpiId", "measuredOn"]).doUpdateSet((eb) => ({
              value: eb.ref("excluded.value"),
              recordedBy,
              recordedAt: sql`now()`,
              origin: "import",
            })),
          )
          .execute();
      }
      await recordAudit(tx as unknown as Db, this.actor, {
        action: "kpi.measurements.import",
        entityType: "kpi",
        detail: `${rows.length} values`,
      });
    });
    return rows.length;
  }

  /**
   * The measurement source's figures for a period, for many KPIs in one query: sum, mean, the last
   * value and the newest date of each KPI's measurements in [start, end).
   */
  async measurementAggregates(kpiIds: readonly string[], start: string, end: string) {
    if (kpiIds.length === 0)
      return new Map<string, { sum: number; mean: number; last: number; newest: string }>();
    const rows = await sql<{ kpiId: string; sum: number; mean: number; last: number; newest: unknown }>`
      SELECT kpi_id, sum(value) AS sum, avg(value) AS mean,
             (array_agg(value ORDER BY measured_on DESC))[1] AS last, max(measured_on) AS newest
      FROM kpi_measurement
      WHERE kpi_id = ANY(${[...kpiIds]}::uuid[]) AND measured_on >= ${start}::date AND measured_on < ${end}::date
      GROUP BY kpi_id`.execute(this.db);
    return new Map(
      rows.rows.map((r) => [
        r.kpiId,
        { sum: Number(r.sum), mean: Number(r.mean), last: Number(r.last), newest: day(r.newest) },
      ]),
    );
  }

  /**
   * Keeps what was known when a period was first computed. A later computation that differs is
   * stored beside it as "recomputed"; one that agrees clears any earlier difference.
   */
  async saveSnapshots(
    period: string,
    readings: readonly PeriodReading[],
    at: string,
  ): Promise<{ created: number; changed: number }> {
    if (readings.length === 0) return { created: 0, changed: 0 };
    let created = 0;
    let changed = 0;
    await this.db.transaction().execute(async (tx) => {
      const existing = new Map(
        (
          await tx
            .selectFrom("kpiSnapshot")
            .select(["kpiId", "value", "achievement", "status"])
            .where("period", "=", period)
            .where(sql<boolean>`kpi_id = ANY(${readings.map((r) => r.kpiId)}::uuid[])`)
            .execute()
        ).map((r) => [r.kpiId, r]),
      );
      const fresh = readings.filter((r) => !existing.has(r.kpiId));
      for (let i = 0; i < fresh.length; i += 1000) {
        await tx
          .insertInto("kpiSnapshot")
          .values(
            fresh.slice(i, i + 1000).map((r) => ({
              kpiId: r.kpiId,
              period,
              value: r.value,
              target: r.target,
              achievement: r.achievementPct,
              status: r.status,
              asOf: r.asOf,
              computedAt: at,
              recomputedValue: null,
              recomputedAchievement: null,
              recomputedStatus: null,
              recomputedAt: null,
            })),
          )
          .execute();
      }
      created = fresh.length;
      const updates = readings
        .filter((r) => existing.has(r.kpiId))
        .map((r) => {
          const was = existing.get(r.kpiId) as { value: number | null; status: string };
          const differs = !same(num(was.value), r.value) || was.status !== r.status;
          return { r, differs };
        });
      changed = updates.filter((u) => u.differs).length;
      if (updates.length > 0) {
        const payload = JSON.stringify(
          updates.map(({ r, differs }) => ({
            k: r.kpiId,
            v: differs ? r.value : null,
            a: differs ? r.achievementPct : null,
            s: differs ? r.status : null,
            d: differs,
          })),
        );
        await sql`
          UPDATE kpi_snapshot AS s SET
            recomputed_value = u.v, recomputed_achievement = u.a, recomputed_status = u.s,
            recomputed_at = CASE WHEN u.d THEN ${at}::timestamptz ELSE NULL END
          FROM jsonb_to_recordset(${payload}::jsonb) AS u(k uuid, v double precision, a double precision, s text, d boolean)
          WHERE s.kpi_id = u.k AND s.period = ${period}`.execute(tx);
      }
    });
    return { created, changed };
  }

  async snapshots(options: { period?: string; kpiId?: string }): Promise<KpiSnapshot[]> {
    let query = this.db.selectFrom("kpiSnapshot").selectAll();
    if (options.period) query = query.where("period", "=", options.period);
    if (options.kpiId) query = query.where("kpiId", "=", options.kpiId);
    const units = scopeUnits(this.actor);
    if (units !== null)
      query = query.where(sql<boolean>`kpi_id IN (SELECT id FROM kpi WHERE ${kpiVisibleTo(units)})`);
    const rows = await query.orderBy("period").execute();
    return rows.map((r) => ({
      kpiId: r.kpiId,
      period: r.period,
      value: num(r.value),
      target: num(r.target),
      achievementPct: num(r.achievement),
      status: r.status as KpiStatus,
      computedAt: instant(r.computedAt),
      recomputedValue: num(r.recomputedValue),
      recomputedAchievementPct: num(r.recomputedAchievement),
      recomputedStatus: (r.recomputedStatus as KpiStatus | null) ?? null,
      recomputedAt: r.recomputedAt ? instant(r.recomputedAt) : null,
    }));
  }

  /**
   * What the alignment score needs of every goal KPI, with its snapshots of the given periods, in
   * one narrow query: the score is asked for often and must not parse whole KPI rows each time.
   */
  async scoreRows(periods: readonly string[]) {
    const units = scopeUnits(this.actor);
    // One JSON value rather than thousands of rows: decoding rows one by one (PGlite especially)
    // costs ~50 µs a row, JSON.parse of the whole answer a fraction of that.
    const result = await sql<{ rows: string | ScoreRow[] | null }>`
      SELECT json_agg(json_build_object(
        'id', k.id, 'name', k.name, 'goalId', k.goal_id, 'weight', k.weight, 'unit', k.unit, 'direction', k.direction,
        'period', s.period, 'value', s.value, 'target', s.target, 'achievement', s.achievement, 'status', s.status,
        'recomputed', s.recomputed_at IS NOT NULL, 'recomputedValue', s.recomputed_value,
        'recomputedAchievement', s.recomputed_achievement, 'recomputedStatus', s.recomputed_status))::text AS rows
      FROM kpi k LEFT JOIN kpi_snapshot s ON s.kpi_id = k.id AND s.period = ANY(${[...periods]}::text[])
      WHERE k.archived_at IS NULL AND k.goal_id IS NOT NULL ${units === null ? sql`` : sql`AND ${kpiVisibleTo(units, "k.")}`}`.execute(
      this.db,
    );
    const raw = result.rows[0]?.rows ?? null;
    return (raw === null ? [] : typeof raw === "string" ? (JSON.parse(raw) as ScoreRow[]) : raw).map((r) => ({
      ...r,
      weight: Number(r.weight),
    }));
  }

  /**
   * A cheap fingerprint of everything the alignment score of these periods reads (KPIs, goals,
   * snapshots, alignment inputs): equal fingerprints, equal scores.
   */
  async scoreFingerprint(periods: readonly string[]): Promise<string> {
    const row = await sql<{ f: string }>`
      SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM kpi),
        (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM business_goal),
        (SELECT count(*) || ':' || coalesce(max(greatest(computed_at, coalesce(recomputed_at, computed_at)))::text, '')
           || ':' || count(recomputed_at) FROM kpi_snapshot WHERE period = ANY(${[...periods]}::text[])),
        (SELECT coalesce(string_agg(computed_at::text, ','), '') FROM alignment_period WHERE period = ANY(${[...periods]}::text[]))
      ) AS f`.execute(this.db);
    return row.rows[0]?.f ?? "";
  }

  async saveAlignmentPeriod(period: string, effortPct: number | null, moneyPct: number | null, at: string) {
    await this.db
      .insertInto("alignmentPeriod")
      .values({ period, effortPct, moneyPct, computedAt: at })
      .onConflict((oc) => oc.column("period").doUpdateSet({ effortPct, moneyPct, computedAt: at }))
      .execute();
  }

  async alignmentPeriod(period: string) {
    const row = await this.db
      .selectFrom("alignmentPeriod")
      .selectAll()
      .where("period", "=", period)
      .executeTakeFirst();
    return row ? { effortPct: num(row.effortPct), moneyPct: num(row.moneyPct) } : null;
  }

  /** Goals for health: every live goal the actor may see (one JSON value, as for scoreRows). */
  async goals(): Promise<{ id: string; name: string; parentId: string | null; priorityWeight: number }[]> {
    const units = scopeUnits(this.actor);
    const result = await sql<{ rows: string | null }>`
      SELECT json_agg(json_build_object('id', id, 'name', name, 'parentId', parent_id, 'priorityWeight', priority_weight) ORDER BY name)::text AS rows
      FROM business_goal WHERE archived_at IS NULL ${units === null ? sql`` : sql`AND ${inUnits("owner_business_unit_id", units)}`}`.execute(
      this.db,
    );
    const raw = result.rows[0]?.rows ?? null;
    const goals =
      raw === null
        ? []
        : (JSON.parse(raw) as {
            id: string;
            name: string;
            parentId: string | null;
            priorityWeight: number;
          }[]);
    return goals.map((g) => ({ ...g, priorityWeight: Number(g.priorityWeight) }));
  }

  /**
   * % of tickets opened in [start, end) on services that serve these goals (via capabilities).
   * Counted from the monthly service rollups (issue 6), so a 5M-ticket store is not scanned.
   */
  async effortOnGoals(goalIds: readonly string[], start: string, end: string): Promise<number | null> {
    // Service rollups are kept per month; a week has no effort figure of its own.
    if (!(start.endsWith("-01") && end.endsWith("-01"))) return null;
    const grain = "month_s";
    const row = await sql<{ total: number; top: number }>`
      WITH top_services AS (
        SELECT DISTINCT sc.service_id FROM service_capability sc
        JOIN capability_goal cg ON cg.capability_id = sc.capability_id
        WHERE cg.goal_id = ANY(${[...goalIds]}::uuid[])
      ), per_service AS (
        SELECT service_id, sum(opened) AS n FROM ticket_rollup
        WHERE grain = ${grain} AND period_start >= ${start}::date AND period_start < ${end}::date AND service_id IS NOT NULL
        GROUP BY service_id
      )
      SELECT coalesce(sum(n), 0)::float8 AS total,
             coalesce(sum(n) FILTER (WHERE service_id IN (SELECT service_id FROM top_services)), 0)::float8 AS top
      FROM per_service`.execute(this.db);
    const r = row.rows[0];
    return r && Number(r.total) > 0 ? (Number(r.top) / Number(r.total)) * 100 : null;
  }

  /** % of initiative budget (split by each initiative's goal weights) going to these goals. */
  async moneyOnGoals(goalIds: readonly string[], start: string, end: string): Promise<number | null> {
    const row = await sql<{ total: number; top: number }>`
      SELECT coalesce(sum(i.budget_cents * ig.weight / 100.0), 0)::float8 AS total,
             coalesce(sum(i.budget_cents * ig.weight / 100.0) FILTER (WHERE ig.goal_id = ANY(${[...goalIds]}::uuid[])), 0)::float8 AS top
      FROM initiative i JOIN initiative_goal ig ON ig.initiative_id = i.id
      WHERE i.archived_at IS NULL
        AND (i.start_date IS NULL OR i.start_date < ${end}::date)
        AND (i.end_date IS NULL OR i.end_date >= ${start}::date)`.execute(this.db);
    const r = row.rows[0];
    return r && Number(r.total) > 0 ? (Number(r.top) / Number(r.total)) * 100 : null;
  }

  async benchmarkSets(): Promise<BenchmarkSet[]> {
    const sets = await this.db.selectFrom("benchmarkSet").selectAll().orderBy("name").execute();
    const values = await this.db.selectFrom("benchmarkValue").selectAll().orderBy("name").execute();
    return sets.map((s) => ({
      id: s.id,
      name: s.name,
      shipped: false,
      values: values
        .filter((v) => v.setId === s.id)
        .map((v) => ({
          name: v.name,
          source: v.source,
          value: Number(v.value),
          unit: v.unit,
          year: v.year,
          templateKey: v.templateKey,
        })),
    }));
  }

  async createBenchmarkSet(
    input: BenchmarkSetInput & { values: BenchmarkSet["values"] },
  ): Promise<BenchmarkSet> {
    requirePermission(this.actor, "business-graph:write");
    const clash = await this.db
      .selectFrom("benchmarkSet")
      .select("id")
      .where(sql<boolean>`lower(name) = lower(${input.name})`)
      .executeTakeFirst();
    if (clash) {
      throw new TandemError("duplicate", `a benchmark set named "${input.name}" already exists`, {
        issues: [{ path: "name", message: "already used" }],
      });
    }
    const names = new Set<string>();
    input.values.forEach((v, i) => {
      if (names.has(v.name.toLowerCase())) {
        throw new TandemError("validation", `benchmark "${v.name}" appears twice`, {
          issues: [{ path: `values.${i}.name`, message: "duplicate name in this set" }],
        });
      }
      names.add(v.name.toLowerCase());
    });
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto("benchmarkSet").values({ id, name: input.name }).execute();
      await tx
        .insertInto("benchmarkValue")
        .values(input.values.map((v) => ({ ...v, setId: id })))
        .execute();
      await recordAudit(tx as unknown as Db, this.actor, {
        action: "create",
        entityType: "benchmark_set",
        entityId: id,
        after: { name: input.name, values: input.values },
      });
    });
    return { id, name: input.name, shipped: false, values: input.values };
  }
}
