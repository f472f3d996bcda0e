import { randomUUID } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { z } from "zod";
import { TandemError } from "../domain/errors.js";
import type { Permission } from "../domain/permissions.js";
import type { ListQuery, Page } from "../domain/schemas/common.js";
import { requirePermission, scopeUnits } from "./access.js";
import type { Actor } from "./actor.js";
import type { Db } from "./database.js";
import { decodeCursor, encodeCursor, parseSort } from "./pagination.js";
import { recordAudit } from "./repositories/audit-repository.js";

type LooseRow = Record<string, unknown>;
/** The generic repository addresses tables by name; the typed surface is the spec's entity type. */
type LooseDb = Kysely<Record<string, LooseRow>>;
const loose = (db: Db) => db as unknown as LooseDb;

/** A field that points at another entity: checked on write, named in the error. */
export interface Reference {
  field: string;
  table: string;
  label: string;
}

/** Something that points at this entity: removal is refused while any exist. */
export interface Referrer {
  table: string;
  column: string;
  label: string;
  /** Columns that identify a referrer in the error (e.g. ["name"] or the two ends of a link). */
  identify: string[];
}

export interface EntitySpec<E extends { id: string }> {
  table: string;
  label: string;
  /** What a writer must be allowed: IT-side entities need graph:write, business-side ones business-graph:write. */
  writePermission: Permission;
  /**
   * For scoped readers (business stakeholders): the rows they may see, given the units they
   * reach, as a SQL condition on the entity's table (raw SQL, so snake_case columns).
   */
  visibleTo: (units: string[]) => RawBuilder<boolean>;
  /** Field that must be unique (case-insensitive) across the table, usually "name". */
  uniqueField: string;
  references: Reference[];
  /** Set on trees (business units, goals, capabilities): the parent field, checked for cycles. */
  treeParent?: string;
  referrers: Referrer[];
  sortable: readonly string[];
  /** Fields a list may filter on by equality (`?parentId=...`). */
  filters: readonly string[];
  toRow?: (values: LooseRow) => LooseRow;
  /** Rows to entities, with anything stored in child tables. */
  hydrate?: (db: Db, rows: LooseRow[]) => Promise<E[]>;
  /** The create schema: a patched item must still satisfy it as a whole (e.g. start before end). */
  input?: z.ZodType;
  /** Rules that need the database (e.g. a goal's level must fit its parent's). */
  validate?: (db: Db, merged: LooseRow) => Promise<void>;
  /** Writes child rows (SLA targets, aliases) after the entity row. */
  saveChildren?: (db: Db, id: string, values: LooseRow) => Promise<void>;
}

export interface ListOptions extends ListQuery {
  filters?: Record<string, string | undefined>;
}

export interface WriteOptions {
  /** The version the caller last read (If-Match); a mismatch is a lost update. */
  expectedVersion?: number;
}

export interface ReferrerItem {
  kind: string;
  [key: string]: unknown;
}

const entityColumns = new Set(["version", "createdAt", "updatedAt", "archivedAt"]);

export class EntityRepository<E extends { id: string }, I extends object, P extends object = Partial<I>> {
  constructor(
    private readonly db: Db,
    readonly spec: EntitySpec<E>,
    private readonly actor: Actor,
  ) {}

  /** Rows of this entity the actor may read; every read starts here. */
  private visible(db: Db = this.db) {
    const query = loose(db).selectFrom(this.spec.table).selectAll();
    const units = scopeUnits(this.actor);
    return units === null ? query : query.where(this.spec.visibleTo(units));
  }

  private audit(db: Db, action: string, id: string, before: unknown, after: unknown) {
    return recordAudit(db, this.actor, { action, entityType: this.spec.table, entityId: id, before, after });
  }

  private async rowOf(db: Db, id: string) {
    return loose(db).selectFrom(this.spec.table).selectAll().where("id", "=", id).executeTakeFirst();
  }

  private async hydrate(rows: LooseRow[]): Promise<E[]> {
    return this.spec.hydrate ? this.spec.hydrate(this.db, rows) : (rows as E[]);
  }

  async list(options: ListOptions): Promise<Page<E>> {
    const { spec } = this;
    const sort = parseSort(options.sort, spec.sortable, spec.uniqueField);
    let query = this.visible();
    if (!options.includeArchived) query = query.where("archivedAt", "is", null);
    if (options.q)
      query = query.where(spec.uniqueField, "ilike", `%${options.q.replace(/[%_\\]/g, "\\$&")}%`);
    for (const [field, value] of Object.entries(options.filters ?? {})) {
      if (value === undefined) continue;
      if (!spec.filters.includes(field)) {
        throw new TandemError("validation", `cannot filter by ${field}`, {
          issues: [{ path: field, message: `expected one of ${spec.filters.join(", ")}` }],
        });
      }
      query = value === "null" ? query.where(field, "is", null) : query.where(field, "=", value);
    }
    if (options.cursor) {
      const { value, id } = decodeCursor(options.cursor);
      const op = sort.direction === "asc" ? ">" : "<";
      const col = sql.ref(sort.column);
      query = query.where(sql<boolean>`(${col}, id) ${sql.raw(op)} (${value}, ${id})`);
    }
    const rows = await query
      .orderBy(sort.column, sort.direction)
      .orderBy("id", sort.direction)
      .limit(options.limit + 1)
      .execute();
    const more = rows.length > options.limit;
    const pageRows = more ? rows.slice(0, options.limit) : rows;
    const last = pageRows.at(-1);
    return {
      items: await this.hydrate(pageRows),
      nextCursor: more && last ? encodeCursor(last[sort.column], String(last.id)) : null,
    };
  }

  /** Undefined both when the item does not exist and when the actor may not see it: no leak. */
  async find(id: string): Promise<E | undefined> {
    const row = await this.visible().where("id", "=", id).executeTakeFirst();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async get(id: string): Promise<E> {
    const found = await this.find(id);
    if (!found) throw new TandemError("not_found", `${this.spec.label} ${id} does not exist`);
    return found;
  }

  /** What `get` checks (it exists and the actor may see it), without loading the item. */
  async requireVisible(id: string): Promise<void> {
    const row = await this.visible().clearSelect().select("id").where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `${this.spec.label} ${id} does not exist`);
  }

  async create(input: I, id: string = randomUUID()): Promise<E> {
    requirePermission(this.actor, this.spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      const values = input as LooseRow;
      await checkWrite(tx, this.spec, id, values);
      await loose(tx)
        .insertInto(this.spec.table)
        .values({ id, ...rowValues(this.spec, values) })
        .execute();
      await this.spec.saveChildren?.(tx, id, values);
      await this.audit(tx, "create", id, null, { ...(await this.rowOf(tx, id)), ...childValues(values) });
    });
    return this.get(id);
  }

  async update(id: string, patch: P, options: WriteOptions = {}): Promise<E> {
    requirePermission(this.actor, this.spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      const current = await loose(tx)
        .selectFrom(this.spec.table)
        .selectAll()
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw new TandemError("not_found", `${this.spec.label} ${id} does not exist`);
      checkVersion(this.spec, current, options);
      const values = patch as LooseRow;
      const merged = { ...current, ...values };
      checkWhole(this.spec, merged);
      await checkWrite(tx, this.spec, id, merged, values);
      const row = rowValues(this.spec, values);
      await loose(tx)
        .updateTable(this.spec.table)
        .set({ ...row, version: sql`version + 1`, updatedAt: sql`now()` })
        .where("id", "=", id)
        .execute();
      await this.spec.saveChildren?.(tx, id, values);
      await this.audit(tx, "update", id, current, { ...(await this.rowOf(tx, id)), ...childValues(values) });
    });
    return this.get(id);
  }

  /** Archived items leave lists but keep their links, so history stays explainable. */
  async archive(id: string, archived = true, options: WriteOptions = {}): Promise<E> {
    requirePermission(this.actor, this.spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      const current = await loose(tx)
        .selectFrom(this.spec.table)
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!current) throw new TandemError("not_found", `${this.spec.label} ${id} does not exist`);
      checkVersion(this.spec, current, options);
      await loose(tx)
        .updateTable(this.spec.table)
        .set({ archivedAt: archived ? sql`now()` : null, version: sql`version + 1`, updatedAt: sql`now()` })
        .where("id", "=", id)
        .execute();
      await this.audit(tx, archived ? "archive" : "restore", id, current, await this.rowOf(tx, id));
    });
    return this.get(id);
  }

  async referrersOf(id: string, db: Db = this.db): Promise<ReferrerItem[]> {
    // Referrers may lie outside a scoped reader's units; only those who see everything may list them.
    if (scopeUnits(this.actor) !== null)
      throw new TandemError("forbidden", "listing referrers needs access to the whole graph");
    const found: ReferrerItem[] = [];
    for (const r of this.spec.referrers) {
      const rows = await loose(db)
        .selectFrom(r.table)
        .select(r.identify)
        .where(r.column, "=", id)
        .limit(50)
        .execute();
      for (const row of rows) found.push({ kind: r.label, ...row });
    }
    return found;
  }

  /** Deletes an item nothing references; otherwise refuses with the referrers (archive it instead). */
  async remove(id: string, options: WriteOptions = {}): Promise<void> {
    requirePermission(this.actor, this.spec.writePermission);
    await this.db.transaction().execute(async (tx) => {
      const current = await loose(tx)
        .selectFrom(this.spec.table)
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!current) throw new TandemError("not_found", `${this.spec.label} ${id} does not exist`);
      checkVersion(this.spec, current, options);
      const referrers = await this.referrersOf(id, tx);
      if (referrers.length > 0) {
        throw new TandemError(
          "referenced",
          `${this.spec.label} "${String(current[this.spec.uniqueField])}" is referenced by ${referrers.length} item(s); remove those links first or archive it`,
          { items: referrers },
        );
      }
      await loose(tx).deleteFrom(this.spec.table).where("id", "=", id).execute();
      await this.audit(tx, "delete", id, current, null);
    });
  }
}

/** Child-table values (SLA targets, aliases) that a write carried, for the audit record. */
const childValues = (values: LooseRow): LooseRow =>
  Object.fromEntries(
    Object.entries(values).filter(([k, v]) => Array.isArray(v) && (k === "slaTargets" || k === "aliases")),
  );

const rowValues = (spec: EntitySpec<{ id: string }>, values: LooseRow): LooseRow => {
  const row = spec.toRow ? spec.toRow(values) : values;
  return Object.fromEntries(
    Object.entries(row).filter(([k, v]) => v !== undefined && k !== "id" && !entityColumns.has(k)),
  );
};

/** Cross-field rules hold for the item after the patch, not only for the fields the patch carries. */
const checkWhole = (spec: EntitySpec<{ id: string }>, merged: LooseRow) => {
  if (!spec.input) return;
  const result = spec.input.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map(String).join("."),
      message: i.message,
    }));
    throw new TandemError("validation", `the ${spec.label} would be invalid after this change`, { issues });
  }
};

const checkVersion = (spec: EntitySpec<{ id: string }>, current: LooseRow, options: WriteOptions) => {
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
    throw new TandemError(
      "precondition_failed",
      `${spec.label} was changed by someone else (version ${String(current.version)}, you had ${options.expectedVersion}); reload and try again`,
    );
  }
};

/** Uniqueness, references and tree cycles, checked before writing so each error names the items. */
const checkWrite = async (
  db: Db,
  spec: EntitySpec<{ id: string }>,
  id: string,
  merged: LooseRow,
  changed: LooseRow = merged,
) => {
  const unique = merged[spec.uniqueField];
  if (changed[spec.uniqueField] !== undefined && typeof unique === "string") {
    const clash = await loose(db)
      .selectFrom(spec.table)
      .select(["id", spec.uniqueField])
      .where(sql<boolean>`lower(${sql.ref(spec.uniqueField)}) = lower(${unique})`)
      .where("id", "<>", id)
      .executeTakeFirst();
    if (clash) {
      throw new TandemError(
        "duplicate",
        `a ${spec.label} with ${spec.uniqueField} "${unique}" already exists`,
        {
          issues: [{ path: spec.uniqueField, message: `"${unique}" is already used by ${String(clash.id)}` }],
          items: [clash],
        },
      );
    }
  }
  const unknown: { path: string; message: string }[] = [];
  for (const ref of spec.references) {
    const target = merged[ref.field];
    if (changed[ref.field] === undefined || target === null || target === undefined) continue;
    const exists = await loose(db)
      .selectFrom(ref.table)
      .select("id")
      .where("id", "=", target)
      .executeTakeFirst();
    if (!exists) unknown.push({ path: ref.field, message: `no ${ref.label} with id ${String(target)}` });
  }
  if (unknown.length > 0) {
    throw new TandemError("unknown_reference", `${spec.label} refers to items that do not exist`, {
      issues: unknown,
    });
  }
  if (spec.treeParent && changed[spec.treeParent] !== undefined && merged[spec.treeParent]) {
    await checkTreeCycle(db, spec, id, String(merged[spec.treeParent]));
  }
  await spec.validate?.(db, { ...merged, id });
};

const checkTreeCycle = async (db: Db, spec: EntitySpec<{ id: string }>, id: string, parentId: string) => {
  const parent = sql.ref(spec.treeParent ?? "parentId");
  const table = sql.table(spec.table);
  const ancestors = await sql<{ id: string; name: string }>`
    WITH RECURSIVE up(id, name, parent, depth) AS (
      SELECT id, ${sql.ref(spec.uniqueField)}, ${parent}, 0 FROM ${table} WHERE id = ${parentId}
      UNION ALL
      SELECT t.id, t.${sql.ref(spec.uniqueField)}, t.${parent}, up.depth + 1
      FROM ${table} t JOIN up ON t.id = up.parent WHERE up.depth < 1000
    )
    SELECT id, name FROM up ORDER BY depth`.execute(db);
  const chain = ancestors.rows;
  const at = chain.findIndex((a) => a.id === id);
  if (parentId === id || at >= 0) {
    const self = (
      await loose(db).selectFrom(spec.table).select(spec.uniqueField).where("id", "=", id).executeTakeFirst()
    )?.[spec.uniqueField];
    const names = [String(self ?? id), ...chain.slice(0, Math.max(at, 0) + 1).map((a) => a.name)];
    throw new TandemError(
      "cycle",
      `${spec.label} cannot be placed under its own descendant: ${names.join(" → ")}`,
      {
        issues: [
          { path: spec.treeParent ?? "parentId", message: `would create the cycle ${names.join(" → ")}` },
        ],
        items: names,
      },
    );
  }
};
