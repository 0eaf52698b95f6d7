/**
 * A second app process for integration tests: routes records with its own router, its own copy of
 * the distribution state and its own connections, as another app server would.
 *
 *   DATABASE_URL=… node --import tsx scripts/test-setup/route-in-child.ts '{"policyKey":"…","records":[…]}'
 *
 * Prints "ready" once connected, waits for "go" on stdin (so the test can start both processes
 * at once), prints "started", routes every record at once (group commit on), then prints one JSON line: decision
 * ids, when routing started and ended (ms since the epoch) and its transactions by mode/outcome.
 */
import { createInterface } from "node:readline";
import type { RoutedRecord } from "@/lib/engine/types";

interface ChildJob {
  policyKey: string;
  records: RoutedRecord[];
}

async function main() {
  const job = JSON.parse(process.argv[2] ?? "{}") as ChildJob;
  const { routeRecords } = await import("@/lib/server/routing/route-records");
  const { livePolicy } = await import("@/lib/server/routing/live-policy");
  const { routingTransactions } = await import("@/lib/server/metrics/registry");
  const { endPgPool, pgPool } = await import("@/lib/server/pg");
  const { disconnectDb } = await import("@/lib/server/db");
  // Connected and the policy compiled before the start signal: the race is the routing itself.
  await Promise.all([pgPool().query("SELECT 1"), livePolicy(job.policyKey)]);
  process.stdout.write("ready\n");
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === "go") break;
  lines.close();
  const started = Date.now();
  process.stdout.write("started\n");
  const results = await Promise.all(
    job.records.map((record) => routeRecords({ records: [record], source: "api", policyKey: job.policyKey })),
  );
  const ended = Date.now();
  process.stdout.write(
    `${JSON.stringify({ ids: results.flatMap((r) => r.decisionIds), started, ended, transactions: await routingTransactions() })}\n`,
  );
  await endPgPool();
  await disconnectDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
