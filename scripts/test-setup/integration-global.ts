/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when set, else the
 * embedded one (.data/test). Each run migrates and seeds one database once — the template — and
 * every test file gets its own copy of it (integration-env.ts), dropped after the file: files
 * never see each other's data, need no clean-up for each other, and run in any order or at once.
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createIsolatedDatabase, dropDatabasesNamed, migrateDeploy } from "@/lib/server/runtime/database";
import { startEmbeddedPostgres } from "@/lib/server/runtime/embedded-postgres";

export const SEED_NOW = "2026-11-25T12:00:00.000Z";

declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded template every file copies (never connected to while tests run). */
    databaseTemplate: string;
    databaseServerUrl: string;
    /** What every file's copy is named after (dropped together at the end of the run). */
    fileDatabasePrefix: string;
    seedNow: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  const server = external
    ? { serverUrl: external, stop: async () => undefined }
    : await startEmbeddedPostgres({
        dataDir: path.resolve(".data", "test", "pg"),
        port: Number(process.env.SWITCHYARD_TEST_PG_PORT ?? 54330),
      });

  const database = await createIsolatedDatabase(server.serverUrl, "switchyard_it_template");
  migrateDeploy(database.url);

  process.env.DATABASE_URL = database.url;
  const { seedDemo } = await import("@/lib/server/seed/seed-demo");
  const { disconnectDb } = await import("@/lib/server/db");
  const { seedDemoDecisions } = await import("@/lib/server/seed/demo-decisions");
  await seedDemo(new Date(SEED_NOW));
  await seedDemoDecisions(new Date(SEED_NOW), { days: 5 });
  await disconnectDb();

  project.provide("databaseTemplate", database.name);
  const filePrefix = `switchyard_it_f${Date.now().toString(36)}`;
  project.provide("fileDatabasePrefix", filePrefix);
  project.provide("databaseServerUrl", server.serverUrl);
  project.provide("seedNow", SEED_NOW);

  return async () => {
    await dropDatabasesNamed(server.serverUrl, filePrefix);
    await database.drop();
    await server.stop();
  };
}
