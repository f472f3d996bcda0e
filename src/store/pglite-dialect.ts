import { type PGlite, parse, protocol, type Results } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { KEPT_PLAN_MARK } from "./kept-plan.js";

/**
 * Kysely over PGlite. PGlite is one connection, so the driver hands it out to one holder at a
 * time; a transaction keeps it until commit or rollback.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PgliteConnection;

  constructor(private readonly pglite: PGlite) {
    this.connection = new PgliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgliteConnection).release();
  }
  async destroy(): Promise<void> {
    await this.queue;
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/** A statement prepared under a name on the connection: its parameter types, as PGlite described them. */
interface PreparedStatement {
  name: string;
  parameterTypes: number[];
}

/** Statements beyond this many are run the ordinary way: the marked ones are a handful. */
const MAX_PREPARED = 64;

const joined = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

class PgliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  private readonly prepared = new Map<string, PreparedStatement>();
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple protocol, which also runs multi-statement scripts (migrations).
    // A lone Blob parameter is the input of `COPY … FROM '/dev/blob'` (the ticket import's staging).
    const blob =
      query.parameters.length === 1 && query.parameters[0] instanceof Blob ? query.parameters[0] : null;
    const result = blob
      ? await this.pglite.query<R>(query.sql, [], { blob })
      : query.parameters.length === 0
        ? ((await this.pglite.exec(query.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
        : query.sql.startsWith(KEPT_PLAN_MARK) &&
            (this.prepared.has(query.sql) || this.prepared.size < MAX_PREPARED)
          ? await this.runPrepared(query.sql, query.parameters)
          : await this.pglite.query<R>(query.sql, query.parameters as unknown[]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  /**
   * Runs a statement marked to keep its plan (KEPT_PLAN_MARK) through the extended protocol by
   * hand: prepared under a name the first time, then bound, described and executed in one
   * message, where PGlite's query() sends six (parse, describe, bind, describe, execute, sync)
   * and parses and plans the text every time. A prepared statement outlives transactions, and
   * PostgreSQL plans it again by itself when a table it reads changes.
   */
  private runPrepared(text: string, parameters: readonly unknown[]): Promise<Results> {
    const { serialize } = protocol;
    return this.pglite._runExclusiveQuery(async () => {
      let statement = this.prepared.get(text);
      if (!statement) {
        const name = `tandem_kept_${this.prepared.size + 1}`;
        const described = await this.pglite.execProtocol(
          joined([
            serialize.parse({ name, text }),
            serialize.describe({ type: "S", name }),
            serialize.sync(),
          ]),
        );
        statement = { name, parameterTypes: parse.parseDescribeStatementResults(described.messages) };
        this.prepared.set(text, statement);
      }
      const types = statement.parameterTypes;
      // The same text forms as PGlite's query(): its serializer for the parameter's type, else toString.
      const values = parameters.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = this.pglite.serializers[types[i] as number];
        return serializer ? serializer(value) : String(value);
      });
      const { messages } = await this.pglite.execProtocol(
        joined([
          serialize.bind({ statement: statement.name, values }),
          serialize.describe({ type: "P" }),
          serialize.execute({}),
          serialize.sync(),
        ]),
      );
      return (
        parse.parseResults(messages, this.pglite.parsers)[0] ?? { rows: [], fields: [], affectedRows: 0 }
      );
    });
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; Kysely only needs the method to exist.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on PGlite");
  }
}
