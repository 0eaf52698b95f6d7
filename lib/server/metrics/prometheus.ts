/**
 * GET /api/metrics in Prometheus text format (prom-client's registry): this process's routing
 * counters and latency histogram, the default Node.js/process metrics, and database-wide gauges
 * read at scrape time (open work per queue, webhook backlog and failures).
 */
import { Gauge } from "prom-client";
import { db } from "@/lib/server/db";
import { metrics, type Metrics } from "./registry";

/** The scrape-time gauges, registered once per registry. */
const withGauges = new WeakSet<Metrics>();

function registerDatabaseGauges(m: Metrics): void {
  if (withGauges.has(m)) return;
  withGauges.add(m);
  new Gauge({
    name: "switchyard_queue_depth",
    help: "Open work (exceptions and queued records not yet taken) per queue.",
    labelNames: ["queue", "kind"] as const,
    registers: [m.registry],
    async collect() {
      const rows = await db().$queryRaw<Array<{ queue: string; kind: string; n: number }>>`
        SELECT COALESCE("currentQueueKey", '') AS queue, kind, count(*)::int AS n FROM "Decision" WHERE "resolvedAt" IS NULL GROUP BY 1, 2`;
      this.reset();
      for (const r of rows) this.set({ queue: r.queue, kind: r.kind }, r.n);
    },
  });
  new Gauge({
    name: "switchyard_webhook_deliveries",
    help: "Webhook deliveries not delivered: pending (incl. retrying) and dead (gave up).",
    labelNames: ["status"] as const,
    registers: [m.registry],
    async collect() {
      const rows = await db().$queryRaw<Array<{ status: string; n: number }>>`SELECT status, count(*)::int AS n FROM "WebhookDelivery" WHERE status <> 'delivered' GROUP BY 1`;
      for (const status of ["pending", "dead"]) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    },
  });
}

export async function prometheusText(): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  registerDatabaseGauges(m);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
