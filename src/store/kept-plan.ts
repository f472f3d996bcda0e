import {
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type RawBuilder,
  sql,
} from "kysely";
import type pg from "pg";

/**
 * The mark of a statement that runs thousands of times a minute (answering a survey): the
 * embedded store prepares it once under a name and binds each run to that (src/store/pglite-dialect.ts),
 * so it is parsed and planned once rather than every time, and one run is one round into
 * PGlite instead of six. PostgreSQL's own plan cache decides, after five runs, whether the
 * generic plan is as good as a planned-each-time one. On a PostgreSQL server node-postgres does the
 * same (keptPlanPool). The statement's result columns must be named (no `*`): a prepared statement
 * whose result shape changes under it fails rather than re-planning.
 */
export const KEPT_PLAN_MARK = "/* tandem:kept-plan */";

/** A statement marked to keep its plan (see KEPT_PLAN_MARK); its text must not vary between runs. */
export const keptPlan = <T>(statement: RawBuilder<T>): RawBuilder<T> =>
  sql<T>`${sql.raw(KEPT_PLAN_MARK)} ${statement}`;

/**
 * A node-postgres pool whose connections run marked statements as named ones: node-postgres
 * prepares a named statement once per connection and binds every later run to it.
 */
export const keptPlanPool = (pool: pg.Pool): PostgresPool => {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `tandem_kept_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  // One wrapper per connection, so that Kysely, which keeps its connection objects by client, finds it again.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = (statement: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) =>
      typeof statement === "string" && statement.startsWith(KEPT_PLAN_MARK)
        ? client.query({ name: nameOf(statement), text: statement, values: [...(parameters ?? [])] })
        : client.query(statement as string, parameters as unknown[]);
    return {
      query: query as unknown as PostgresPoolClient["query"],
      release: (destroy) => client.release(destroy),
    };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
};
