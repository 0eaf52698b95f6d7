/**
 * Disputes: the field says a decision is wrong; RevOps triages it (in review → resolved as a
 * rule, data, interface or policy repair, or rejected), always with a note the filer reads.
 * An upheld claim can become a test case that expects the claimed owner, so the version that
 * fixes the rule must pass it.
 */
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import { hasPermission } from "@/lib/auth/permissions";
import { availabilityOf } from "@/lib/members/availability";
import { AppError } from "@/lib/errors";
import { DISPUTE_CATEGORY_LABELS, type FileDisputeInput, type TriageDisputeInput } from "@/lib/schemas/decisions";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db, type Prisma } from "@/lib/server/db";
import { countOverrides } from "@/lib/server/metrics/registry";
import { saveCaseFromDecision } from "@/lib/server/policies/test-case-store";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/webhooks";
import { decisionForViewer } from "./get-decision";
import { memberNames } from "./member-names";
import { applyOverride, checkOverrideTarget } from "./overrides";
import { viewerFor } from "./visibility";

export async function fileDispute(user: CurrentUser, input: FileDisputeInput) {
  assertCan(user, "disputes:file", "file disputes");
  const decision = await decisionForViewer(await viewerFor(user), input.decisionId);
  if (input.claimedOwnerKey && !(await db().member.findUnique({ where: { email: input.claimedOwnerKey }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "That member does not exist.", { fieldErrors: { claimedOwnerKey: ["Unknown member."] } });
  }
  const open = decision.disputes.find((d) => d.filedById === user.id && (d.status === "open" || d.status === "in_review"));
  if (open) throw new AppError("CONFLICT", "You already have an open dispute on this decision; RevOps will answer it there.");
  return db().$transaction(async (tx) => {
    const dispute = await tx.dispute.create({
      data: {
        decisionId: decision.id,
        filedById: user.id,
        filedByEmail: user.email,
        filedByName: user.name,
        category: input.category,
        claimedOwnerKey: input.claimedOwnerKey ?? null,
        text: input.text,
      },
    });
    await enqueueWebhookEvents(tx, "dispute.filed", [
      {
        disputeId: dispute.id,
        decisionId: decision.id,
        recordId: decision.recordId,
        category: input.category,
        claimedOwner: input.claimedOwnerKey ?? null,
        filedBy: user.email,
        text: input.text,
      },
    ]);
    await recordAudit(tx, user, {
      action: "dispute.filed",
      entityType: "dispute",
      entityId: dispute.id,
      summary: `Disputed the decision on ${decision.recordId}: ${DISPUTE_CATEGORY_LABELS[input.category]}`,
      after: dispute,
    });
    return dispute;
  });
}

/**
 * RevOps' answer to a dispute. Resolving with `reassign` upholds it in one step: the record moves
 * to the owner the filer claimed (an override, reason wrong owner, note "Dispute upheld: …",
 * loads moved) in the same transaction as the answer.
 */
export async function triageDispute(user: CurrentUser, input: Omit<TriageDisputeInput, "reassign"> & { reassign?: boolean }) {
  assertCan(user, "disputes:triage", "triage disputes");
  const claimed = input.reassign
    ? (await db().dispute.findUnique({ where: { id: input.disputeId }, select: { claimedOwnerKey: true } }))?.claimedOwnerKey
    : null;
  if (input.reassign) {
    assertCan(user, "decisions:override", "reassign decisions");
    if (!claimed)
      throw new AppError("VALIDATION", "The filer named no owner: resolve it, then reassign from the decision.", {
        fieldErrors: { reassign: ["No claimed owner."] },
      });
    await checkOverrideTarget({ toAssignee: claimed });
  }
  const result = await db().$transaction(async (tx) => {
    const before = await tx.dispute.findUnique({ where: { id: input.disputeId } });
    if (!before) throw new AppError("NOT_FOUND", "That dispute does not exist.");
    if (before.status === "resolved" || before.status === "rejected") throw new AppError("CONFLICT", "This dispute is closed already.");
    if (claimed)
      await applyOverride(tx, user, {
        decisionIds: [before.decisionId],
        toAssignee: claimed,
        reasonCode: "wrong_owner",
        note: `Dispute upheld${input.note ? `: ${input.note}` : ""}`,
      });
    const closing = input.status !== "in_review";
    const after = await tx.dispute.update({
      where: { id: input.disputeId },
      data: {
        status: input.status,
        resolution: input.status === "resolved" ? input.resolution : null,
        resolutionNote: input.note || before.resolutionNote,
        resolvedByEmail: closing ? user.email : null,
        resolvedAt: closing ? new Date() : null,
      },
    });
    if (closing)
      await enqueueWebhookEvents(tx, "dispute.resolved", [
        {
          disputeId: after.id,
          decisionId: after.decisionId,
          status: after.status,
          resolution: after.resolution,
          note: after.resolutionNote,
          by: user.email,
        },
      ]);
    await recordAudit(tx, user, {
      action: `dispute.${input.status}`,
      entityType: "dispute",
      entityId: after.id,
      summary: `Dispute ${input.status === "in_review" ? "taken into review" : input.status === "resolved" ? `resolved as ${input.resolution?.replace(/_/g, " ")}${claimed ? `, record reassigned to ${claimed}` : ""}` : "rejected"}${input.note ? `: ${input.note}` : ""}`,
      before,
      after,
    });
    return after;
  });
  if (claimed) countOverrides(1);
  return result;
}

/** The dispute as a test case expecting the claimed owner (or `owner` when RevOps corrects it). */
export async function disputeToTestCase(user: CurrentUser, input: { disputeId: string; key: string; owner?: string }) {
  assertCan(user, "tests:manage", "create test cases");
  const dispute = await db().dispute.findUnique({ where: { id: input.disputeId }, include: { decision: true } });
  if (!dispute) throw new AppError("NOT_FOUND", "That dispute does not exist.");
  if (dispute.testCaseId) throw new AppError("CONFLICT", "This dispute is a test case already.");
  const owner = input.owner || dispute.claimedOwnerKey;
  if (!owner)
    throw new AppError("VALIDATION", "Say which owner the test case should expect.", {
      fieldErrors: { owner: ["Choose the owner the fixed policy must give it to."] },
    });
  const version = await db().policyVersion.findUniqueOrThrow({
    where: { id: dispute.decision.policyVersionId },
    select: { policyId: true },
  });
  const name = await memberNames([owner]);
  const decision = readStoredDecision(dispute.decision.decision, dispute.decision.id);
  const created = await saveCaseFromDecision(user, version.policyId, decision, {
    key: input.key,
    name: `Dispute: ${decision.recordId} should go to ${name(owner)}`,
    tags: ["dispute", dispute.category],
    description: `From dispute by ${dispute.filedByName} (${DISPUTE_CATEGORY_LABELS[dispute.category as keyof typeof DISPUTE_CATEGORY_LABELS] ?? dispute.category}): ${dispute.text}`,
    expect: { kind: "assigned", owner },
  });
  await db().dispute.update({ where: { id: dispute.id }, data: { testCaseId: created.id } });
  return created;
}

export interface DisputeFilter {
  status?: string;
  category?: string;
  page: number;
}

const PAGE_SIZE = 25;

/** RevOps see every dispute; the field sees the ones they filed. */
export async function listDisputes(user: CurrentUser, filter: DisputeFilter) {
  const triage = hasPermission(user.role, "disputes:read");
  if (!triage) assertCan(user, "disputes:file", "see disputes");
  const where: Prisma.DisputeWhereInput = {
    ...(triage ? {} : { filedById: user.id }),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { category: filter.category } : {}),
  };
  const [rows, total, counts] = await Promise.all([
    db().dispute.findMany({
      where,
      orderBy: [{ createdAt: "desc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: {
        decision: {
          select: {
            id: true,
            recordId: true,
            objectType: true,
            kind: true,
            assigneeKey: true,
            queueKey: true,
            ruleKey: true,
            versionNumber: true,
          },
        },
      },
    }),
    db().dispute.count({ where }),
    db().dispute.groupBy({ by: ["status"], where: triage ? {} : { filedById: user.id }, _count: { _all: true } }),
  ]);
  const name = await memberNames(rows.flatMap((r) => [r.claimedOwnerKey, r.decision.assigneeKey]));
  return {
    rows: rows.map((r) => ({
      ...r,
      claimedOwnerName: r.claimedOwnerKey ? name(r.claimedOwnerKey) : null,
      assigneeName: r.decision.assigneeKey ? name(r.decision.assigneeKey) : null,
    })),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>,
  };
}

export async function getDispute(user: CurrentUser, id: string) {
  const dispute = await db().dispute.findUnique({
    where: { id },
    include: {
      decision: {
        select: {
          id: true,
          recordId: true,
          objectType: true,
          kind: true,
          assigneeKey: true,
          queueKey: true,
          ruleKey: true,
          intent: true,
          versionNumber: true,
          policyVersionId: true,
          decision: true,
        },
      },
    },
  });
  if (!dispute || (!hasPermission(user.role, "disputes:read") && dispute.filedById !== user.id))
    throw new AppError("NOT_FOUND", "That dispute does not exist.");
  const name = await memberNames([dispute.claimedOwnerKey, dispute.decision.assigneeKey]);
  const testCase = dispute.testCaseId
    ? await db().testCase.findUnique({ where: { id: dispute.testCaseId }, select: { id: true, key: true, name: true } })
    : null;
  // The claimed owner's availability now: upholding the dispute hands them the record.
  const claimed = dispute.claimedOwnerKey
    ? await db().member.findUnique({
        where: { email: dispute.claimedOwnerKey },
        select: { name: true, active: true, activeLoad: true, capacity: true, outOfOfficeFrom: true, outOfOfficeUntil: true },
      })
    : null;
  const claimedOwner = claimed
    ? { name: claimed.name, load: claimed.activeLoad, capacity: claimed.capacity, availability: availabilityOf(claimed, new Date()) }
    : null;
  return { dispute, name, testCase, claimedOwner };
}
