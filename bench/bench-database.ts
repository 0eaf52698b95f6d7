/**
 * A database of its own for a benchmark: on TEST_DATABASE_URL's server or an embedded
 * PostgreSQL in .data/bench, migrated, with DATABASE_URL pointing at it; dropped afterwards.
 */
import path from "node:path";
import { createIsolatedDatabase, migrateDeploy } from "@/lib/server/runtime/database";
import { startEmbeddedPostgres } from "@/lib/server/runtime/embedded-postgres";

export async function withBenchDatabase(name: string, run: () => Promise<void>): Promise<void> {
  const external = process.env.TEST_DATABASE_URL;
  const server = external
    ? { serverUrl: external, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data", "bench", "pg"), port: 54332 });
  const database = await createIsolatedDatabase(server.serverUrl, name);
  try {
    migrateDeploy(database.url);
    process.env.DATABASE_URL = database.url;
    await run();
  } finally {
    const { disconnectDb } = await import("@/lib/server/db");
    await disconnectDb();
    await database.drop();
    await server.stop();
  }
}
