import { afterAll, describe, expect, it, vi } from "vitest";
import { validatePolicy } from "@/lib/engine/validate-policy";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { getBoss, QUEUES, stopBoss } from "@/lib/server/jobs/boss";
import { createDraft, saveDraft } from "@/lib/server/policies/workflow";
import { executeImpactRun, requestImpactRun } from "./impact-runs";
import { impactRunView } from "./impact-view";

async function revops(): Promise<CurrentUser> {
  const u = await db().user.findUniqueOrThrow({ where: { email: "revops@lumendata.example" } });
  return { id: u.id, email: u.email, name: u.name, role: u.role, memberId: null, memberName: null, memberKey: null };
}

afterAll(async () => {
  await stopBoss();
});

describe("impact preview (real Postgres, pg-boss worker)", () => {
  it("a worker picks the job up and reports what moves, with progress to the end", async () => {
    const user = await revops();
    const policy = await db().policy.findFirstOrThrow();
    const v1 = await db().policyVersion.findFirstOrThrow({ where: { policyId: policy.id, number: 1 } });
    const draft = await createDraft(user, policy.id, v1.id);
    const doc = validatePolicy(v1.document);
    if (!doc.ok) throw new Error("reference invalid");
    const next = structuredClone(doc.policy);
    next.rules.find((r) => r.key === "smb-new-logo")!.action = { type: "queue", queue: "sdr-inbound" };
    await saveDraft(user, draft.id, next, draft.revision);

    // Compare the draft with v1 explicitly (whatever earlier tests made live).
    const run = await requestImpactRun(user, draft.id, v1.id);
    expect(run.status).toBe("queued");

    const boss = await getBoss();
    await boss.work<{ runId: string }>(QUEUES.impactPreview, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await executeImpactRun(job.data.runId, new Date("2026-11-25T12:00:00Z"));
    });
    const done = await vi.waitFor(
      async () => {
        const r = await db().impactRun.findUniqueOrThrow({ where: { id: run.id } });
        if (r.status !== "done") throw new Error(`still ${r.status}`);
        return r;
      },
      { timeout: 60_000, interval: 250 },
    );
    const companies = await db().account.count({ where: { isProductWorkspace: false } });
    expect(done.total).toBe(companies);
    expect(done.processed).toBe(companies);
    const report = done.report as {
      total: number;
      changed: number;
      byQueue: Record<string, { gained: number; lost: number }>;
      byTransition: Array<{ before: string; after: string; count: number }>;
    };
    expect(report.total).toBe(companies);
    expect(report.changed).toBeGreaterThan(0);
    // Everything that moves goes from the SMB pool to SDR inbound, in the same numbers.
    // The changed rule moves SMB leads off the SMB pool (to SDRs, or to review once SDRs are at
    // their cap); with SMB reps less loaded, some customers they own now reach them directly.
    expect(report.byTransition.reduce((n, t) => n + t.count, 0)).toBe(report.changed);
    expect(report.byQueue["smb-pool"]).toMatchObject({ gained: 0 });
    expect(report.byQueue["smb-pool"]!.lost).toBeGreaterThan(0);
    expect(report.byTransition.some((t) => t.before === "assigned:queue:smb-pool" && t.after === "assigned:queue:sdr-inbound")).toBe(true);
    expect(report.byTransition.some((t) => t.after === "assigned:queue:smb-pool")).toBe(false);

    // In the console's words: direct moves (the changed rule) apart from knock-ons (customers'
    // owners who now have room), adding up to the same total; queues, rules and members by name.
    const view = (await impactRunView(run.id)).report!;
    expect(view.direct + view.knockOn).toBe(view.changed);
    expect(view.moves.reduce((n, m) => n + m.count, 0) + view.otherMoves).toBe(view.changed);
    const direct = view.moves.filter((m) => m.kind === "direct");
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((m) => m.before.rule?.key === "smb-new-logo" && m.before.queue?.name === "SMB pool")).toBe(true);
    expect(
      view.moves
        .filter((m) => m.kind === "knock_on")
        .every((m) => m.before.rule?.key === m.after.rule?.key && m.before.rule?.key !== "smb-new-logo"),
    ).toBe(true);
    expect(view.byQueue["SMB pool"]).toMatchObject({ gained: 0 });
    expect(view.moves.flatMap((m) => m.samples).every((s) => s.name !== s.id)).toBe(true);
  });

  it("previews on the records of the latest decisions, as they came in", async () => {
    const user = await revops();
    const policy = await db().policy.findFirstOrThrow({ where: { key: { not: "concurrency-lab" } }, orderBy: { createdAt: "asc" } });
    const v1 = await db().policyVersion.findFirstOrThrow({ where: { policyId: policy.id, number: 1 } });
    const draft = await createDraft(user, policy.id, v1.id);
    const doc = validatePolicy(v1.document);
    if (!doc.ok) throw new Error("reference invalid");
    const next = structuredClone(doc.policy);
    next.rules.find((r) => r.key === "smb-new-logo")!.action = { type: "queue", queue: "sdr-inbound" };
    await saveDraft(user, draft.id, next, draft.revision);
    const run = await requestImpactRun(user, draft.id, v1.id, "recent_decisions");
    const versions = await db().policyVersion.findMany({ where: { policyId: policy.id }, select: { id: true } });
    const decisions = await db().decision.count({ where: { policyVersionId: { in: versions.map((v) => v.id) } } });
    expect(run.total).toBe(Math.min(10_000, decisions));
    await executeImpactRun(run.id, new Date("2026-11-25T12:00:00Z"));
    const done = await db().impactRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe("done");
    const report = done.report as { total: number; changed: number; samples: Array<{ recordId: string }> };
    expect(report.total).toBe(run.total);
    expect(report.changed).toBeGreaterThan(0);
    // The samples are routed records (leads, signals…), not accounts.
    const ids = new Set((await db().decision.findMany({ select: { recordId: true } })).map((d) => d.recordId));
    expect(report.samples.every((s) => ids.has(s.recordId))).toBe(true);
  });

  it("refuses a version with problems", async () => {
    const user = await revops();
    const policy = await db().policy.findFirstOrThrow();
    const draft = await createDraft(user, policy.id);
    await saveDraft(user, draft.id, { apiVersion: "switchyard/v1" }, draft.revision);
    await expect(requestImpactRun(user, draft.id)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
