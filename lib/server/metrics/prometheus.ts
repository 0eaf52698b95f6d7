/**
 * GET /api/metrics in Prometheus text format: this process's routing counters and latency
 * histogram, and database-wide gauges (open work per queue, webhook backlog and failures).
 */
import { db } from "@/lib/server/db";
import { LATENCY_BUCKETS_MS, registry, routingTransactions } from "./registry";

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (o: Record<string, string>) => `{${Object.entries(o).map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;

function family(lines: string[], name: string, type: "counter" | "gauge" | "histogram", help: string): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

export async function prometheusText(): Promise<string> {
  const r = registry();
  const lines: string[] = [];
  family(lines, "switchyard_decisions_total", "counter", "Routing decisions made by this process, by outcome kind, rule (or suppression), policy version and source.");
  for (const [k, v] of r.decisions) lines.push(`switchyard_decisions_total${labels(JSON.parse(k) as Record<string, string>)} ${v}`);
  family(lines, "switchyard_exceptions_total", "counter", "Decisions sent to exceptions by this process, by reason code.");
  for (const [k, v] of r.exceptions) lines.push(`switchyard_exceptions_total${labels(JSON.parse(k) as Record<string, string>)} ${v}`);
  family(lines, "switchyard_overrides_total", "counter", "Decisions reassigned by hand through this process.");
  lines.push(`switchyard_overrides_total ${r.overrides}`);
  family(lines, "switchyard_routing_duration_ms", "histogram", "Time from a routing request entering the router to its decision being committed, in milliseconds.");
  LATENCY_BUCKETS_MS.forEach((b, i) => lines.push(`switchyard_routing_duration_ms_bucket{le="${b}"} ${r.latency.buckets[i]}`));
  lines.push(`switchyard_routing_duration_ms_bucket{le="+Inf"} ${r.latency.count}`, `switchyard_routing_duration_ms_sum ${r.latency.sum.toFixed(3)}`, `switchyard_routing_duration_ms_count ${r.latency.count}`);
  family(
    lines,
    "switchyard_routing_transactions_total",
    "counter",
    "Routing transactions run by this process: checked (decided on the process's copy of the state, compared at commit) or locked (state rows locked first), and how they ended (committed, conflict: retried, error).",
  );
  for (const [mode, outcomes] of Object.entries(routingTransactions())) for (const [outcome, n] of Object.entries(outcomes)) lines.push(`switchyard_routing_transactions_total${labels({ mode, outcome })} ${n}`);

  const [queues, hooks] = await Promise.all([
    db().$queryRaw<Array<{ queue: string; kind: string; n: number }>>`
      SELECT COALESCE("currentQueueKey", '') AS queue, kind, count(*)::int AS n FROM "Decision" WHERE "resolvedAt" IS NULL GROUP BY 1, 2`,
    db().$queryRaw<Array<{ status: string; n: number }>>`SELECT status, count(*)::int AS n FROM "WebhookDelivery" WHERE status <> 'delivered' GROUP BY 1`,
  ]);
  family(lines, "switchyard_queue_depth", "gauge", "Open work (exceptions and queued records not yet taken) per queue.");
  for (const q of queues) lines.push(`switchyard_queue_depth${labels({ queue: q.queue, kind: q.kind })} ${q.n}`);
  family(lines, "switchyard_webhook_deliveries", "gauge", "Webhook deliveries not delivered: pending (incl. retrying) and dead (gave up).");
  for (const status of ["pending", "dead"]) lines.push(`switchyard_webhook_deliveries${labels({ status })} ${hooks.find((h) => h.status === status)?.n ?? 0}`);
  return `${lines.join("\n")}\n`;
}
