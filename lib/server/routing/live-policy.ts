/**
 * The live version a record is routed by, compiled once per version per process. Each call
 * reads only the policy row (which version is live), so a publish is seen by the next request.
 */
import type { CompiledPolicy } from "@/lib/engine/compile";
import { AppError } from "@/lib/errors";
import { db, type Prisma } from "@/lib/server/db";
import { pgPool } from "@/lib/server/pg";
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
}

const byVersion = new Map<string, LivePolicy>();
/** A shadow run's version never changes: run id → version id. */
const shadowVersionOf = new Map<string, string>();

type Client = Pick<Prisma.TransactionClient, "policy" | "policyVersion">;

/**
 * The live version of the policy with `policyKey` (default: the first policy), with its shadow run
 * if one is in progress. One plain-pg read of the policy row per call (the routing hot path).
 */
export async function livePolicy(policyKey?: string | null): Promise<RoutingPolicies> {
  const columns = `id, key, "liveVersionId", "shadowRunId"`;
  const { rows } = await pgPool().query<{ id: string; key: string; liveVersionId: string | null; shadowRunId: string | null }>(
    policyKey ? `SELECT ${columns} FROM "Policy" WHERE key = $1` : `SELECT ${columns} FROM "Policy" ORDER BY "createdAt" LIMIT 1`,
    policyKey ? [policyKey] : [],
  );
  const policy = rows[0];
  if (!policy) throw new AppError("NOT_FOUND", policyKey ? `No policy with key "${policyKey}".` : "No routing policy exists yet.", policyKey ? { fieldErrors: { policy: ["Unknown policy key."] } } : undefined);
  if (!policy.liveVersionId) throw new AppError("CONFLICT", `Policy "${policy.key}" has no published version: publish one before routing.`);
  const live = await versionAsLive(policy.liveVersionId);
  return { ...live, shadow: policy.shadowRunId ? await shadowPolicy(policy.shadowRunId) : null };
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
  const version = await client.policyVersion.findUnique({ where: { id: versionId }, select: { id: true, number: true, document: true, policy: { select: { id: true, key: true } } } });
  if (!version) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  const result = compileDocument(version.document);
  if (!result.ok) throw new AppError("CONFLICT", `Version ${version.number} is not a valid policy: ${result.problems[0]?.message ?? "invalid"}.`);
  const live: LivePolicy = { policyId: version.policy.id, policyKey: version.policy.key, versionId: version.id, versionNumber: version.number, compiled: result.compiled };
  if (byVersion.size > 100) byVersion.clear();
  byVersion.set(versionId, live);
  return live;
}
