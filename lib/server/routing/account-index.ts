/**
 * The account index routing matches records against (domain, id, workspace roll-up,
 * duplicates — lib/engine/matching.ts), built from the stored accounts and kept per process.
 * It is rebuilt when accounts or members change: writes in this process invalidate it at once,
 * writes elsewhere are noticed within REVALIDATE_MS (count and last update of both tables).
 */
import type { CompiledPolicy } from "@/lib/engine/compile";
import { buildAccountIndex, matchingOptionsFor, type AccountIndex } from "@/lib/engine/matching";
import { db } from "@/lib/server/db";
import { processState } from "@/lib/server/process-state";
import { loadAccountContexts } from "./routing-context";

const REVALIDATE_MS = 2_000;

export interface CachedAccountIndex {
  stamp: string;
  matchingKey: string;
  checkedAt: number;
  index: AccountIndex;
}

const slot = processState("account-index", () => ({ cached: null, building: null }));

async function currentStamp(): Promise<string> {
  const rows = await db().$queryRaw<Array<{ n: number; a: Date | null; m: Date | null }>>`
    SELECT (SELECT count(*)::int FROM "Account") AS n, (SELECT max("updatedAt") FROM "Account") AS a, (SELECT max("updatedAt") FROM "Member") AS m`;
  const r = rows[0]!;
  return `${r.n}:${r.a?.toISOString() ?? "-"}:${r.m?.toISOString() ?? "-"}`;
}

function matchingKey(cp: CompiledPolicy): string {
  return JSON.stringify(matchingOptionsFor(cp.policy), (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v));
}

export function invalidateAccountIndex(): void {
  slot.cached = null;
}

export async function accountIndexFor(cp: CompiledPolicy, nowMs = Date.now()): Promise<AccountIndex> {
  const key = matchingKey(cp);
  const hit = slot.cached;
  if (hit && hit.matchingKey === key && nowMs - hit.checkedAt < REVALIDATE_MS) return hit.index;
  const stamp = await currentStamp();
  if (slot.cached && slot.cached.matchingKey === key && slot.cached.stamp === stamp) {
    slot.cached.checkedAt = nowMs;
    return slot.cached.index;
  }
  slot.building ??= (async () => {
    const accounts = await loadAccountContexts();
    return { stamp, matchingKey: key, checkedAt: nowMs, index: buildAccountIndex(accounts, matchingOptionsFor(cp.policy)) };
  })().finally(() => {
    slot.building = null;
  });
  const built = await slot.building;
  slot.cached = built;
  return built.index;
}
