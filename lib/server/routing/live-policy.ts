/**
 * The live version a record is routed by, compiled once per version per process. Only the policy
 * row (which version is live, which is in shadow) is read per use, so a publish is seen by the
 * next request; routing checks it in its commit, or reads it with the locked state rows
 * (routing-state.ts `readLocked`, then `samePointer`).
 */
import type { CompiledPolicy } from "@/lib/engine/compile";
import { AppError } from "@/lib/errors";
import { db, type Prisma } from "@/lib/server/db";
import { pgPool, sql } from "@/lib/server/pg";
import { compileDocument } from "@/lib/server/policies/compiled-cache";

export interface LivePolicy {
  policyId: string;
  policyKey: string;
  versionId: string;
  versionNumber: number;
  compiled: CompiledPolicy;
}

/** The live version, and the version running in shadow beside it (if any). */
export interface RoutingPolicies extends LivePolicy {
  shadow: (LivePolicy & { runId: string }) | null;
  /** The policy row these were resolved from: routing checks it again inside its transaction. */
  pointer: PolicyPointer;
}

/** What the Policy row says is live (and in shadow). */
export interface PolicyPointer {
  id: string;
  key: string;
  liveVersionId: string | null;
  shadowRunId: string | null;
}

const byVersion = new Map<string, LivePolicy>();
/** A shadow run's version never changes: run id → version id. */
const shadowVersionOf = new Map<string, string>();

type Client = Pick<Prisma.TransactionClient, "policy" | "policyVersion">;

/** Reads the pointer of the policy with `policyKey` (default: the first policy). */
async function readPointer(policyKey: string | null | undefined): Promise<PolicyPointer | undefined> {
  const columns = sql`id, key, "liveVersionId", "shadowRunId"`;
  const { rows } = await pgPool().query<PolicyPointer>(
    policyKey
      ? sql`SELECT ${columns} FROM "Policy" WHERE key = ${policyKey}`
      : sql`SELECT ${columns} FROM "Policy" ORDER BY "createdAt" LIMIT 1`,
  );
  return rows[0];
}

/** True when `row` still points at the versions `policies` were resolved from. */
export function samePointer(policies: RoutingPolicies, row: PolicyPointer | undefined): boolean {
  return !!row && row.liveVersionId === policies.pointer.liveVersionId && row.shadowRunId === policies.pointer.shadowRunId;
}

/** The compiled live (and shadow) versions a policy row points at; AppErrors when there is nothing to route with. */
export async function policiesFromPointer(row: PolicyPointer | undefined, policyKey?: string | null): Promise<RoutingPolicies> {
  if (!row)
    throw new AppError(
      "NOT_FOUND",
      policyKey ? `No policy with key "${policyKey}".` : "No routing policy exists yet.",
      policyKey ? { fieldErrors: { policy: ["Unknown policy key."] } } : undefined,
    );
  if (!row.liveVersionId) throw new AppError("CONFLICT", `Policy "${row.key}" has no published version: publish one before routing.`);
  const live = await versionAsLive(row.liveVersionId);
  return {
    ...live,
    shadow: row.shadowRunId ? await shadowPolicy(row.shadowRunId) : null,
    pointer: { id: row.id, key: row.key, liveVersionId: row.liveVersionId, shadowRunId: row.shadowRunId },
  };
}

/**
 * The live version of the policy with `policyKey` (default: the first policy), with its shadow run
 * if one is in progress. One plain-pg read of the policy row per call.
 */
export async function livePolicy(policyKey?: string | null): Promise<RoutingPolicies> {
  return policiesFromPointer(await readPointer(policyKey), policyKey);
}

async function shadowPolicy(runId: string): Promise<(LivePolicy & { runId: string }) | null> {
  let versionId = shadowVersionOf.get(runId);
  if (!versionId) {
    const run = await db().shadowRun.findUnique({ where: { id: runId }, select: { versionId: true } });
    if (!run) return null;
    versionId = run.versionId;
    if (shadowVersionOf.size > 100) shadowVersionOf.clear();
    shadowVersionOf.set(runId, versionId);
  }
  // A shadow version that no longer compiles (it cannot be started like that) routes nothing in shadow.
  const version = await versionAsLive(versionId).catch(() => null);
  return version ? { ...version, runId } : null;
}

/** Any version compiled (for replays and "what would this version do"). */
export async function versionAsLive(versionId: string, client: Client = db()): Promise<LivePolicy> {
  const hit = byVersion.get(versionId);
  if (hit) return hit;
  const version = await client.policyVersion.findUnique({
    where: { id: versionId },
    select: { id: true, number: true, document: true, policy: { select: { id: true, key: true } } },
  });
  if (!version) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  const result = compileDocument(version.document);
  if (!result.ok)
    throw new AppError("CONFLICT", `Version ${version.number} is not a valid policy: ${result.problems[0]?.message ?? "invalid"}.`);
  const live: LivePolicy = {
    policyId: version.policy.id,
    policyKey: version.policy.key,
    versionId: version.id,
    versionNumber: version.number,
    compiled: result.compiled,
  };
  if (byVersion.size > 100) byVersion.clear();
  byVersion.set(versionId, live);
  return live;
}

/** The live version's declared inputs by name (type, allowed values): what a triage form offers as pickers. */
export async function liveInputs(policyKey?: string | null): Promise<Record<string, { type: string; values?: string[] }>> {
  const live = await livePolicy(policyKey).catch(() => null);
  return Object.fromEntries((live?.compiled.policy.inputs ?? []).map((i) => [i.name, { type: i.type, values: i.values }]));
}

/** The live version's queues as { key, name } (hand-assignment pickers): the queues routing can distribute through now. */
export async function liveQueueOptions(policyKey?: string | null): Promise<Array<{ key: string; name: string }>> {
  const live = await livePolicy(policyKey).catch(() => null);
  return (live?.compiled.policy.queues ?? []).map((q) => ({ key: q.key, name: q.name }));
}
