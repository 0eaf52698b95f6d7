/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when set, else the
 * embedded one (.data/test). Each run gets its own freshly migrated and seeded database,
 * dropped at the end, so runs never see each other's data.
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createIsolatedDatabase, migrateDeploy } from "../lib/database";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";

export const SEED_NOW = "2026-11-25T12:00:00.000Z";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServerUrl: string;
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

  const database = await createIsolatedDatabase(server.serverUrl, "switchyard_it");
  migrateDeploy(database.url);

  process.env.DATABASE_URL = database.url;
  const { seedDemo } = await import("@/lib/server/seed/seed-demo");
  const { disconnectDb } = await import("@/lib/server/db");
  const { seedDemoDecisions } = await import("@/lib/server/seed/demo-decisions");
  await seedDemo(new Date(SEED_NOW));
  await seedDemoDecisions(new Date(SEED_NOW), { days: 5 });
  await disconnectDb();

  project.provide("databaseUrl", database.url);
  project.provide("databaseServerUrl", server.serverUrl);
  project.provide("seedNow", SEED_NOW);

  return async () => {
    await database.drop();
    await server.stop();
  };
}
