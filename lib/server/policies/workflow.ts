/**
 * Change control: draft → submitted (with a change note) → approved or changes requested (by an
 * approver who is not the author) → published (the suite must pass on that exact version; an
 * admin may override with a reason). Rollback republishes an earlier version as a new one.
 * Every step is one transaction with its audit event; status changes are conditional updates,
 * so two people publishing at once → exactly one wins, the other gets a 409.
 */
import { diffPolicies } from "@/lib/engine/policy-diff";
import type { PolicyDocument } from "@/lib/engine/policy-schema";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { AppError, addFieldError } from "@/lib/errors";
import { findUnstorableText } from "@/lib/engine/storable-text";
import { hasPermission } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/server/audit/record-audit";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db, type Prisma } from "@/lib/server/db";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";
import { endShadowOfVersion, STOP_REASONS } from "@/lib/server/shadow/shadow-runs";
import { compileDocument } from "./compiled-cache";
import { runStoredSuite, type SuiteSummary } from "./test-cases";

const actorOf = (u: Pick<CurrentUser, "id" | "email">): AuditActor => ({ id: u.id, email: u.email });
const EDITABLE = ["DRAFT", "CHANGES_REQUESTED"] as const;

function asJson(x: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(x)) as Prisma.InputJsonValue;
}

async function findVersion(id: string) {
  const v = await db().policyVersion.findUnique({ where: { id }, include: { policy: true } });
  if (!v) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  return v;
}

/** A document PostgreSQL can keep: plain JSON (no cycles), no NUL or lone surrogate anywhere — else a 422 naming where. */
function storableOrThrow(document: unknown): void {
  try {
    JSON.stringify(document);
  } catch {
    throw new AppError("VALIDATION", "The policy refers to itself (a YAML anchor used inside itself); write the part out instead.", {
      fieldErrors: { document: ["Refers to itself."] },
    });
  }
  const bad = findUnstorableText(document);
  if (bad) {
    const field = bad.path.join(".") || "document";
    throw new AppError("VALIDATION", `Not saved: ${field} — ${bad.message}`, { fieldErrors: { [field]: [bad.message] } });
  }
}

function validOrThrow(document: unknown): PolicyDocument {
  const result = validatePolicy(document);
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of result.problems) addFieldError(fieldErrors, p.path.join(".") || "_", p.message);
    throw new AppError(
      "VALIDATION",
      `The policy has ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; fix them before this step.`,
      { fieldErrors },
    );
  }
  return result.policy;
}

/** Plain-language summary of a document against the policy's live version. */
async function summaryAgainstLive(policyId: string, document: PolicyDocument): Promise<string> {
  const policy = await db().policy.findUnique({ where: { id: policyId }, include: { liveVersion: true } });
  const live = policy?.liveVersion ? validatePolicy(policy.liveVersion.document) : null;
  if (!live?.ok) return "First version of this policy.";
  const diff = diffPolicies(live.policy, document);
  return diff.unchanged ? "No change from the live version." : diff.summary.join("\n");
}

export async function createDraft(user: CurrentUser, policyId: string, fromVersionId?: string) {
  assertCan(user, "policies:author", "create policy drafts");
  const policy = await db().policy.findUnique({ where: { id: policyId }, include: { liveVersion: true } });
  if (!policy) throw new AppError("NOT_FOUND", "That policy does not exist.");
  const source = fromVersionId ? await findVersion(fromVersionId) : policy.liveVersion;
  if (!source || source.policyId !== policyId)
    throw new AppError("VALIDATION", "There is no version to copy: publish a first version, or import one as YAML.");
  return createVersionFrom(user, policyId, source.document, source.id, `Draft copied from v${source.number}`);
}

/** A new draft holding `document` (import as YAML uses it too; an invalid document is kept and flagged). */
export async function createVersionFrom(
  user: CurrentUser,
  policyId: string,
  document: unknown,
  baseVersionId: string | null,
  what: string,
) {
  assertCan(user, "policies:author", "create policy drafts");
  storableOrThrow(document);
  const compiled = compileDocument(document);
  return db().$transaction(async (tx) => {
    const last = await tx.policyVersion.aggregate({ where: { policyId }, _max: { number: true } });
    const version = await tx.policyVersion.create({
      data: {
        policyId,
        number: (last._max.number ?? 0) + 1,
        status: "DRAFT",
        document: asJson(document),
        contentHash: compiled.ok ? compiled.compiled.hash : "invalid",
        baseVersionId,
        authorId: user.id,
      },
    });
    await recordAudit(tx, actorOf(user), {
      action: "version.created",
      entityType: "policy_version",
      entityId: version.id,
      summary: `${what}: v${version.number}`,
      after: { number: version.number },
    });
    return version;
  });
}

/** Saves a draft's document. `expectedRevision` is the revision the editor loaded: a mismatch is a 409. */
export async function saveDraft(user: CurrentUser, versionId: string, document: unknown, expectedRevision: number) {
  assertCan(user, "policies:author", "edit policy drafts");
  storableOrThrow(document);
  const version = await findVersion(versionId);
  if (!EDITABLE.includes(version.status as (typeof EDITABLE)[number])) {
    throw new AppError(
      "CONFLICT",
      `v${version.number} is ${version.status.toLowerCase().replace("_", " ")} and can no longer be edited; create a new draft.`,
    );
  }
  const compiled = compileDocument(document);
  return db().$transaction(async (tx) => {
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, revision: expectedRevision, status: { in: [...EDITABLE] } },
      data: { document: asJson(document), contentHash: compiled.ok ? compiled.compiled.hash : "invalid", revision: { increment: 1 } },
    });
    if (updated.count === 0) {
      const now = await tx.policyVersion.findUnique({ where: { id: versionId }, select: { revision: true, updatedAt: true } });
      throw new AppError(
        "CONFLICT",
        `Someone else saved this draft since you opened it (revision ${now?.revision ?? "?"}). Reload to see their changes; your edit was not saved.`,
      );
    }
    await recordAudit(tx, actorOf(user), {
      action: "version.edited",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Edited draft v${version.number}`,
      before: version.document,
      after: document,
    });
    return { revision: expectedRevision + 1, problems: compiled.ok ? [] : compiled.problems };
  });
}

export async function submitVersion(user: CurrentUser, versionId: string, changeNote: string) {
  assertCan(user, "policies:author", "submit policy versions");
  const version = await findVersion(versionId);
  const document = validOrThrow(version.document);
  if (changeNote.trim().length < 10) {
    throw new AppError("VALIDATION", "Write a change note the field can understand: what changes and why (10 characters or more).", {
      fieldErrors: { changeNote: ["Say what changes and why, in at least 10 characters."] },
    });
  }
  const summary = await summaryAgainstLive(version.policyId, document);
  return db().$transaction(async (tx) => {
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, status: { in: [...EDITABLE] } },
      data: {
        status: "SUBMITTED",
        changeNote: changeNote.trim(),
        summary,
        submittedAt: new Date(),
        reviewerId: null,
        reviewedAt: null,
        reviewComment: null,
      },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", `v${version.number} was already submitted or is no longer a draft.`);
    await recordAudit(tx, actorOf(user), {
      action: "version.submitted",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Submitted v${version.number} for review: ${changeNote.trim()}`,
    });
  });
}

export async function reviewVersion(user: CurrentUser, versionId: string, decision: "approve" | "request_changes", comment: string) {
  assertCan(user, "policies:review", "review policy versions");
  const version = await findVersion(versionId);
  if (version.authorId === user.id) throw new AppError("FORBIDDEN", "You wrote this version; another approver must review it.");
  if (decision === "request_changes" && comment.trim().length < 3) {
    throw new AppError("VALIDATION", "Say what needs to change.", { fieldErrors: { comment: ["Say what needs to change."] } });
  }
  return db().$transaction(async (tx) => {
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, status: "SUBMITTED" },
      data: {
        status: decision === "approve" ? "APPROVED" : "CHANGES_REQUESTED",
        reviewerId: user.id,
        reviewedAt: new Date(),
        reviewComment: comment.trim() || null,
      },
    });
    if (updated.count === 0)
      throw new AppError(
        "CONFLICT",
        `v${version.number} is not waiting for review (it is ${version.status.toLowerCase().replace("_", " ")}).`,
      );
    // A version sent back for changes is no longer the candidate: its shadow run ends.
    if (decision === "request_changes") await endShadowOfVersion(tx, versionId, STOP_REASONS.changesRequested);
    await recordAudit(tx, actorOf(user), {
      action: decision === "approve" ? "version.approved" : "version.changes_requested",
      entityType: "policy_version",
      entityId: versionId,
      summary: `${decision === "approve" ? "Approved" : "Requested changes to"} v${version.number}${comment.trim() ? `: ${comment.trim()}` : ""}`,
    });
  });
}

/**
 * The author (or an admin) takes a submitted or approved version back to draft: its review
 * starts over, and a scheduled publish or a shadow run of it ends.
 */
export async function withdrawVersion(user: CurrentUser, versionId: string) {
  assertCan(user, "policies:author", "withdraw policy versions");
  const version = await findVersion(versionId);
  if (version.authorId !== user.id && !hasPermission(user.role, "users:manage"))
    throw new AppError("FORBIDDEN", `Only the author of v${version.number} (or an admin) can withdraw it.`);
  return db().$transaction(async (tx) => {
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, status: { in: ["SUBMITTED", "APPROVED"] } },
      data: { status: "DRAFT", reviewerId: null, reviewedAt: null, reviewComment: null, publishAt: null },
    });
    if (updated.count === 0)
      throw new AppError(
        "CONFLICT",
        `v${version.number} is ${version.status.toLowerCase().replace("_", " ")}; only a version in review or approved can be withdrawn.`,
      );
    await endShadowOfVersion(tx, versionId, STOP_REASONS.withdrawn);
    await recordAudit(tx, actorOf(user), {
      action: "version.withdrawn",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Withdrew v${version.number} from review (back to draft)`,
    });
  });
}

/** Locks the policy row for the rest of the transaction: one publish or rollback at a time per policy. */
async function lockPolicy(tx: Prisma.TransactionClient, policyId: string) {
  await tx.$queryRaw`SELECT id FROM "Policy" WHERE id = ${policyId} FOR UPDATE`;
  return tx.policy.findUniqueOrThrow({ where: { id: policyId } });
}

async function makeLive(tx: Prisma.TransactionClient, policyId: string, versionId: string, previousLiveId: string | null) {
  if (previousLiveId && previousLiveId !== versionId) {
    await tx.policyVersion.updateMany({ where: { id: previousLiveId, status: "PUBLISHED" }, data: { status: "SUPERSEDED" } });
  }
  await tx.policy.update({ where: { id: policyId }, data: { liveVersionId: versionId } });
  // Live now: a shadow run of this version has nothing left to compare.
  await endShadowOfVersion(tx, versionId, STOP_REASONS.published);
}

/** Publishes an approved version. Runs the suite on it; failures block unless an admin gives a reason. */
export async function publishVersion(user: CurrentUser, versionId: string, overrideReason?: string): Promise<{ suite: SuiteSummary }> {
  assertCan(user, "policies:publish", "publish policy versions");
  const version = await findVersion(versionId);
  if (version.status !== "APPROVED")
    throw new AppError(
      "CONFLICT",
      `v${version.number} is ${version.status.toLowerCase().replace("_", " ")}; only an approved version can be published.`,
    );
  const compiled = compileDocument(version.document);
  if (!compiled.ok) throw new AppError("VALIDATION", "This version's document is not valid.");
  const { summary: suite } = await runStoredSuite(version.policyId, compiled.compiled);
  const reason = overrideReason?.trim() ?? "";
  if (suite.failed > 0) {
    if (!reason) {
      throw new AppError(
        "VALIDATION",
        `${suite.failed} test case${suite.failed === 1 ? "" : "s"} fail on v${version.number} (${suite.failing.join(", ")}). Fix the version or the cases; only an admin can publish with failures, giving a reason.`,
      );
    }
    if (!hasPermission(user.role, "users:manage"))
      throw new AppError("FORBIDDEN", "Only an admin can publish a version whose test cases fail.");
  }
  await db().$transaction(async (tx) => {
    const policy = await lockPolicy(tx, version.policyId);
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, status: "APPROVED" },
      data: {
        status: "PUBLISHED",
        publishedAt: new Date(),
        publishedById: user.id,
        suiteResult: asJson(suite),
        overrideReason: suite.failed > 0 ? reason : null,
      },
    });
    if (updated.count === 0)
      throw new AppError("CONFLICT", `v${version.number} was just published (or changed) by someone else. Reload to see the live version.`);
    await makeLive(tx, version.policyId, versionId, policy.liveVersionId);
    await recordAudit(tx, actorOf(user), {
      action: "version.published",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Published v${version.number} (${suite.passed} passed, ${suite.failed} failed)${suite.failed > 0 ? ` — override: ${reason}` : ""}`,
      before: { liveVersionId: policy.liveVersionId },
      after: { liveVersionId: versionId },
    });
  });
  return { suite };
}

/**
 * Republishes an earlier version's document as a new version, with a reason: live at once (an
 * emergency step that skips review), or — when the policy says rollbacks go through review —
 * submitted for review like any change, to be approved by someone else and published.
 */
export async function rollbackTo(user: CurrentUser, versionId: string, reason: string) {
  assertCan(user, "policies:publish", "roll back policy versions");
  const target = await findVersion(versionId);
  if (!["PUBLISHED", "SUPERSEDED"].includes(target.status))
    throw new AppError("VALIDATION", "Only a version that was live can be rolled back to.");
  if (reason.trim().length < 5)
    throw new AppError("VALIDATION", "Say why you roll back.", { fieldErrors: { reason: ["Say why you roll back."] } });
  if (target.policy.liveVersionId === target.id) throw new AppError("CONFLICT", `v${target.number} is already live.`);
  const compiled = compileDocument(target.document);
  const suite = compiled.ok ? (await runStoredSuite(target.policyId, compiled.compiled)).summary : null;
  return db().$transaction(async (tx) => {
    const policy = await lockPolicy(tx, target.policyId);
    if (policy.liveVersionId === target.id) throw new AppError("CONFLICT", `v${target.number} is already live.`);
    const last = await tx.policyVersion.aggregate({ where: { policyId: target.policyId }, _max: { number: true } });
    const now = new Date();
    // The new version either way: the target's rules, linked to it, with the reason and the suite.
    const restored = {
      policyId: target.policyId,
      number: (last._max.number ?? 0) + 1,
      document: asJson(target.document),
      contentHash: target.contentHash,
      changeNote: `Rollback to v${target.number}: ${reason.trim()}`,
      baseVersionId: policy.liveVersionId,
      authorId: user.id,
      submittedAt: now,
      rollbackOfId: target.id,
      rollbackReason: reason.trim(),
      suiteResult: suite ? asJson(suite) : undefined,
    };
    if (policy.rollbackRequiresReview) {
      const submitted = await tx.policyVersion.create({
        data: {
          ...restored,
          status: "SUBMITTED",
          summary: `Rollback through review: restores the rules of v${target.number} once another approver approves it.`,
        },
      });
      await recordAudit(tx, actorOf(user), {
        action: "version.rollback_submitted",
        entityType: "policy_version",
        entityId: submitted.id,
        summary: `Submitted v${submitted.number} for review: a rollback to v${target.number} (rollbacks go through review): ${reason.trim()}`,
      });
      return submitted;
    }
    const version = await tx.policyVersion.create({
      data: {
        ...restored,
        status: "PUBLISHED",
        // An emergency step: published at once, without the four-eyes review (the audit says so too).
        summary: `Emergency rollback, published without review: restores the rules of v${target.number}.`,
        reviewerId: user.id,
        reviewedAt: now,
        publishedAt: now,
        publishedById: user.id,
      },
    });
    await makeLive(tx, target.policyId, version.id, policy.liveVersionId);
    await recordAudit(tx, actorOf(user), {
      action: "version.rolled_back",
      entityType: "policy_version",
      entityId: version.id,
      summary: `Rolled back to v${target.number} as v${version.number} (emergency step, no review): ${reason.trim()}`,
      before: { liveVersionId: policy.liveVersionId },
      after: { liveVersionId: version.id },
    });
    return version;
  });
}

/** The policy's change-control settings (ADMIN): whether rollbacks go through review. */
export async function updatePolicySettings(user: CurrentUser, policyId: string, settings: { rollbackRequiresReview: boolean }) {
  assertCan(user, "policies:configure", "change the policy's change-control settings");
  return db().$transaction(async (tx) => {
    const policy = await lockPolicy(tx, policyId);
    if (policy.rollbackRequiresReview === settings.rollbackRequiresReview) return policy;
    const updated = await tx.policy.update({ where: { id: policyId }, data: { rollbackRequiresReview: settings.rollbackRequiresReview } });
    await recordAudit(tx, actorOf(user), {
      action: "policy.settings_changed",
      entityType: "policy",
      entityId: policyId,
      summary: settings.rollbackRequiresReview
        ? "Rollbacks now go through review (another approver approves, then it is published)"
        : "Rollbacks are again an emergency step, published at once without review",
      before: { rollbackRequiresReview: policy.rollbackRequiresReview },
      after: { rollbackRequiresReview: settings.rollbackRequiresReview },
    });
    return updated;
  });
}

/** Publishes an approved version at a future time; the worker runs the same checks then. */
export async function schedulePublish(user: CurrentUser, versionId: string, at: Date, now = new Date()) {
  assertCan(user, "policies:publish", "schedule publishing");
  if (!(at.getTime() > now.getTime()))
    throw new AppError("VALIDATION", "Choose a time in the future.", { fieldErrors: { publishAt: ["Choose a time in the future."] } });
  const version = await findVersion(versionId);
  await db().$transaction(async (tx) => {
    const updated = await tx.policyVersion.updateMany({
      where: { id: versionId, status: "APPROVED" },
      data: { publishAt: at, scheduledById: user.id },
    });
    if (updated.count === 0)
      throw new AppError(
        "CONFLICT",
        `v${version.number} is ${version.status.toLowerCase().replace("_", " ")}; only an approved version can be scheduled.`,
      );
    await recordAudit(tx, actorOf(user), {
      action: "version.publish_scheduled",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Scheduled v${version.number} to go live at ${at.toISOString()}`,
    });
  });
  await (
    await getBoss()
  ).send(QUEUES.scheduledPublish, { versionId, at: at.toISOString() }, { startAfter: at, retryLimit: 2, retryDelay: 30 });
}

export async function cancelScheduledPublish(user: CurrentUser, versionId: string) {
  assertCan(user, "policies:publish", "change a scheduled publish");
  const version = await findVersion(versionId);
  await db().$transaction(async (tx) => {
    await tx.policyVersion.update({ where: { id: versionId }, data: { publishAt: null, scheduledById: null } });
    await recordAudit(tx, actorOf(user), {
      action: "version.publish_unscheduled",
      entityType: "policy_version",
      entityId: versionId,
      summary: `Cancelled the scheduled publish of v${version.number}`,
    });
  });
}

/**
 * The worker's side of a scheduled publish: still approved, still scheduled for (about) now,
 * by someone who may still publish → the normal publish with its suite gate. A failure is
 * recorded on the version's audit trail and the schedule cleared.
 */
export async function runScheduledPublish(
  versionId: string,
  scheduledFor: string,
  now = new Date(),
): Promise<"published" | "skipped" | "failed"> {
  const version = await db().policyVersion.findUnique({ where: { id: versionId } });
  if (!version || version.status !== "APPROVED" || !version.publishAt || !version.scheduledById) return "skipped";
  if (version.publishAt.toISOString() !== scheduledFor || version.publishAt.getTime() > now.getTime() + 5_000) return "skipped";
  const scheduler = await db().user.findUnique({ where: { id: version.scheduledById } });
  const user: CurrentUser | null =
    scheduler && !scheduler.disabled
      ? {
          id: scheduler.id,
          email: scheduler.email,
          name: scheduler.name,
          role: scheduler.role,
          memberId: scheduler.memberId,
          memberName: null,
          memberKey: null,
        }
      : null;
  try {
    if (!user) throw new AppError("FORBIDDEN", "The person who scheduled it can no longer publish.");
    await publishVersion(user, versionId);
    await db().policyVersion.update({ where: { id: versionId }, data: { publishAt: null } });
    return "published";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db().$transaction(async (tx) => {
      await tx.policyVersion.update({ where: { id: versionId }, data: { publishAt: null, scheduledById: null } });
      await recordAudit(
        tx,
        { id: null, email: "system" },
        {
          action: "version.scheduled_publish_failed",
          entityType: "policy_version",
          entityId: versionId,
          summary: `Scheduled publish of v${version.number} did not happen: ${message}`,
        },
      );
    });
    return "failed";
  }
}
