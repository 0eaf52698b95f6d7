/**
 * A plain `pg` pool for the routing hot path: a routing transaction's commit is one statement
 * with one JSON argument, and through the Prisma client each statement costs far more CPU than
 * the statement itself. Everything else goes through Prisma (lib/server/db.ts). Only
 * lib/server/** may import this (ESLint). Every query here binds its values (`sql`).
 */
import pg from "pg";
import { databaseTimeouts, poolSizes } from "@/lib/server/db-pools";
import { log } from "@/lib/server/log";

const UTC_TIMESTAMP = 1114; // timestamp without time zone: Prisma stores UTC there.
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === UTC_TIMESTAMP ? (s: string) => new Date(`${s.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text"),
};

const globalForPg = globalThis as unknown as { switchyardPg?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.switchyardPg) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Switchyard with `npm start` or set DATABASE_URL.");
    const timeouts = databaseTimeouts();
    const pool = new pg.Pool({
      connectionString,
      max: poolSizes().routing,
      types,
      connectionTimeoutMillis: timeouts.connectMs,
      query_timeout: timeouts.routingQueryMs,
    });
    // An idle connection the server ended (a restart, a failover, an administrator): the pool drops
    // it and opens another when next needed. Unhandled, this event would end the process.
    pool.on("error", (error) => log().warn({ err: error }, "a pooled database connection was closed by the server"));
    globalForPg.switchyardPg = pool;
  }
  return globalForPg.switchyardPg;
}

export type PgClient = pg.PoolClient;

/**
 * SQL with bound parameters: values interpolated into the template become `$1, $2, …` and travel
 * separately (the extended protocol), so no value is ever part of the SQL text; `join` lists
 * values or fragments (sql-template-tag).
 */
export { default as sql, join, type Sql } from "sql-template-tag";

/**
 * `fn` inside one transaction on a pooled connection: BEGIN, `fn`, COMMIT; any error rolls back
 * and is rethrown. Statements run one after another on that connection.
 */
export async function pgTransaction<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    // A connection that cannot even roll back (timed out, cut) is not given to the next caller.
    client.release(rolledBack ? undefined : error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

export async function endPgPool(): Promise<void> {
  const pool = globalForPg.switchyardPg;
  globalForPg.switchyardPg = undefined;
  await pool?.end();
}
