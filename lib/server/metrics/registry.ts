/**
 * Process-local Prometheus metrics: counters and a latency histogram the routing path updates
 * as it works (each app instance exposes its own; Prometheus sums them). Database-wide gauges
 * (open work per queue, webhook backlog) are read at scrape time in `prometheus.ts`.
 */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500];

/** How a routing transaction was run (see route-records.ts) and how it ended. */
export type RoutingTransactionMode = "checked" | "locked";
export type RoutingTransactionOutcome = "committed" | "conflict" | "error";

/** Bumped when the registry's shape changes: a dev hot reload then starts a new one instead of reading an old object without the new fields. */
const REGISTRY_SHAPE = 2;

interface Registry {
  shape: number;
  decisions: Map<string, number>;
  exceptions: Map<string, number>;
  overrides: number;
  latency: { buckets: number[]; sum: number; count: number };
  /** Routing transactions by mode and outcome. */
  transactions: Record<RoutingTransactionMode, Record<RoutingTransactionOutcome, number>>;
}

const g = globalThis as unknown as { switchyardMetrics?: Registry };
const noTransactions = (): Record<RoutingTransactionOutcome, number> => ({ committed: 0, conflict: 0, error: 0 });

export function registry(): Registry {
  if (g.switchyardMetrics?.shape !== REGISTRY_SHAPE) g.switchyardMetrics = { shape: REGISTRY_SHAPE, decisions: new Map(), exceptions: new Map(), overrides: 0, latency: { buckets: LATENCY_BUCKETS_MS.map(() => 0), sum: 0, count: 0 }, transactions: { checked: noTransactions(), locked: noTransactions() } };
  return g.switchyardMetrics;
}

const labelKey = (labels: Record<string, string>) => JSON.stringify(labels);

export function countDecision(d: { kind: string; ruleKey: string | null; suppressionKey: string | null; reasonCode: string | null; versionNumber: number; source: string }): void {
  const r = registry();
  const key = labelKey({ kind: d.kind, rule: d.ruleKey ?? d.suppressionKey ?? "", version: String(d.versionNumber), source: d.source });
  r.decisions.set(key, (r.decisions.get(key) ?? 0) + 1);
  if (d.reasonCode) r.exceptions.set(labelKey({ reason: d.reasonCode }), (r.exceptions.get(labelKey({ reason: d.reasonCode })) ?? 0) + 1);
}

export function countOverrides(n: number): void {
  registry().overrides += n;
}

export function observeRoutingLatency(ms: number): void {
  const l = registry().latency;
  l.sum += ms;
  l.count++;
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]!) l.buckets[i]!++;
}

/**
 * A routing transaction ended: committed, failed its check or hit a serialization failure
 * (conflict: retried), or failed otherwise. Conflicts on checked transactions mean other
 * processes changed the same state rows; locked ones committed without a checked attempt before
 * them mean routing started with locks (see conflict-meter.ts).
 */
export function countRoutingTransaction(mode: RoutingTransactionMode, outcome: RoutingTransactionOutcome): void {
  registry().transactions[mode][outcome]++;
}

/** Routing transactions so far, by mode and outcome (for /api/metrics and tests). */
export function routingTransactions(): Record<RoutingTransactionMode, Record<RoutingTransactionOutcome, number>> {
  const t = registry().transactions;
  return { checked: { ...t.checked }, locked: { ...t.locked } };
}
