/**
 * Process-local Prometheus metrics through prom-client: counters and the routing latency
 * histogram the routing path updates as it works (each app instance exposes its own; Prometheus
 * sums them), prom-client's default Node.js and process metrics (event-loop lag, heap, GC, CPU,
 * file descriptors), and database-wide gauges collected at scrape time (open work per queue,
 * webhook backlog).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { db } from "@/lib/server/db";

export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500];

/** How a routing transaction was run (see route-records.ts) and how it ended. */
export const ROUTING_TRANSACTION_MODES = ["checked", "locked"] as const;
export const ROUTING_TRANSACTION_OUTCOMES = ["committed", "conflict", "error"] as const;
export type RoutingTransactionMode = (typeof ROUTING_TRANSACTION_MODES)[number];
export type RoutingTransactionOutcome = (typeof ROUTING_TRANSACTION_OUTCOMES)[number];

/** Bumped when the metrics' shape changes: a dev hot reload then builds a new registry instead of reading an old one. */
const REGISTRY_SHAPE = 3;

export interface Metrics {
  shape: number;
  registry: Registry;
  decisions: Counter<"kind" | "rule" | "version" | "source">;
  exceptions: Counter<"reason">;
  overrides: Counter;
  latency: Histogram;
  transactions: Counter<"mode" | "outcome">;
}

function build(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerDatabaseGauges(registry);
  const transactions = new Counter({
    name: "switchyard_routing_transactions_total",
    help: "Routing transactions run by this process: checked (decided on the process's copy of the state, compared at commit) or locked (state rows locked first), and how they ended (committed, conflict: retried, error).",
    labelNames: ["mode", "outcome"] as const,
    registers: [registry],
  });
  // Every mode and outcome from the start, so a rate can be taken before the first conflict.
  for (const mode of ROUTING_TRANSACTION_MODES) for (const outcome of ROUTING_TRANSACTION_OUTCOMES) transactions.inc({ mode, outcome }, 0);
  return {
    shape: REGISTRY_SHAPE,
    registry,
    decisions: new Counter({
      name: "switchyard_decisions_total",
      help: "Routing decisions made by this process, by outcome kind, rule (or suppression), policy version and source.",
      labelNames: ["kind", "rule", "version", "source"] as const,
      registers: [registry],
    }),
    exceptions: new Counter({
      name: "switchyard_exceptions_total",
      help: "Decisions sent to exceptions by this process, by reason code.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    overrides: new Counter({
      name: "switchyard_overrides_total",
      help: "Decisions reassigned by hand through this process.",
      registers: [registry],
    }),
    latency: new Histogram({
      name: "switchyard_routing_duration_ms",
      help: "Time from a routing request entering the router to its decision being committed, in milliseconds.",
      buckets: LATENCY_BUCKETS_MS,
      registers: [registry],
    }),
    transactions,
  };
}

/** The database-wide gauges: collected when Prometheus scrapes, not kept by the process. */
function registerDatabaseGauges(registry: Registry): void {
  new Gauge({
    name: "switchyard_queue_depth",
    help: "Open work (exceptions and queued records not yet taken) per queue.",
    labelNames: ["queue", "kind"] as const,
    registers: [registry],
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
    registers: [registry],
    async collect() {
      const rows = await db().$queryRaw<
        Array<{ status: string; n: number }>
      >`SELECT status, count(*)::int AS n FROM "WebhookDelivery" WHERE status <> 'delivered' GROUP BY 1`;
      for (const status of ["pending", "dead"]) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    },
  });
}

const g = globalThis as unknown as { switchyardMetrics?: Metrics };

/** This process's metrics (one registry, shared by the console's bundles and the routing fast path). */
export function metrics(): Metrics {
  if (g.switchyardMetrics?.shape !== REGISTRY_SHAPE) g.switchyardMetrics = build();
  return g.switchyardMetrics;
}

export function countDecision(d: {
  kind: string;
  ruleKey: string | null;
  suppressionKey: string | null;
  reasonCode: string | null;
  versionNumber: number;
  source: string;
}): void {
  const m = metrics();
  m.decisions.inc({ kind: d.kind, rule: d.ruleKey ?? d.suppressionKey ?? "", version: String(d.versionNumber), source: d.source });
  if (d.reasonCode) m.exceptions.inc({ reason: d.reasonCode });
}

export function countOverrides(n: number): void {
  metrics().overrides.inc(n);
}

export function observeRoutingLatency(ms: number): void {
  metrics().latency.observe(ms);
}

/**
 * A routing transaction ended: committed, failed its check or hit a serialization failure
 * (conflict: retried), or failed otherwise. Conflicts on checked transactions mean other
 * processes changed the same state rows; locked ones committed without a checked attempt before
 * them mean routing started with locks (see conflict-meter.ts).
 */
export function countRoutingTransaction(mode: RoutingTransactionMode, outcome: RoutingTransactionOutcome): void {
  metrics().transactions.inc({ mode, outcome });
}

export type TransactionCounts = Record<RoutingTransactionMode, Record<RoutingTransactionOutcome, number>>;

/** Routing transactions so far, by mode and outcome (read from the counter; for tests and the second-process harness). */
export async function routingTransactions(): Promise<TransactionCounts> {
  const counts: TransactionCounts = { checked: { committed: 0, conflict: 0, error: 0 }, locked: { committed: 0, conflict: 0, error: 0 } };
  for (const v of (await metrics().transactions.get()).values) {
    const mode = v.labels.mode as RoutingTransactionMode;
    const outcome = v.labels.outcome as RoutingTransactionOutcome;
    if (counts[mode] && outcome in counts[mode]) counts[mode][outcome] = v.value;
  }
  return counts;
}
