/**
 * State that belongs to the process, not to a module instance. The production server is one
 * process with two copies of the server modules: Next.js's bundle (pages, actions, route handlers)
 * and the routing fast path's (dist/server.mjs, which serves POST /api/v1/route and /route/batch
 * without the framework — see docs/adr/0002-one-server-process.md). Caches a write must
 * invalidate, the group-commit queue and the state copy routing checks against must be one per
 * process, so they live here, on globalThis, under one symbol.
 *
 * Every slot is declared below with its type and owner: a new cache is added here first, and a
 * slot used with another type, or a name nobody declared, does not compile. Each cache also says
 * how another process's writes reach it (every one is safe with several app servers).
 */
import type { CachedAccountIndex } from "./routing/account-index";
import type { VerifiedKey } from "./api-keys/api-keys";
import type { ConflictMeter } from "./routing/conflict-meter";
import type { RoutingPolicies } from "./routing/live-policy";
import type { Pending } from "./routing/route-records";
import type { MemberRow } from "./routing/routing-state";
import type { QueueState } from "@/lib/engine/types";

export interface ProcessSlots {
  /** route-records.ts: the group-commit queue and the transactions in flight. */
  router: { queue: Pending[]; inFlight: number };
  /** route-records.ts: queue keys whose QueueCursor row exists (rows are never deleted by the app; a missing one is re-created). */
  "queue-cursors": Set<string>;
  /** route-records.ts: recent state-check failures, to start with locks while they mostly fail. */
  "routing-conflicts": ConflictMeter;
  /** route-records.ts: the live (and shadow) versions last routed with, per policy key; checked in every commit. */
  "routing-policies": Map<string, RoutingPolicies>;
  /** routing-state.ts: the state rows last read or written; every commit compares them under lock. */
  "routing-state": { members: Map<string, MemberRow | null>; queues: Map<string, QueueState> };
  /** account-index.ts: the account index; other processes' writes are noticed within 2 s (count and last update). */
  "account-index": { cached: CachedAccountIndex | null; building: Promise<CachedAccountIndex> | null };
  /** api-keys.ts: verified keys for 10 s (a revoke elsewhere applies within that). */
  "api-key-cache": Map<string, { key: VerifiedKey | null; at: number }>;
  /** webhooks.ts: active subscriptions for 5 s. */
  "webhook-subscriptions": { cached: { at: number; rows: Array<{ id: string; events: string[] }> } | null };
}

const SLOTS = Symbol.for("switchyard.process-state");
const g = globalThis as unknown as { [SLOTS]?: Map<keyof ProcessSlots, unknown> };

/** The process's one `key` slot, created with `init` on first use. */
export function processState<K extends keyof ProcessSlots>(key: K, init: () => ProcessSlots[K]): ProcessSlots[K] {
  const slots = (g[SLOTS] ??= new Map());
  if (!slots.has(key)) slots.set(key, init());
  return slots.get(key) as ProcessSlots[K];
}
