import { describe, expect, inject, it } from "vitest";
import { createIsolatedDatabase } from "@/lib/server/runtime/database";
import { disconnectDb } from "@/lib/server/db";
import { checkReadiness } from "./readiness";

describe("checkReadiness", () => {
  it("is ready when every committed migration is applied", async () => {
    const r = await checkReadiness();
    expect(r).toMatchObject({ ready: true, database: "reachable", migrations: { pending: [], failed: [] } });
    expect(r.migrations.applied).toBe(r.migrations.expected);
    expect(r.migrations.expected).toBeGreaterThan(0);
  });

  it("is not ready on a database without migrations, and says which are missing", async () => {
    const empty = await createIsolatedDatabase(inject("databaseServerUrl"), "switchyard_it_empty");
    const original = process.env.DATABASE_URL;
    try {
      await disconnectDb();
      process.env.DATABASE_URL = empty.url;
      const r = await checkReadiness();
      expect(r.ready).toBe(false);
      expect(r.database).toBe("reachable");
      expect(r.migrations.pending.length).toBe(r.migrations.expected);
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = original;
      await empty.drop();
    }
  });
});
