/**
 * The account index routing matches records against (domain, id, workspace roll-up,
 * duplicates — lib/engine/matching.ts), built from the stored accounts and kept per process.
 * It is rebuilt when accounts or members change: writes in this process invalidate it at once,
 * writes elsewhere are noticed within REVALIDATE_MS (count and last update of both tables).
 */
import type { CompiledPolicy } from "@/lib/engine/compile";
import { buildAccountIndex, matchingOptionsFor, type AccountIndex } from "@/lib/engine/matching";
import { db } from "@/lib/server/db";
import { loadAccountContexts } from "./routing-context";

const REVALIDATE_MS = 2_000;

interface Cached {
  stamp: string;
  matchingKey: string;
  checkedAt: number;
  index: AccountIndex;
}

let cached: Cached | null = null;
let building: Promise<Cached> | null = null;

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
  cached = null;
}

export async function accountIndexFor(cp: CompiledPolicy, nowMs = Date.now()): Promise<AccountIndex> {
  const key = matchingKey(cp);
  if (cached && cached.matchingKey === key && nowMs - cached.checkedAt < REVALIDATE_MS) return cached.index;
  const stamp = await currentStamp();
  if (cached && cached.matchingKey === key && cached.stamp === stamp) {
    cached.checkedAt = nowMs;
    return cached.index;
  }
  building ??= (async () => {
    const accounts = await loadAccountContexts();
    return { stamp, matchingKey: key, checkedAt: nowMs, index: buildAccountIndex(accounts, matchingOptionsFor(cp.policy)) };
  })().finally(() => {
    building = null;
  });
  cached = await building;
  return cached.index;
}
