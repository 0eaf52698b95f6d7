/**
 * A plain `pg` pool for the routing hot path: a routing transaction is about ten statements,
 * and through the Prisma client each costs far more CPU than the statement itself. Everything
 * else goes through Prisma (lib/server/db.ts). Only lib/server/** may import this (ESLint).
 */
import pg from "pg";

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
    globalForPg.switchyardPg = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), types });
  }
  return globalForPg.switchyardPg;
}

export type PgClient = pg.PoolClient;

/** BEGIN … COMMIT on one pooled connection; ROLLBACK on any error (then rethrown). */
export async function pgTransaction<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function endPgPool(): Promise<void> {
  const pool = globalForPg.switchyardPg;
  globalForPg.switchyardPg = undefined;
  await pool?.end();
}

/** Places a parameter in a statement being built and returns its placeholder ($1, $2…). */
export type Param = (value: unknown) => string;
/** One write of a combined statement, its parameters placed by `param`. */
export type WriteFragment = (param: Param) => string;

/**
 * Several writes as one statement (data-modifying CTEs, all run; one snapshot): one round trip
 * instead of one each. Fragments that are null (nothing to write) are left out.
 */
export async function runWrites(client: PgClient, fragments: Array<WriteFragment | null>): Promise<void> {
  const parts = fragments.filter((f): f is WriteFragment => f !== null);
  if (!parts.length) return;
  const params: unknown[] = [];
  const param: Param = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const sqls = parts.map((f) => f(param));
  await client.query(sqls.length === 1 ? sqls[0]! : `WITH ${sqls.map((s, i) => `w${i} AS (${s})`).join(",\n")} SELECT 1`, params);
}
