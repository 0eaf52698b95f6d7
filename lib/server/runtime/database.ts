/**
 * Database plumbing shared by the start script, the test setups and the e2e server: pick the
 * server (DATABASE_URL / TEST_DATABASE_URL or the embedded one), create databases, apply the
 * committed migrations with the normal Prisma CLI.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { StartupError } from "./startup-error";

/** The offline stand-in for Prisma's schema-engine binary (see DEVELOPERS.md), when present. */
export function prismaEnv(): Record<string, string> {
  const shim = path.resolve(process.cwd(), "..", "shared", "prisma-offline", "schema-engine-shim.mjs");
  if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(shim)) {
    return { PRISMA_SCHEMA_ENGINE_BINARY: shim };
  }
  return {};
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** Safe for identifiers we generate ourselves; anything else is refused. */
function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Refusing database name "${name}"`);
  return `"${name}"`;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    throw new StartupError(
      `Cannot connect to PostgreSQL at ${where.hostname}:${where.port || 5432} (database ${databaseName(url)}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<string> {
  await withClient(withDatabase(serverUrl, "postgres"), async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return withDatabase(serverUrl, name);
}

/**
 * A fresh database for one test run (or one test file), named so that leftovers are easy to spot
 * and drop; with `template`, a copy of that database (PostgreSQL copies its files: a seeded
 * template clones in well under a second).
 */
export async function createIsolatedDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
  const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`;
  await withClient(serverUrl, async (client) => {
    // Two files cloning the template at the same instant can see each other's copy as "in use": try again.
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.query(sql);
      } catch (error) {
        if (!template || attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () =>
      withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops every database whose name starts with `prefix` (a test run's per-file copies). */
export async function dropDatabasesNamed(serverUrl: string, prefix: string): Promise<number> {
  return withClient(withDatabase(serverUrl, "postgres"), async (client) => {
    const rows = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const r of rows.rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(r.datname)} WITH (FORCE)`);
    return rows.rowCount ?? 0;
  });
}

export async function canConnect(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/**
 * `prisma migrate deploy`: applies committed migrations in order, each recorded in
 * _prisma_migrations. On failure we name the migration and the reason and stop.
 */
export function migrateDeploy(databaseUrl: string): void {
  const prismaBin = path.resolve(process.cwd(), "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [prismaBin, "migrate", "deploy"], {
    env: { ...process.env, ...prismaEnv(), DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 300_000,
  });
  const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
  if (result.status !== 0) throw new StartupError(describeMigrationFailure(output, databaseName(databaseUrl)));
}

/** One line out of Prisma's multi-line failure output: which migration, and why. */
export function describeMigrationFailure(output: string, database: string): string {
  const migration = /migration_name="([^"]+)"/.exec(output)?.[1] ?? /Migration name: (\S+)/.exec(output)?.[1];
  const sqlError = /ERROR: ([^\n]+)/.exec(output)?.[1]?.trim();
  const code = /Error: (P\d{4})/.exec(output)?.[1];
  let reason: string;
  if (sqlError) reason = sqlError;
  else if (code === "P3005")
    reason = "the database already holds tables that Switchyard did not create (Prisma P3005); use an empty database";
  else if (code === "P3009")
    reason =
      "an earlier migration failed and is recorded as failed (Prisma P3009); fix the cause, then mark it rolled back: node scripts/prisma.mjs migrate resolve --rolled-back <name>";
  else reason = output.trim().split("\n").filter(Boolean).slice(-2).join(" ");
  return `Database migration failed${migration ? ` in ${migration}` : ""} (database ${database}): ${reason}. That migration was rolled back and none after it ran.`;
}
