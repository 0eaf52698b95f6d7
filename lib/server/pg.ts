/**
 * A plain `pg` pool for the routing hot path: a routing transaction is about ten statements,
 * and through the Prisma client each costs far more CPU than the statement itself. Everything
 * else goes through Prisma (lib/server/db.ts). Only lib/server/** may import this (ESLint).
 */
import pg from "pg";
import { AppError } from "@/lib/errors";

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

/** How a write transaction ends: its writes (statements; null: nothing to write), then what it returns once committed. */
export interface TransactionEnd<T> {
  writes: Array<WriteFragment | null>;
  result: () => T;
}

/**
 * A routing transaction in two round trips: BEGIN and the `opening` statements go as one
 * message; `fn` gets their results, decides, and returns its writes; the writes and COMMIT go
 * as the second message. Locks taken in the opening are held only while PostgreSQL
 * runs the second message, never while this process's event loop is busy elsewhere. Both
 * messages are sent without parameters (the simple protocol runs several statements per
 * message): values are inlined as escaped literals (`sqlLiteral`). Any error rolls back.
 */
export async function pgWriteTransaction<T>(
  opening: string[],
  fn: (client: PgClient, opened: pg.QueryResult[]) => Promise<TransactionEnd<T>>,
): Promise<T> {
  const end = await onClient(async (client) => {
    const opened = results(await client.query(statements(["BEGIN", ...opening]))).slice(1);
    const decided = await fn(client, opened);
    await client.query(statements([...decided.writes, "COMMIT"]));
    return decided;
  });
  return end.result();
}

/**
 * A whole transaction as one message (BEGIN, the statements, COMMIT; nulls left out): PostgreSQL
 * runs it without waiting on this process. A failing statement ends it (nothing after runs) and
 * it is rolled back.
 */
export async function pgMessageTransaction(parts: Array<string | null>): Promise<void> {
  await onClient((client) => client.query(statements(["BEGIN", ...parts, "COMMIT"])));
}

/** Statements as one simple-protocol message, run in order (nulls — nothing to write — left out). */
function statements(parts: Array<string | null>): string {
  return parts.filter((s): s is string => s !== null).join(";\n");
}

/** `fn` on a pooled connection; on any error the open transaction (if one is) is rolled back, then the error rethrown. */
async function onClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    return await fn(client);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A simple-protocol answer: one result per statement (pg returns a bare result for one). */
function results(answer: pg.QueryResult | pg.QueryResult[]): pg.QueryResult[] {
  return Array.isArray(answer) ? answer : [answer];
}

/**
 * A string as an SQL literal: quotes (and backslashes, in an E'' string) doubled, as libpq's
 * PQescapeLiteral does. A NUL character cannot be stored in PostgreSQL text and would end the
 * statement early, so it is refused.
 */
export function escapeLiteral(value: string): string {
  if (value.includes("\0")) throw new AppError("VALIDATION", "A value contains a NUL character (\\u0000), which cannot be stored.");
  const quoted = value.includes("'") ? value.replace(/'/g, "''") : value;
  return value.includes("\\") ? ` E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
}

/** Values as an SQL array of `type` (`ARRAY[…]::type[]`, `'{}'::type[]` when empty). */
export function sqlArray(values: unknown[], type: "text" | "int" | "boolean" | "jsonb"): string {
  return `${sqlLiteral(values)}::${type}[]`;
}

/** Strings as an SQL text[] value. */
export function textArray(values: Array<string | null>): string {
  return sqlArray(values, "text");
}

/**
 * A value as an SQL literal for statements sent without parameters: null, strings, finite numbers,
 * booleans, dates (ISO text), arrays (ARRAY[…], '{}' when empty; cast them), other objects as JSON text.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return escapeLiteral(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new AppError("VALIDATION", `A number to store is not finite (${value}).`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return value.length ? `ARRAY[${value.map(sqlLiteral).join(",")}]` : "'{}'";
  return escapeLiteral(JSON.stringify(value));
}

export async function endPgPool(): Promise<void> {
  const pool = globalForPg.switchyardPg;
  globalForPg.switchyardPg = undefined;
  await pool?.end();
}

/** One write of a routing transaction (an INSERT, an UPDATE or a function call), its values inlined with `sqlLiteral`. */
export type WriteFragment = string;
