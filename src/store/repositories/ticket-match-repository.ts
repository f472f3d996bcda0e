import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type {
  MatchField,
  MatchKind,
  MatchTables,
  UnmatchedValue,
  ValueIndex,
} from "../../domain/ticket-matching.js";
import { consumedServices, inUnits, requirePermission, requireUnscoped, scopeUnits } from "../access.js";
import { type Actor, actorLabel } from "../actor.js";
import type { Db } from "../database.js";

const index = (rows: { key: string; value: string; target: string }[]): ValueIndex => {
  const out: ValueIndex = new Map();
  for (const r of rows) {
    const byValue = out.get(r.key) ?? new Map<string, string>();
    out.set(r.key, byValue);
    byValue.set(r.value.trim().toLowerCase(), r.target);
  }
  return out;
};

/** SQL condition: the ticket carries `value` in `field` (case-insensitive; any of its components). */
const carries = (field: MatchField, value: string) => {
  const v = value.trim().toLowerCase();
  switch (field) {
    case "component":
      return sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(components) c WHERE lower(trim(c)) = ${v})`;
    case "department":
      return sql<boolean>`lower(trim(requester_department)) = ${v}`;
    default:
      return sql<boolean>`lower(trim(${sql.ref(field)})) = ${v}`;
  }
};

export interface MappedValue {
  /** The rule this value replaced, when it was mapped before to another target. */
  previousTargetId: string | null;
  /** Tickets whose service or unit changed. */
  ticketsChanged: number;
}

/** Ticket matching in the store: what the matcher needs, the hand-made rules, and what is unmatched. */
export class TicketMatchRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async loadTables(): Promise<MatchTables> {
    const [aliases, rules, people, units] = await Promise.all([
      this.db.selectFrom("serviceAlias").select(["kind", "value", "serviceId"]).execute(),
      this.db.selectFrom("ticketMatchRule").select(["kind", "sourceField", "value", "targetId"]).execute(),
      this.db
        .selectFrom("person")
        .select(["email", "businessUnitId"])
        .where("businessUnitId", "is not", null)
        .execute(),
      this.db.selectFrom("businessUnit").select(["id", "name", "code"]).execute(),
    ]);
    const unitNames = new Map<string, string>();
    // Names win over codes when one unit's code is another's name.
    for (const u of units) if (u.code) unitNames.set(u.code.trim().toLowerCase(), u.id);
    for (const u of units) unitNames.set(u.name.trim().toLowerCase(), u.id);
    const ruleRows = (kind: MatchKind) =>
      rules
        .filter((r) => r.kind === kind)
        .map((r) => ({ key: r.sourceField, value: r.value, target: r.targetId }));
    return {
      serviceAliases: index(aliases.map((a) => ({ key: a.kind, value: a.value, target: a.serviceId }))),
      serviceRules: index(ruleRows("service")),
      personUnits: new Map(people.map((p) => [p.email.trim().toLowerCase(), p.businessUnitId as string])),
      unitNames,
      unitRules: index(ruleRows("business_unit")),
    };
  }

  /**
   * Adds (or re-targets) a rule and re-matches the tickets it concerns in one UPDATE, without a
   * re-import: those with nothing matched yet, and those the replaced rule had sent elsewhere.
   * A ticket matched by an alias or e-mail keeps that match: rules come after them.
   */
  async mapValue(kind: MatchKind, field: MatchField, value: string, targetId: string): Promise<MappedValue> {
    requirePermission(this.actor, "graph:write");
    return this.db.transaction().execute(async (tx) => {
      const previous = await tx
        .selectFrom("ticketMatchRule")
        .select(["id", "targetId"])
        .where("kind", "=", kind)
        .where("sourceField", "=", field)
        .where(sql<boolean>`lower(value) = ${value.toLowerCase()}`)
        .forUpdate()
        .executeTakeFirst();
      if (previous) {
        await tx
          .updateTable("ticketMatchRule")
          .set({ targetId, value })
          .where("id", "=", previous.id)
          .execute();
      } else {
        await tx
          .insertInto("ticketMatchRule")
          .values({
            id: randomUUID(),
            kind,
            sourceField: field,
            value,
            targetId,
            createdBy: actorLabel(this.actor),
          })
          .execute();
      }
      const column = sql.ref(kind === "service" ? "service_id" : "business_unit_id");
      const before = previous && previous.targetId !== targetId ? previous.targetId : null;
      // ticket_key keeps the match the import compares with (else the next re-import would see
      // every re-matched ticket as changed and rewrite it back).
      const result = await sql<{ changed: number }>`
        WITH changed AS (
          UPDATE ticket SET ${column} = ${targetId}::uuid, updated_at = now()
          WHERE (${column} IS NULL ${before ? sql`OR ${column} = ${before}::uuid` : sql``})
            AND ${carries(field, value)}
          RETURNING id
        ), keys AS (
          UPDATE ticket_key k SET ${column} = ${targetId}::uuid FROM changed c WHERE k.ticket_id = c.id
        )
        SELECT count(*)::int AS changed FROM changed`.execute(tx);
      return {
        previousTargetId: previous?.targetId ?? null,
        ticketsChanged: result.rows[0]?.changed ?? 0,
      };
    });
  }

  private visibleTickets() {
    const units = scopeUnits(this.actor);
    return units === null
      ? sql<boolean>`true`
      : sql<boolean>`(${inUnits("business_unit_id", units)} OR service_id IN ${consumedServices(units)})`;
  }

  /**
   * Values of stored tickets that match no service, most tickets first. The field chosen for a
   * ticket is the first it carries in the order of `unmatchedServiceKey` (domain/ticket-matching).
   */
  async unmatchedServices(limit = 100): Promise<UnmatchedValue[]> {
    // Matching is IT's housekeeping across all units: not for business stakeholders.
    requireUnscoped(this.actor, "the list of unmatched ticket values");
    const { rows } = await sql<UnmatchedValue>`
      SELECT field, min(value) AS value, count(*)::int AS tickets FROM (
        SELECT
          CASE WHEN configuration_item IS NOT NULL AND configuration_item <> '' THEN 'configuration_item'
               WHEN business_service IS NOT NULL AND business_service <> '' THEN 'business_service'
               WHEN COALESCE(components->>0, '') <> '' THEN 'component'
               WHEN request_type IS NOT NULL AND request_type <> '' THEN 'request_type'
               WHEN category IS NOT NULL AND category <> '' THEN 'category' END AS field,
          COALESCE(NULLIF(configuration_item, ''), NULLIF(business_service, ''), NULLIF(components->>0, ''),
                   NULLIF(request_type, ''), NULLIF(category, '')) AS value
        FROM ticket WHERE service_id IS NULL AND ${this.visibleTickets()}
      ) u
      GROUP BY field, lower(value)
      ORDER BY tickets DESC, value
      LIMIT ${limit}`.execute(this.db);
    return rows;
  }

  /** Departments of stored tickets that match no business unit, most tickets first. */
  async unmatchedUnits(limit = 100): Promise<UnmatchedValue[]> {
    requireUnscoped(this.actor, "the list of unmatched ticket values");
    const { rows } = await sql<UnmatchedValue>`
      SELECT CASE WHEN min(NULLIF(requester_department, '')) IS NULL THEN NULL ELSE 'department' END AS field,
             min(NULLIF(requester_department, '')) AS value, count(*)::int AS tickets
      FROM ticket
      WHERE business_unit_id IS NULL AND ${this.visibleTickets()}
      GROUP BY lower(NULLIF(requester_department, ''))
      ORDER BY tickets DESC, value
      LIMIT ${limit}`.execute(this.db);
    return rows;
  }
}
