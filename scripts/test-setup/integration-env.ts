/**
 * Each integration test file on its own copy of the seeded template (integration-global.ts),
 * named with the run's id; the global teardown drops them all once every worker has exited (so
 * no connection of a file's is cut while it still runs).
 */
import { afterAll, inject } from "vitest";
import { createIsolatedDatabase } from "@/lib/server/runtime/database";
import { disconnectDb } from "@/lib/server/db";

const database = await createIsolatedDatabase(inject("databaseServerUrl"), inject("fileDatabasePrefix"), inject("databaseTemplate"));
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await disconnectDb();
});
