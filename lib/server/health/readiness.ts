import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/server/db";

export interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  migrations: { applied: number; expected: number; pending: string[]; failed: string[] };
  message: string;
}

/** Migration folders committed with this build (prisma/migrations/<timestamp>_<name>). */
function committedMigrations(): string[] {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export async function checkReadiness(): Promise<Readiness> {
  const expected = committedMigrations();
  try {
    const rows = await db().$queryRaw<Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>>`
      SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`;
    const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
    const pending = expected.filter((m) => !applied.has(m));
    const ready = pending.length === 0 && failed.length === 0;
    return {
      ready,
      database: "reachable",
      migrations: { applied: applied.size, expected: expected.length, pending, failed },
      message: ready ? "Database reachable and all migrations applied." : `Migrations not applied: ${[...failed, ...pending].join(", ")}.`,
    };
  } catch (error) {
    const missingTable = error instanceof Error && /_prisma_migrations/.test(error.message);
    return {
      ready: false,
      database: missingTable ? "reachable" : "unreachable",
      migrations: { applied: 0, expected: expected.length, pending: expected, failed: [] },
      message: missingTable ? "No migrations applied yet." : "Database unreachable.",
    };
  }
}
