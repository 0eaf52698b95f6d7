import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/server/db";

process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await disconnectDb();
});
