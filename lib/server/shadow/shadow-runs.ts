/**
 * Shadow mode: a submitted or approved version runs beside live — every live decision of its
 * policy is also evaluated with it (lib/server/routing/route-records.ts), never acted on. One
 * shadow run per policy at a time (`Policy.shadowRunId`); starting another replaces it.
 * Publishing the version or requesting changes to it ends its run.
 */
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db, type Prisma } from "@/lib/server/db";
import { compileDocument } from "@/lib/server/policies/compiled-cache";

const SHADOWABLE = ["SUBMITTED", "APPROVED"] as const;

export const STOP_REASONS = {
  manual: "stopped by hand",
  published: "the version was published",
  changesRequested: "changes were requested",
  withdrawn: "the version was withdrawn",
  replaced: "another version went into shadow",
} as const;

/** Ends the run if it is still going; false when it had ended already. */
async function endRun(tx: Prisma.TransactionClient, runId: string, reason: string, byEmail: string | null): Promise<boolean> {
  const ended = await tx.shadowRun.updateMany({
    where: { id: runId, stoppedAt: null },
    data: { stoppedAt: new Date(), stopReason: reason, stoppedByEmail: byEmail },
  });
  await tx.policy.updateMany({ where: { shadowRunId: runId }, data: { shadowRunId: null } });
  return ended.count === 1;
}

export async function startShadow(user: CurrentUser, versionId: string) {
  assertCan(user, "policies:shadow", "run versions in shadow");
  const version = await db().policyVersion.findUnique({ where: { id: versionId }, include: { policy: true } });
  if (!version) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  if (version.policy.liveVersionId === version.id)
    throw new AppError("CONFLICT", `v${version.number} is live already: shadow mode is for a version that is not.`);
  if (!(SHADOWABLE as readonly string[]).includes(version.status)) {
    throw new AppError(
      "CONFLICT",
      `v${version.number} is ${version.status.toLowerCase().replace("_", " ")}; submit it first — only a submitted or approved version (frozen) can run in shadow.`,
    );
  }
  if (!compileDocument(version.document).ok) throw new AppError("VALIDATION", "Fix the version's problems before running it in shadow.");
  if (!version.policy.liveVersionId) throw new AppError("CONFLICT", "There is no live version to run beside.");
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Policy" WHERE id = ${version.policyId} FOR UPDATE`;
    const policy = await tx.policy.findUniqueOrThrow({ where: { id: version.policyId } });
    if (policy.shadowRunId) {
      const current = await tx.shadowRun.findUniqueOrThrow({ where: { id: policy.shadowRunId } });
      if (current.versionId === versionId) throw new AppError("CONFLICT", `v${version.number} is already running in shadow.`);
      await endRun(tx, current.id, STOP_REASONS.replaced, user.email);
    }
    const run = await tx.shadowRun.create({ data: { policyId: version.policyId, versionId, startedByEmail: user.email } });
    await tx.policy.update({ where: { id: version.policyId }, data: { shadowRunId: run.id } });
    await recordAudit(
      tx,
      { id: user.id, email: user.email },
      {
        action: "version.shadow_started",
        entityType: "policy_version",
        entityId: versionId,
        summary: `Started v${version.number} in shadow: live decisions are also evaluated with it, never acted on`,
      },
    );
    return run;
  });
}

export async function stopShadow(user: CurrentUser, runId: string) {
  assertCan(user, "policies:shadow", "stop shadow runs");
  const run = await db().shadowRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("NOT_FOUND", "That shadow run does not exist.");
  const version = await db().policyVersion.findUniqueOrThrow({ where: { id: run.versionId }, select: { number: true } });
  await db().$transaction(async (tx) => {
    // Conditional on the run still going: two people stopping at once → one stop, one 409.
    if (!(await endRun(tx, runId, STOP_REASONS.manual, user.email))) throw new AppError("CONFLICT", "That shadow run has stopped already.");
    await recordAudit(
      tx,
      { id: user.id, email: user.email },
      {
        action: "version.shadow_stopped",
        entityType: "policy_version",
        entityId: run.versionId,
        summary: `Stopped the shadow run of v${version.number}`,
      },
    );
  });
}

/** Inside a workflow transaction: the version's shadow run (if any) ends, with the reason. */
export async function endShadowOfVersion(tx: Prisma.TransactionClient, versionId: string, reason: string): Promise<void> {
  const runs = await tx.shadowRun.findMany({ where: { versionId, stoppedAt: null }, select: { id: true } });
  for (const r of runs) await endRun(tx, r.id, reason, null);
}

/** The version's latest shadow run (running or not), for its page. */
export async function latestShadowRun(versionId: string) {
  return db().shadowRun.findFirst({ where: { versionId }, orderBy: { startedAt: "desc" }, select: { id: true } });
}

/** The shadow run in progress for each policy, with its version number (for the Policies page). */
export async function activeShadowRuns() {
  const policies = await db().policy.findMany({ where: { shadowRunId: { not: null } }, select: { shadowRunId: true } });
  const runs = await db().shadowRun.findMany({
    where: { id: { in: policies.map((p) => p.shadowRunId!) } },
    orderBy: { startedAt: "desc" },
  });
  const versions = await db().policyVersion.findMany({
    where: { id: { in: runs.map((r) => r.versionId) } },
    select: { id: true, number: true },
  });
  return runs.map((r) => ({ ...r, versionNumber: versions.find((v) => v.id === r.versionId)?.number ?? 0 }));
}
