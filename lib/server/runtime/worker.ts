/**
 * `npm run worker`: background jobs (impact previews, scheduled publishes) from pg-boss, and
 * webhook deliveries from the outbox. `npm start` runs one next
 * to the console; run more on other machines against the same DATABASE_URL to scale out.
 */
import { disconnectDb } from "@/lib/server/db";
import { executeImpactRun } from "@/lib/server/impact/impact-runs";
import { getBoss, QUEUES, stopBoss } from "@/lib/server/jobs/boss";
import { runScheduledPublish } from "@/lib/server/policies/workflow";
import { checkLiveVersions } from "@/lib/server/monitor/publish-monitor";
import { deliverDueWebhooks } from "@/lib/server/webhooks/webhooks";

const log = (line: string) => console.log(`[switchyard worker] ${line}`);

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("[switchyard worker] DATABASE_URL is not set.");
    process.exit(1);
  }
  const boss = await getBoss();
  await boss.work<{ runId: string }>(QUEUES.impactPreview, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    const started = Date.now();
    await executeImpactRun(job.data.runId);
    log(`impact preview ${job.data.runId} done in ${Date.now() - started} ms`);
  });
  await boss.work<{ versionId: string; at: string }>(
    QUEUES.scheduledPublish,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (!job) return;
      const outcome = await runScheduledPublish(job.data.versionId, job.data.at);
      log(`scheduled publish of ${job.data.versionId}: ${outcome}`);
    },
  );
  // Webhook outbox: due deliveries every 2 s (SKIP LOCKED lets several workers share it).
  let stopping = false;
  const deliver = async () => {
    while (!stopping) {
      try {
        let n = 0;
        do n = await deliverDueWebhooks();
        while (n > 0 && !stopping);
      } catch (error) {
        if (!stopping) log(`webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  };
  void deliver();
  // Post-publish monitor: the live versions, every minute (new alerts are stored once and sent by webhook).
  const monitorEvery = Number(process.env.SWITCHYARD_MONITOR_INTERVAL_MS ?? 60_000) || 60_000;
  const monitor = async () => {
    while (!stopping) {
      try {
        for (const a of await checkLiveVersions()) log(`post-publish alert on ${a.versionId}: ${a.message}`);
      } catch (error) {
        if (!stopping) log(`post-publish monitor failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((r) => setTimeout(r, monitorEvery));
    }
  };
  void monitor();
  log("waiting for jobs");
  const stop = async () => {
    stopping = true;
    await stopBoss();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error("[switchyard worker] failed to start:", error);
  process.exit(1);
});
