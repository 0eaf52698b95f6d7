/**
 * Background jobs on pg-boss, over the same PostgreSQL as everything else, so long work
 * (impact previews, replays) runs in worker processes and the app scales past one box.
 */
import PgBoss from "pg-boss";
import { poolSizes } from "@/lib/server/db-pools";

export const QUEUES = { impactPreview: "impact-preview", scheduledPublish: "scheduled-publish" } as const;

const globalForBoss = globalThis as unknown as { switchyardBoss?: Promise<PgBoss> };

async function create(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: poolSizes().jobs });
  boss.on("error", (e: Error & { code?: string }) => {
    // 57P01: PostgreSQL is shutting down (Ctrl+C stops it alongside the worker) — not a fault.
    if (e.code === "57P01") return;
    console.error(`[switchyard] job queue: ${e.message}`);
  });
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.switchyardBoss ??= create().catch((e: unknown) => {
    globalForBoss.switchyardBoss = undefined;
    throw e;
  });
  return globalForBoss.switchyardBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = await globalForBoss.switchyardBoss?.catch(() => undefined);
  globalForBoss.switchyardBoss = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 });
}
