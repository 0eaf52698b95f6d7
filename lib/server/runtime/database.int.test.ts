import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createIsolatedDatabase, describeMigrationFailure, migrateDeploy } from "./database";
import { StartupError } from "./startup-error";

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return r.rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("migrateDeploy (real Postgres)", () => {
  it("applies the committed migrations to an empty database, and is idempotent", async () => {
    const db = await createIsolatedDatabase(inject("databaseServerUrl"), "switchyard_it_mig");
    try {
      migrateDeploy(db.url);
      migrateDeploy(db.url);
      expect(await tables(db.url)).toEqual(expect.arrayContaining(["Account", "Member", "QueueCursor", "User", "_prisma_migrations"]));
    } finally {
      await db.drop();
    }
  });

  it("names the failing migration and leaves nothing half-applied", async () => {
    const db = await createIsolatedDatabase(inject("databaseServerUrl"), "switchyard_it_fail");
    try {
      // A half-set-up database: Prisma's bookkeeping table exists, and so does a clashing table.
      await exec(
        db.url,
        `CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
          migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),
          applied_steps_count integer NOT NULL DEFAULT 0);
         CREATE TABLE "Account" (id int);`,
      );
      let error: unknown;
      try {
        migrateDeploy(db.url);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(/Database migration failed in \d{14}_init .*relation "Account" already exists/);
      expect(await tables(db.url)).toEqual(["Account", "_prisma_migrations"]);
    } finally {
      await db.drop();
    }
  });
});

describe("describeMigrationFailure", () => {
  it("explains a non-empty database", () => {
    expect(describeMigrationFailure("Error: P3005\nThe database schema is not empty.", "x")).toContain("already holds tables");
  });
});
