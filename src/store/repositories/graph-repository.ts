import { type RawBuilder, sql } from "kysely";
import { TandemError } from "../../domain/errors.js";
import { findAlignmentGaps } from "../../domain/graph/alignment-gaps.js";
import { buildAlignmentMap } from "../../domain/graph/alignment-map.js";
import { emptyGraphRows, type GapRows, type GraphRows } from "../../domain/graph/graph-rows.js";
import { outageImpactOf } from "../../domain/graph/outage-impact.js";
import {
  restrictAlignmentMap,
  restrictOutageImpact,
  restrictTraceDown,
  restrictTraceUp,
  type VisibleGraph,
} from "../../domain/graph/restrict-to-visible.js";
import { traceGoalDown } from "../../domain/graph/trace-down.js";
import { traceServiceUp } from "../../domain/graph/trace-up.js";
import type {
  AlignmentGaps,
  AlignmentMap,
  OutageImpact,
  TraceDown,
  TraceUp,
} from "../../domain/schemas/graph.js";
import { requirePermission, scopeUnits, visibleGraphOf } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";

/**
 * Live goals reached from the capabilities in `c_ids`, with all their live ancestors.
 * UNION (not UNION ALL) makes the recursion stop on a repeat, so even a corrupt cascade ends.
 */
const goalsAboveCapabilities = sql`
  g_ids(id) AS (
    SELECT cg.goal_id FROM capability_goal cg
    JOIN business_goal g ON g.id = cg.goal_id AND g.archived_at IS NULL
    WHERE cg.capability_id IN (SELECT id FROM c_ids)
    UNION
    SELECT p.id FROM g_ids
    JOIN business_goal g ON g.id = g_ids.id
    JOIN business_goal p ON p.id = g.parent_id AND p.archived_at IS NULL
  )`;

/** Live capabilities supported by the services in `s_ids`. */
const capabilitiesOfServices = sql`
  c_ids(id) AS (
    SELECT sc.capability_id FROM service_capability sc
    JOIN capability c ON c.id = sc.capability_id AND c.archived_at IS NULL
    WHERE sc.service_id IN (SELECT id FROM s_ids)
  )`;

/** Every node, units included: for the map and the gap report. */
const wholeGraph = sql`
  s_ids(id) AS (SELECT id FROM it_service),
  c_ids(id) AS (SELECT id FROM capability),
  g_ids(id) AS (SELECT id FROM business_goal),
  u_ids(id) AS (SELECT id FROM business_unit)`;

/** The units a part of the graph involves: those consuming its services or owning its goals and capabilities. */
const unitsInvolved = sql`
  u_ids(id) AS (
    SELECT business_unit_id FROM unit_service WHERE service_id IN (SELECT id FROM s_ids)
    UNION SELECT owner_business_unit_id FROM business_goal WHERE id IN (SELECT id FROM g_ids)
    UNION SELECT owner_business_unit_id FROM capability WHERE id IN (SELECT id FROM c_ids)
  )`;

/** Tracing down never mentions units: leaving them out saves the largest link table in big answers. */
const noUnits = sql`u_ids(id) AS (SELECT NULL::uuid WHERE false)`;

type Part = keyof GraphRows;

/**
 * The graph questions. One SQL statement per question walks the cascade and the dependency
 * closure (recursive CTEs) to find the part of the graph the question needs and returns just
 * those rows; the answer is computed from them by the pure functions in domain/graph.
 * Business stakeholders get the answer restricted to what they may see, and an id outside
 * their reach is "not found", as if it did not exist.
 */
export class GraphRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async traceUp(serviceId: string): Promise<TraceUp> {
    const visible = await this.visibleGraph();
    if (visible && !visible.services.has(serviceId)) throw serviceNotFound(serviceId);
    const rows = await this.load(sql`
      s_ids(id) AS (SELECT id FROM it_service WHERE id = ${serviceId}::uuid AND archived_at IS NULL),
      ${capabilitiesOfServices},
      ${goalsAboveCapabilities},
      ${unitsInvolved}`);
    if (!rows.services.some((s) => s.id === serviceId)) throw serviceNotFound(serviceId);
    const trace = traceServiceUp(rows, serviceId);
    return visible ? restrictTraceUp(trace, visible) : trace;
  }

  async traceDown(goalId: string): Promise<TraceDown> {
    const visible = await this.visibleGraph();
    if (visible && !visible.goals.has(goalId)) throw goalNotFound(goalId);
    const rows = await this.load(sql`
      g_ids(id) AS (
        SELECT id FROM business_goal WHERE id = ${goalId}::uuid AND archived_at IS NULL
        UNION
        SELECT g.id FROM business_goal g JOIN g_ids ON g.parent_id = g_ids.id WHERE g.archived_at IS NULL
      ),
      c_ids(id) AS (
        SELECT cg.capability_id FROM capability_goal cg
        JOIN capability c ON c.id = cg.capability_id AND c.archived_at IS NULL
        WHERE cg.goal_id IN (SELECT id FROM g_ids)
      ),
      s_ids(id) AS (
        SELECT sc.service_id FROM service_capability sc
        JOIN it_service s ON s.id = sc.service_id AND s.archived_at IS NULL
        WHERE sc.capability_id IN (SELECT id FROM c_ids)
        UNION
        SELECT d.depends_on_service_id FROM service_dependency d
        JOIN s_ids ON d.service_id = s_ids.id
        JOIN it_service s ON s.id = d.depends_on_service_id AND s.archived_at IS NULL
      ),
      ${noUnits}`);
    if (!rows.goals.some((g) => g.id === goalId)) throw goalNotFound(goalId);
    const trace = traceGoalDown(rows, goalId);
    return visible ? restrictTraceDown(trace, visible) : trace;
  }

  async outageImpact(serviceId: string): Promise<OutageImpact> {
    const visible = await this.visibleGraph();
    if (visible && !visible.services.has(serviceId)) throw serviceNotFound(serviceId);
    const rows = await this.load(sql`
      s_ids(id) AS (
        SELECT id FROM it_service WHERE id = ${serviceId}::uuid AND archived_at IS NULL
        UNION
        SELECT d.service_id FROM service_dependency d
        JOIN s_ids ON d.depends_on_service_id = s_ids.id
        JOIN it_service s ON s.id = d.service_id AND s.archived_at IS NULL
      ),
      ${capabilitiesOfServices},
      ${goalsAboveCapabilities},
      ${unitsInvolved}`);
    if (!rows.services.some((s) => s.id === serviceId)) throw serviceNotFound(serviceId);
    const impact = outageImpactOf(rows, serviceId);
    return visible ? restrictOutageImpact(impact, visible) : impact;
  }

  /** The gap report looks across all units, so it is not for business stakeholders. */
  async gaps(): Promise<AlignmentGaps> {
    requirePermission(this.actor, "graph:read");
    if (scopeUnits(this.actor) !== null) {
      throw new TandemError(
        "forbidden",
        "the alignment gap report covers every business unit; ask IT or a relationship manager",
      );
    }
    const rows = await this.load(wholeGraph);
    const sla = await sql<{ serviceId: string }>`SELECT DISTINCT service_id FROM service_sla_target`.execute(
      this.db,
    );
    const initiatives = await this.db
      .selectFrom("initiative")
      .select(["id", "name"])
      .where("archivedAt", "is", null)
      .execute();
    const initiativeGoals = await this.db
      .selectFrom("initiativeGoal")
      .select(["initiativeId", "goalId", "weight"])
      .execute();
    const gapRows: GapRows = {
      ...rows,
      slaServiceIds: sla.rows.map((r) => r.serviceId),
      initiatives,
      initiativeGoals,
    };
    return findAlignmentGaps(gapRows);
  }

  async map(): Promise<AlignmentMap> {
    const visible = await this.visibleGraph();
    const map = buildAlignmentMap(await this.load(wholeGraph));
    return visible ? restrictAlignmentMap(map, visible) : map;
  }

  /** Checks the read permission, and for a scoped reader returns what they may see (null: everything). */
  private async visibleGraph(): Promise<VisibleGraph | null> {
    requirePermission(this.actor, "graph:read");
    const units = scopeUnits(this.actor);
    return units === null ? null : visibleGraphOf(this.db, units);
  }

  /**
   * The live rows of the nodes named by the CTEs `s_ids`, `c_ids`, `g_ids` and `u_ids` and the
   * links among them, in one round trip: each row as JSON tagged with the part it belongs to.
   */
  private async load(nodeIds: RawBuilder<unknown>): Promise<GraphRows> {
    // Two steps: first the ids the question reaches (recursive CTEs), then the rows by those ids.
    // Given the ids as arrays, the planner knows how many rows it reads and uses the indexes; in
    // one statement it would guess from the CTEs' pessimistic estimates and scan whole tables
    // (and on PostgreSQL start compiling the plan, which alone costs ~100 ms).
    const rows = await this.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL jit = off`.execute(tx);
      const ids = (
        await sql<{ s: string[]; c: string[]; g: string[]; u: string[] }>`
          WITH RECURSIVE ${nodeIds}
          SELECT
            COALESCE((SELECT array_agg(DISTINCT id::text) FROM s_ids WHERE id IS NOT NULL), '{}') AS s,
            COALESCE((SELECT array_agg(DISTINCT id::text) FROM c_ids WHERE id IS NOT NULL), '{}') AS c,
            COALESCE((SELECT array_agg(DISTINCT id::text) FROM g_ids WHERE id IS NOT NULL), '{}') AS g,
            COALESCE((SELECT array_agg(DISTINCT id::text) FROM u_ids WHERE id IS NOT NULL), '{}') AS u`.execute(
          tx,
        )
      ).rows[0] ?? { s: [], c: [], g: [], u: [] };
      const byIds = sql`
        s_ids(id) AS (SELECT unnest(${ids.s}::uuid[])),
        c_ids(id) AS (SELECT unnest(${ids.c}::uuid[])),
        g_ids(id) AS (SELECT unnest(${ids.g}::uuid[])),
        u_ids(id) AS (SELECT unnest(${ids.u}::uuid[]))`;
      return (await this.loadStatement(byIds).execute(tx)).rows;
    });
    const graph = emptyGraphRows();
    // Each part's rows have that part's shape, built by the json_build_object in loadStatement.
    for (const r of rows) (graph[r.part] as unknown[]).push(r.data);
    return graph;
  }

  private loadStatement(nodeIds: RawBuilder<unknown>) {
    return sql<{ part: Part; data: never }>`
      WITH RECURSIVE
        ${nodeIds}
      SELECT 'units' AS part, json_build_object('id', id, 'name', name, 'parentId', parent_id) AS data
        FROM business_unit WHERE archived_at IS NULL AND id IN (SELECT id FROM u_ids)
      UNION ALL
      SELECT 'goals', json_build_object('id', id, 'name', name, 'level', level, 'parentId', parent_id,
          'ownerBusinessUnitId', owner_business_unit_id, 'status', status)
        FROM business_goal WHERE archived_at IS NULL AND id IN (SELECT id FROM g_ids)
      UNION ALL
      SELECT 'capabilities', json_build_object('id', id, 'name', name, 'parentId', parent_id,
          'ownerBusinessUnitId', owner_business_unit_id,
          'downtimeCostPerHourCents', downtime_cost_per_hour_cents, 'users', users)
        FROM capability WHERE archived_at IS NULL AND id IN (SELECT id FROM c_ids)
      UNION ALL
      SELECT 'services', json_build_object('id', id, 'name', name, 'lifecycleStatus', lifecycle_status,
          'businessOwnerId', business_owner_id)
        FROM it_service WHERE archived_at IS NULL AND id IN (SELECT id FROM s_ids)
      UNION ALL
      SELECT 'serviceCapabilities', json_build_object('serviceId', service_id, 'capabilityId', capability_id,
          'strength', strength)
        FROM service_capability
        WHERE service_id IN (SELECT id FROM s_ids) AND capability_id IN (SELECT id FROM c_ids)
      UNION ALL
      SELECT 'capabilityGoals', json_build_object('capabilityId', capability_id, 'goalId', goal_id, 'weight', weight)
        FROM capability_goal
        WHERE capability_id IN (SELECT id FROM c_ids) AND goal_id IN (SELECT id FROM g_ids)
      UNION ALL
      SELECT 'unitServices', json_build_object('businessUnitId', business_unit_id, 'serviceId', service_id,
          'share', share)
        FROM unit_service
        WHERE service_id IN (SELECT id FROM s_ids) AND business_unit_id IN (SELECT id FROM u_ids)
      UNION ALL
      SELECT 'serviceDependencies', json_build_object('serviceId', service_id,
          'dependsOnServiceId', depends_on_service_id)
        FROM service_dependency
        WHERE service_id IN (SELECT id FROM s_ids) AND depends_on_service_id IN (SELECT id FROM s_ids)
    `;
  }
}

const serviceNotFound = (id: string) => new TandemError("not_found", `IT service ${id} does not exist`);
const goalNotFound = (id: string) => new TandemError("not_found", `business goal ${id} does not exist`);
