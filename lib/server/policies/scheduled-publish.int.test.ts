import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { getBoss, QUEUES, stopBoss } from "@/lib/server/jobs/boss";
import { runScheduledPublish, schedulePublish } from "./workflow";
import { approvedVersion, as, rejects } from "./workflow.test-helpers";

afterAll(async () => {
  await stopBoss();
});

describe("scheduled publish (real Postgres, pg-boss worker)", () => {
  it("refuses a time in the past", async () => {
    const v = await approvedVersion((d) => (d.description = "past"), "Only a description change for the test.");
    await rejects(schedulePublish(await as.approver(), v.id, new Date(Date.now() - 60_000)), "VALIDATION", /future/);
  });

  it("goes live at the scheduled time through the worker, with the usual checks", async () => {
    const boss = await getBoss();
    await boss.work<{ versionId: string; at: string }>(
      QUEUES.scheduledPublish,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (job) await runScheduledPublish(job.data.versionId, job.data.at);
      },
    );

    const good = await approvedVersion((d) => {
      d.rules.find((r) => r.key === "enterprise-apac-new-logo")!.sla = "3h";
    }, "APAC enterprise new logos get three hours (time zones).");
    await schedulePublish(await as.approver(), good.id, new Date(Date.now() + 1500));
    expect((await db().policy.findFirstOrThrow()).liveVersionId).not.toBe(good.id);
    await vi.waitFor(
      async () => {
        const p = await db().policy.findFirstOrThrow();
        if (p.liveVersionId !== good.id) throw new Error("not live yet");
      },
      { timeout: 30_000, interval: 250 },
    );
    const published = await db().policyVersion.findUniqueOrThrow({ where: { id: good.id } });
    expect(published).toMatchObject({ status: "PUBLISHED", publishAt: null });

    // A scheduled version whose test cases fail does not go live; the audit trail says why.
    const bad = await approvedVersion((d) => {
      d.suppressions = d.suppressions.filter((s) => s.key !== "low-fit");
    }, "Stop suppressing low-fit leads (breaks a canonical case).");
    await schedulePublish(await as.approver(), bad.id, new Date(Date.now() + 1000));
    const failure = await vi.waitFor(
      async () => {
        const e = await db().auditEvent.findFirst({ where: { entityId: bad.id, action: "version.scheduled_publish_failed" } });
        if (!e) throw new Error("not run yet");
        return e;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(failure.summary).toMatch(/low-fit-prospect/);
    expect(await db().policyVersion.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({ status: "APPROVED", publishAt: null });
    expect((await db().policy.findFirstOrThrow()).liveVersionId).toBe(good.id);
  });

  it("ignores a job whose schedule was changed since", async () => {
    expect(await runScheduledPublish("no-such-version", new Date().toISOString())).toBe("skipped");
  });
});
