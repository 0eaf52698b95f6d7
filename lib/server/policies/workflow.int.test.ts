import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { listChangelog } from "./queries";
import {
  createDraft,
  publishVersion,
  reviewVersion,
  rollbackTo,
  saveDraft,
  schedulePublish,
  submitVersion,
  updatePolicySettings,
  withdrawVersion,
} from "./workflow";
import { approvedVersion, as, policy, referenceDocument, rejects } from "./workflow.test-helpers";

describe("change control (real Postgres)", () => {
  it("starts with the reference policy live and its canonical cases stored", async () => {
    const p = await db().policy.findFirstOrThrow({ include: { liveVersion: true, _count: { select: { testCases: true } } } });
    expect(p.liveVersion?.status).toBe("PUBLISHED");
    expect(p._count.testCases).toBeGreaterThanOrEqual(12);
    expect(p.liveVersion?.suiteResult).toMatchObject({ failed: 0 });
  });

  it("a FIELD user cannot create or edit drafts; an approver cannot author", async () => {
    const p = await policy();
    await rejects(createDraft(await as.field(), p.id), "FORBIDDEN");
    await rejects(createDraft(await as.approver(), p.id), "FORBIDDEN");
    const draft = await createDraft(await as.revops(), p.id);
    await rejects(saveDraft(await as.field(), draft.id, {}, 0), "FORBIDDEN");
  });

  it("REVOPS cannot approve, and nobody approves their own version", async () => {
    const revops = await as.revops();
    const admin = await as.admin();
    const p = await policy();
    const mine = await createDraft(revops, p.id);
    await submitVersion(revops, mine.id, "A change note that says enough.");
    await rejects(reviewVersion(revops, mine.id, "approve", ""), "FORBIDDEN");
    const adminDraft = await createDraft(admin, p.id);
    await submitVersion(admin, adminDraft.id, "Admin's own change, needs review.");
    await rejects(reviewVersion(admin, adminDraft.id, "approve", ""), "FORBIDDEN", /another approver must review it/);
  });

  it("submitting needs a valid document and a change note", async () => {
    const revops = await as.revops();
    const draft = await createDraft(revops, (await policy()).id);
    await rejects(submitVersion(revops, draft.id, "short"), "VALIDATION", /change note/);
    const broken = structuredClone(await referenceDocument()) as unknown as { rules: Array<{ when?: unknown }> };
    broken.rules[0]!.when = { field: "nope", op: "eq", value: 1 };
    const saved = await saveDraft(revops, draft.id, broken, draft.revision);
    expect(saved.problems[0]?.message).toMatch(/not declared/);
    await rejects(submitVersion(revops, draft.id, "This would break things badly."), "VALIDATION", /1 problem/);
  });

  it("a stale editor gets a conflict instead of overwriting someone else's save", async () => {
    const revops = await as.revops();
    const draft = await createDraft(revops, (await policy()).id);
    const doc = await referenceDocument();
    await saveDraft(revops, draft.id, { ...doc, description: "first save" }, draft.revision);
    await rejects(
      saveDraft(revops, draft.id, { ...doc, description: "second tab" }, draft.revision),
      "CONFLICT",
      /Someone else saved this draft/,
    );
    const stored = await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } });
    expect((stored.document as { description: string }).description).toBe("first save");
  });

  it("publishing runs the suite: a failing case blocks; only an admin may override, with a reason that is recorded", async () => {
    const broken = await approvedVersion((d) => {
      d.suppressions = d.suppressions.filter((s) => s.key !== "sensitive-escalation");
    }, "Drop the escalation suppression (breaks a canonical case).");
    await rejects(publishVersion(await as.approver(), broken.id), "VALIDATION", /1 test case fail.*sensitive-escalation/);
    await rejects(publishVersion(await as.approver(), broken.id, "ship it anyway"), "FORBIDDEN", /Only an admin/);
    const { suite } = await publishVersion(await as.admin(), broken.id, "Escalation list is stale; CS confirmed for this week.");
    expect(suite).toMatchObject({ failed: 1, failing: ["sensitive-escalation"] });
    const stored = await db().policyVersion.findUniqueOrThrow({ where: { id: broken.id } });
    expect(stored).toMatchObject({ status: "PUBLISHED", overrideReason: "Escalation list is stale; CS confirmed for this week." });
  });

  it("two approvers publishing at once: exactly one wins, the other gets a 409", async () => {
    const version = await approvedVersion((d) => {
      d.rules.find((r) => r.key === "enterprise-na-new-logo")!.sla = "90m";
    }, "North American enterprise new logos get a 90-minute SLA.");
    const approver = await as.approver();
    const admin = await as.admin();
    const results = await Promise.allSettled([publishVersion(approver, version.id), publishVersion(admin, version.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).code).toBe("CONFLICT");
    const p = await db().policy.findFirstOrThrow();
    expect(p.liveVersionId).toBe(version.id);
    expect(await db().policyVersion.count({ where: { policyId: p.id, status: "PUBLISHED" } })).toBe(1);
  });

  it("the author withdraws an approved version back to draft: review cleared, its scheduled publish cancelled; others cannot", async () => {
    const v = await approvedVersion((d) => {
      d.description = "Withdrawn before it went live.";
    }, "A change we decide not to ship yet.");
    await schedulePublish(await as.approver(), v.id, new Date(Date.now() + 3_600_000));
    await rejects(withdrawVersion(await as.approver(), v.id), "FORBIDDEN");
    await rejects(withdrawVersion(await as.field(), v.id), "FORBIDDEN");
    await withdrawVersion(await as.revops(), v.id);
    expect(await db().policyVersion.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({
      status: "DRAFT",
      reviewerId: null,
      reviewedAt: null,
      publishAt: null,
    });
    await rejects(withdrawVersion(await as.revops(), v.id), "CONFLICT", /only a version in review or approved/);
    expect((await db().auditEvent.findFirstOrThrow({ where: { entityId: v.id, action: "version.withdrawn" } })).summary).toMatch(
      /^Withdrew v\d+ from review/,
    );
    // Back in review, it needs a new approval before it can be published.
    await submitVersion(await as.revops(), v.id, "A change we decide to ship after all.");
    await rejects(publishVersion(await as.approver(), v.id), "CONFLICT", /only an approved version/);
  });

  it("rollback republishes an earlier version as a new live version, and the changelog shows it", async () => {
    const p = await policy();
    const first = await db().policyVersion.findFirstOrThrow({ where: { policyId: p.id, number: 1 } });
    const restored = await rollbackTo(await as.approver(), first.id, "The shorter SLA overloaded the NA team.");
    const now = await db().policy.findFirstOrThrow({ include: { liveVersion: true } });
    expect(now.liveVersionId).toBe(restored.id);
    expect(now.liveVersion?.contentHash).toBe(first.contentHash);
    expect(now.liveVersion?.rollbackOfId).toBe(first.id);
    const log = await listChangelog();
    expect(log[0]).toMatchObject({ id: restored.id, changeNote: "Rollback to v1: The shorter SLA overloaded the NA team." });
    const audit = await db().auditEvent.findMany({ where: { entityId: restored.id } });
    expect(audit.map((a) => a.action)).toEqual(["version.rolled_back"]);
  });

  it("with rollbacks through review (an admin's setting), a rollback is a submitted version: live stays until another approver approves and it is published", async () => {
    const p = await policy();
    await rejects(updatePolicySettings(await as.revops(), p.id, { rollbackRequiresReview: true }), "FORBIDDEN");
    await updatePolicySettings(await as.admin(), p.id, { rollbackRequiresReview: true });
    try {
      const liveBefore = (await db().policy.findUniqueOrThrow({ where: { id: p.id } })).liveVersionId;
      const target = await db().policyVersion.findFirstOrThrow({
        where: { policyId: p.id, status: "SUPERSEDED" },
        orderBy: { number: "desc" },
      });
      const approver = await as.approver();
      const submitted = await rollbackTo(approver, target.id, "Territory change stranded APAC accounts.");
      expect(submitted).toMatchObject({
        status: "SUBMITTED",
        rollbackOfId: target.id,
        contentHash: target.contentHash,
        authorId: approver.id,
        changeNote: `Rollback to v${target.number}: Territory change stranded APAC accounts.`,
      });
      expect((await db().policy.findUniqueOrThrow({ where: { id: p.id } })).liveVersionId).toBe(liveBefore);
      // Four eyes: the approver who asked for it cannot approve it, nor publish it unapproved.
      await rejects(reviewVersion(approver, submitted.id, "approve", ""), "FORBIDDEN", /another approver/);
      await rejects(publishVersion(approver, submitted.id), "CONFLICT", /only an approved version/);
      await reviewVersion(await as.admin(), submitted.id, "approve", "Agreed, roll it back.");
      await publishVersion(approver, submitted.id);
      expect((await db().policy.findUniqueOrThrow({ where: { id: p.id } })).liveVersionId).toBe(submitted.id);
      const audit = await db().auditEvent.findMany({ where: { entityId: { in: [submitted.id, p.id] } }, orderBy: { at: "asc" } });
      expect(audit.map((a) => a.action)).toEqual([
        "policy.settings_changed",
        "version.rollback_submitted",
        "version.approved",
        "version.published",
      ]);
    } finally {
      await updatePolicySettings(await as.admin(), p.id, { rollbackRequiresReview: false });
    }
  });
});
