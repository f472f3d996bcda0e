import { sql } from "kysely";
import type { AllocationResult } from "../../domain/costs/allocate-costs.js";
import type { LedgerGroup } from "../../domain/costs/explain-cost.js";
import type { LedgerLine } from "../../domain/costs/ledger-line.js";
import type { CostFacts } from "../../domain/costs/resolve-rules.js";
import type { GoalFacts } from "../../domain/costs/spend-by-goal.js";
import { TandemError } from "../../domain/errors.js";
import {
  type AllocationSummary,
  type CostFlow,
  type CostModel,
  type CostModelRecord,
  costModelInput,
  type UnallocatedCost,
} from "../../domain/schemas/cost-model.js";
import { requirePermission, requireUnscoped, scopeUnits } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";

/** A ledger line as stored, in the workspace currency (the domain's line, checked). */
export type LedgerLineRow = LedgerLine;

const CHUNK = 5000;

/** The first instant of a month and of the month after it, for ticket counts. */
export const monthBounds = (period: string): [string, string] => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1)).toISOString();
  const end = new Date(Date.UTC(y, m, 1)).toISOString();
  return [start, end];
};

export const previousPeriod = (period: string): string => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

export const nextPeriod = (period: string): string => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

const flowRow = (r: {
  fromNode: string;
  toNode: string;
  cents: number;
  ruleId: string;
  basis: string;
  driverValue: number | null;
  driverTotal: number | null;
}): CostFlow => ({
  from: r.fromNode,
  to: r.toNode,
  cents: r.cents,
  ruleId: r.ruleId,
  basis: r.basis,
  driverValue: r.driverValue,
  driverTotal: r.driverTotal,
});

/**
 * Costs: the monthly model, the ledger, and each month's allocation. The model, the ledger and
 * the whole flow of money span every business unit, so business stakeholders are refused them;
 * what reached a unit (its bill, the explanation of its money) is read for units within the
 * caller's reach only, and another unit is "not found", as if it did not exist.
 */
export class CostRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async model(period: string): Promise<CostModelRecord | null> {
    requireUnscoped(this.actor, "the cost model");
    const row = (
      await sql<{ period: string; model: unknown; version: number; updatedAt: string }>`
        SELECT period, model, version, updated_at FROM cost_model WHERE period = ${period}`.execute(this.db)
    ).rows[0];
    return row ? { ...row, model: costModelInput.parse(row.model) } : null;
  }

  /** The newest period with a model, at or before `period`. */
  async latestModelPeriod(period: string): Promise<string | null> {
    requireUnscoped(this.actor, "the cost model");
    const row = (
      await sql<{ period: string }>`
        SELECT period FROM cost_model WHERE period <= ${period} ORDER BY period DESC LIMIT 1`.execute(this.db)
    ).rows[0];
    return row?.period ?? null;
  }

  async putModel(period: string, model: CostModel, ifVersion?: number): Promise<CostModelRecord> {
    requirePermission(this.actor, "graph:write");
    return this.db.transaction().execute(async (tx) => {
      const existing = (
        await sql<{ version: number; model: unknown }>`
          SELECT version, model FROM cost_model WHERE period = ${period} FOR UPDATE`.execute(tx)
      ).rows[0];
      if (ifVersion !== undefined && existing?.version !== ifVersion) {
        throw new TandemError("precondition_failed", `the cost model of ${period} changed since you read it`);
      }
      const row = (
        await sql<{ period: string; version: number; updatedAt: string }>`
          INSERT INTO cost_model (period, model) VALUES (${period}, ${JSON.stringify(model)}::jsonb)
          ON CONFLICT (period) DO UPDATE SET model = excluded.model, version = cost_model.version + 1, updated_at = now()
          RETURNING period, version, updated_at`.execute(tx)
      ).rows[0] as { period: string; version: number; updatedAt: string };
      await recordAudit(tx, this.actor, {
        action: existing ? "update" : "create",
        entityType: "cost-model",
        entityId: period,
        before: existing?.model ?? null,
        after: model,
      });
      return { ...row, model };
    });
  }

  /** Copies a month's model to another month that has none yet. */
  async copyModel(from: string, to: string): Promise<CostModelRecord> {
    requirePermission(this.actor, "graph:write");
    const source = await this.model(from);
    if (!source) throw new TandemError("not_found", `there is no cost model for ${from}`);
    const target = await this.model(to);
    if (target) throw new TandemError("conflict", `${to} has a cost model already; edit it instead`);
    return this.putModel(to, source.model);
  }

  /** Replaces the ledger lines of the given periods with these, in one transaction. */
  async replaceLedger(periods: string[], lines: readonly LedgerLineRow[], source: string): Promise<void> {
    requirePermission(this.actor, "graph:write");
    await this.db.transaction().execute(async (tx) => {
      await sql`DELETE FROM ledger_line WHERE period = ANY(${periods}::text[])`.execute(tx);
      for (let i = 0; i < lines.length; i += CHUNK) {
        const chunk = lines.slice(i, i + CHUNK);
        const col = <K extends keyof LedgerLineRow>(k: K) => chunk.map((l) => l[k]);
        await sql`
          INSERT INTO ledger_line (period, line_no, account, cost_centre, vendor, amount_cents, currency,
            booked_amount_cents, pool, source)
          SELECT p, n, a, c, v, amt, cur, booked, pool, ${source}
          FROM unnest(${col("period")}::text[], ${col("lineNo")}::int[], ${col("account")}::text[],
            ${col("costCentre")}::text[], ${col("vendor")}::text[], ${col("amountCents")}::bigint[],
            ${col("currency")}::text[], ${col("bookedAmountCents")}::bigint[], ${col("pool")}::text[])
            AS t(p, n, a, c, v, amt, cur, booked, pool)`.execute(tx);
      }
      await recordAudit(tx, this.actor, {
        action: "import",
        entityType: "ledger",
        entityId: periods.join(","),
        detail: `${lines.length} ledger lines from ${source}`,
      });
    });
  }

  async ledgerPoolTotals(period: string): Promise<{ pool: string; cents: number; lines: number }[]> {
    requireUnscoped(this.actor, "the ledger");
    return (
      await sql<{ pool: string; cents: number; lines: number }>`
        SELECT pool, sum(amount_cents)::bigint AS cents, count(*)::int AS lines
        FROM ledger_line WHERE period = ${period} GROUP BY pool ORDER BY pool`.execute(this.db)
    ).rows;
  }

  private async ledgerGroups(period: string): Promise<LedgerGroup[]> {
    return (
      await sql<LedgerGroup>`
        SELECT pool, account, cost_centre, vendor, sum(amount_cents)::bigint AS cents
        FROM ledger_line WHERE period = ${period}
        GROUP BY pool, account, cost_centre, vendor`.execute(this.db)
    ).rows;
  }

  /** The graph and the month's ticket counts, as the rules' drivers need them. */
  async costFacts(period: string): Promise<CostFacts> {
    requireUnscoped(this.actor, "the cost model");
    const [start, end] = monthBounds(period);
    const [services, units, consumption, tickets] = await Promise.all([
      sql<{ id: string; name: string; archived: boolean; users: number }>`
        SELECT s.id, s.name, s.archived_at IS NOT NULL AS archived,
          coalesce((SELECT sum(c.users) FROM service_capability sc JOIN capability c ON c.id = sc.capability_id
            WHERE sc.service_id = s.id AND c.archived_at IS NULL), 0)::int AS users
        FROM it_service s`.execute(this.db),
      sql<{ id: string; name: string; headcount: number; archived: boolean }>`
        SELECT id, name, headcount, archived_at IS NOT NULL AS archived FROM business_unit`.execute(this.db),
      sql<{ serviceId: string; businessUnitId: string; share: number }>`
        SELECT service_id, business_unit_id, share FROM unit_service`.execute(this.db),
      sql<{ serviceId: string | null; businessUnitId: string | null; n: number }>`
        SELECT service_id, business_unit_id, count(*)::int AS n FROM ticket
        WHERE opened_at >= ${start}::timestamptz AND opened_at < ${end}::timestamptz
          AND (service_id IS NOT NULL OR business_unit_id IS NOT NULL)
        GROUP BY service_id, business_unit_id`.execute(this.db),
    ]);
    const facts: CostFacts = {
      services: new Map(
        services.rows.map((s) => [s.id, { name: s.name, archived: s.archived, users: s.users }]),
      ),
      units: new Map(
        units.rows.map((u) => [u.id, { name: u.name, headcount: u.headcount, archived: u.archived }]),
      ),
      consumption: new Map(),
      ticketsByService: new Map(),
      ticketsByUnit: new Map(),
      ticketsByServiceUnit: new Map(),
    };
    for (const c of consumption.rows) {
      const list = facts.consumption.get(c.serviceId) ?? [];
      list.push({ unitId: c.businessUnitId, share: c.share });
      facts.consumption.set(c.serviceId, list);
    }
    const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    for (const t of tickets.rows) {
      if (t.serviceId) bump(facts.ticketsByService, t.serviceId, t.n);
      if (t.businessUnitId) bump(facts.ticketsByUnit, t.businessUnitId, t.n);
      if (t.serviceId && t.businessUnitId)
        bump(facts.ticketsByServiceUnit, `${t.serviceId}|${t.businessUnitId}`, t.n);
    }
    return facts;
  }

  async goalFacts(): Promise<GoalFacts> {
    requireUnscoped(this.actor, "spend by goal");
    const [goals, sc, cg] = await Promise.all([
      sql<GoalFacts["goals"][number]>`
        SELECT id, name, level, priority_weight, archived_at IS NOT NULL AS archived FROM business_goal`.execute(
        this.db,
      ),
      sql<GoalFacts["serviceCapabilities"][number]>`
        SELECT sc.service_id, sc.capability_id, sc.strength FROM service_capability sc
        JOIN capability c ON c.id = sc.capability_id AND c.archived_at IS NULL`.execute(this.db),
      sql<
        GoalFacts["capabilityGoals"][number]
      >`SELECT capability_id, goal_id, weight FROM capability_goal`.execute(this.db),
    ]);
    return { goals: goals.rows, serviceCapabilities: sc.rows, capabilityGoals: cg.rows };
  }

  /** Stores a month's allocation, replacing the one before. */
  async saveAllocation(
    period: string,
    ledgerLines: number,
    result: AllocationResult,
    warnings: string[],
  ): Promise<AllocationSummary> {
    requirePermission(this.actor, "graph:write");
    return this.db.transaction().execute(async (tx) => {
      await sql`DELETE FROM cost_allocation WHERE period = ${period}`.execute(tx);
      const row = (
        await sql<{ allocatedAt: string }>`
          INSERT INTO cost_allocation (period, ledger_lines, ledger_total_cents, allocated_to_units_cents,
            unallocated_cents, warnings)
          VALUES (${period}, ${ledgerLines}, ${result.totalCents}, ${result.allocatedToUnitsCents},
            ${result.unallocatedCents}, ${JSON.stringify(warnings)}::jsonb)
          RETURNING allocated_at`.execute(tx)
      ).rows[0] as { allocatedAt: string };
      for (let i = 0; i < result.flows.length; i += CHUNK) {
        const chunk = result.flows.slice(i, i + CHUNK);
        await sql`
          INSERT INTO cost_flow (period, from_node, to_node, cents, rule_id, basis, driver_value, driver_total, unit_id)
          SELECT ${period}, f, t, c, r, b, dv, dt,
            CASE WHEN t LIKE 'unit:%' THEN substr(t, 6)::uuid END
          FROM unnest(${chunk.map((f) => f.from)}::text[], ${chunk.map((f) => f.to)}::text[],
            ${chunk.map((f) => f.cents)}::bigint[], ${chunk.map((f) => f.ruleId)}::text[],
            ${chunk.map((f) => f.basis)}::text[], ${chunk.map((f) => f.driverValue)}::float8[],
            ${chunk.map((f) => f.driverTotal)}::float8[]) AS x(f, t, c, r, b, dv, dt)`.execute(tx);
      }
      const totals = [...result.nodeTotals.entries()];
      for (let i = 0; i < totals.length; i += CHUNK) {
        const chunk = totals.slice(i, i + CHUNK);
        await sql`
          INSERT INTO cost_node_total (period, node, cents)
          SELECT ${period}, n, c FROM unnest(${chunk.map((t) => t[0])}::text[], ${chunk.map((t) => t[1])}::bigint[]) AS x(n, c)`.execute(
          tx,
        );
      }
      if (result.unallocated.length > 0) {
        const u = result.unallocated;
        await sql`
          INSERT INTO cost_unallocated (period, node, cents, reason)
          SELECT ${period}, n, c, r FROM unnest(${u.map((x) => x.node)}::text[], ${u.map((x) => x.cents)}::bigint[],
            ${u.map((x) => x.reason)}::text[]) AS x(n, c, r)`.execute(tx);
      }
      await recordAudit(tx, this.actor, {
        action: "allocate",
        entityType: "cost-allocation",
        entityId: period,
        detail: `${result.totalCents} cents: ${result.allocatedToUnitsCents} to units, ${result.unallocatedCents} unallocated`,
      });
      return {
        period,
        ledgerLines,
        ledgerTotalCents: result.totalCents,
        allocatedToUnitsCents: result.allocatedToUnitsCents,
        unallocatedCents: result.unallocatedCents,
        unallocated: result.unallocated,
        warnings,
        allocatedAt: row.allocatedAt,
      };
    });
  }

  async allocation(period: string): Promise<AllocationSummary | null> {
    requireUnscoped(this.actor, "the allocation of all IT costs");
    const row = (
      await sql<Omit<AllocationSummary, "unallocated">>`
        SELECT period, ledger_lines, ledger_total_cents, allocated_to_units_cents, unallocated_cents, warnings, allocated_at
        FROM cost_allocation WHERE period = ${period}`.execute(this.db)
    ).rows[0];
    if (!row) return null;
    const unallocated = (
      await sql<UnallocatedCost>`
        SELECT node, cents, reason FROM cost_unallocated WHERE period = ${period} ORDER BY node`.execute(
        this.db,
      )
    ).rows;
    return { ...row, unallocated };
  }

  /** Every flow of a month: the cost flow diagram spans every unit. */
  async flows(period: string): Promise<CostFlow[]> {
    requireUnscoped(this.actor, "the flow of all IT costs");
    return this.allFlows(period);
  }

  private async allFlows(period: string): Promise<CostFlow[]> {
    const rows = await sql<Parameters<typeof flowRow>[0]>`
      SELECT from_node, to_node, cents, rule_id, basis, driver_value, driver_total
      FROM cost_flow WHERE period = ${period} ORDER BY from_node, to_node`.execute(this.db);
    return rows.rows.map(flowRow);
  }

  /** Node totals of the months of a year (for budget versus actual). */
  async nodeTotalsOfYear(year: number): Promise<{ period: string; node: string; cents: number }[]> {
    requireUnscoped(this.actor, "budget versus actual");
    return (
      await sql<{ period: string; node: string; cents: number }>`
        SELECT period, node, cents FROM cost_node_total WHERE period LIKE ${`${year}-%`}`.execute(this.db)
    ).rows;
  }

  /** Names of every node the graph knows (services and units, archived ones too). */
  async graphNames(): Promise<Map<string, string>> {
    const rows = await sql<{ node: string; name: string }>`
      SELECT 'service:' || id AS node, name FROM it_service
      UNION ALL SELECT 'unit:' || id, name FROM business_unit`.execute(this.db);
    return new Map(rows.rows.map((r) => [r.node, r.name]));
  }

  /** A unit within the caller's reach, or not found. */
  async unitInReach(unitId: string): Promise<{ id: string; name: string }> {
    requirePermission(this.actor, "graph:read");
    const units = scopeUnits(this.actor);
    const row = (
      await sql<{
        id: string;
        name: string;
      }>`SELECT id, name FROM business_unit WHERE id = ${unitId}::uuid`.execute(this.db)
    ).rows[0];
    if (!row || (units !== null && !units.includes(unitId))) {
      throw new TandemError("not_found", `business unit ${unitId} does not exist`);
    }
    return row;
  }

  /** What reached a unit in some months, and its tickets per service in those months. */
  async unitFlows(unitId: string, periods: string[]): Promise<(CostFlow & { period: string })[]> {
    await this.unitInReach(unitId);
    const rows = await sql<Parameters<typeof flowRow>[0] & { period: string }>`
      SELECT period, from_node, to_node, cents, rule_id, basis, driver_value, driver_total
      FROM cost_flow WHERE unit_id = ${unitId}::uuid AND period = ANY(${periods}::text[])`.execute(this.db);
    return rows.rows.map((r) => ({ ...flowRow(r), period: r.period }));
  }

  async unitTickets(unitId: string, period: string): Promise<Map<string, number>> {
    await this.unitInReach(unitId);
    const [start, end] = monthBounds(period);
    const rows = await sql<{ serviceId: string | null; n: number }>`
      SELECT service_id, count(*)::int AS n FROM ticket
      WHERE business_unit_id = ${unitId}::uuid AND opened_at >= ${start}::timestamptz AND opened_at < ${end}::timestamptz
      GROUP BY service_id`.execute(this.db);
    return new Map(rows.rows.map((r) => [r.serviceId ? `service:${r.serviceId}` : "", r.n]));
  }

  async allocatedPeriods(): Promise<string[]> {
    requirePermission(this.actor, "graph:read");
    return (
      await sql<{ period: string }>`SELECT period FROM cost_allocation ORDER BY period`.execute(this.db)
    ).rows.map((r) => r.period);
  }

  async currency(period: string): Promise<string> {
    const row = (
      await sql<{ currency: string | null }>`
        SELECT model->>'currency' AS currency FROM cost_model WHERE period <= ${period} ORDER BY period DESC LIMIT 1`.execute(
        this.db,
      )
    ).rows[0];
    return row?.currency ?? "EUR";
  }

  /**
   * The flows and ledger groups behind a unit's money in a month: the whole month's flows (the
   * explanation apportions them to the unit, so only the unit's share of any upstream amount is
   * ever shown) after checking that the unit is within reach.
   */
  async explanationInputs(
    unitId: string,
    period: string,
  ): Promise<{ unit: { id: string; name: string }; flows: CostFlow[]; ledger: LedgerGroup[] }> {
    const unit = await this.unitInReach(unitId);
    const [flows, ledger] = await Promise.all([this.allFlows(period), this.ledgerGroups(period)]);
    return { unit, flows, ledger };
  }
}
