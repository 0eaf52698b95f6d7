/**
 * A version that floods a queue: the monitor sees the jump against the same window before the
 * publish, stores one alert (announced by webhook), and rolling back clears the banner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { approvedVersion, as } from "@/lib/server/policies/workflow.test-helpers";
import { publishVersion, rollbackTo } from "@/lib/server/policies/workflow";
import { routeRecords } from "@/lib/server/routing/route-records";
import { createWebhook } from "@/lib/server/webhooks/webhooks";
import { DEFAULT_THRESHOLDS } from "@/lib/engine/publish-monitor";
import { checkLiveVersions, liveAlerts, monitorVersion } from "./publish-monitor";
import { saveThresholds } from "./thresholds";

const smbLead = (id: string) => ({
  id,
  type: "lead" as const,
  fields: { email_domain: `${id}.example`, segment: "smb", region: "NA", fit_score: 60, lead_source: "content" },
});

// The flood moves member loads: put them back for the files that follow (they may run in any order).
let loads: Array<{ email: string; activeLoad: number }> = [];
beforeAll(async () => {
  loads = await db().member.findMany({ select: { email: true, activeLoad: true } });
});
afterAll(async () => {
  for (const m of loads) await db().member.updateMany({ where: { email: m.email }, data: { activeLoad: m.activeLoad } });
});

describe("post-publish monitor (real Postgres)", () => {
  it("raises an alert when a publish floods a queue, once, with a webhook; rollback clears it", async () => {
    const hook = await createWebhook(await as.admin(), { name: "it-monitor", url: "http://127.0.0.1:9/alerts", events: ["publish.alert"] });
    // The windows sit at a time of their own (a year ahead), away from the other files' traffic.
    const published = new Date(Date.now() + 365 * 86_400_000);
    // Before: SMB leads go to the SMB pool.
    await routeRecords({
      records: Array.from({ length: 30 }, (_, i) => smbLead(`mon-before-${i}`)),
      source: "batch",
      now: new Date(published.getTime() - 5 * 60_000),
    });
    const flood = await approvedVersion((d) => {
      d.rules.find((r) => r.key === "smb-new-logo")!.action = { type: "queue", queue: "sdr-inbound" };
    }, "Sends SMB leads to the SDR team first.");
    await publishVersion(await as.admin(), flood.id, "Monitor test: the suite expects the SMB pool.");
    const realPublishedAt = (await db().policyVersion.findUniqueOrThrow({ where: { id: flood.id } })).publishedAt;
    await db().policyVersion.update({ where: { id: flood.id }, data: { publishedAt: published } });
    // After: the same traffic floods sdr-inbound.
    await routeRecords({
      records: Array.from({ length: 30 }, (_, i) => smbLead(`mon-after-${i}`)),
      source: "batch",
      now: new Date(published.getTime() + 5 * 60_000),
    });

    const at = new Date(published.getTime() + 10 * 60_000);
    const report = (await monitorVersion(flood.id, at))!;
    expect(report.windowMinutes).toBe(10);
    // SDRs near their caps overflow to routing-review: the flood shows on one or both.
    const flooded = ["sdr-inbound", "routing-review"];
    expect((report.after.byQueue["sdr-inbound"] ?? 0) + (report.after.byQueue["routing-review"] ?? 0)).toBeGreaterThanOrEqual(30);
    const alert = report.alerts.find((a) => a.metric === "queue_volume" && flooded.includes(a.key));
    expect(alert, JSON.stringify(report.alerts)).toBeTruthy();
    expect(alert!.after).toBeGreaterThanOrEqual(3 * Math.max(1, alert!.before));

    const created = await checkLiveVersions(at);
    expect(created.some((a) => a.key === alert!.key)).toBe(true);
    expect(await checkLiveVersions(at)).toEqual([]);
    const banner = await liveAlerts();
    expect(banner.find((a) => a.versionId === flood.id && a.key === alert!.key)?.previous?.id).toBe(report.previous!.id);
    const outbox = await db().webhookDelivery.findMany({ where: { subscriptionId: hook.id, event: "publish.alert" } });
    expect(outbox.some((d) => (d.payload as { key: string }).key === alert!.key)).toBe(true);

    // Thresholds are RevOps's to set: a volume multiple above the flood judges it quiet.
    await expect(saveThresholds(await as.field(), { ...DEFAULT_THRESHOLDS, volumeRatio: 100 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await saveThresholds(await as.revops(), { ...DEFAULT_THRESHOLDS, volumeRatio: 100, volumeMin: 1000 });
    const lenient = (await monitorVersion(flood.id, at))!;
    expect(lenient.thresholds.volumeRatio).toBe(100);
    expect(lenient.alerts.filter((a) => a.metric === "queue_volume")).toEqual([]);
    await saveThresholds(await as.revops(), DEFAULT_THRESHOLDS);
    expect((await monitorVersion(flood.id, at))!.alerts.some((a) => a.key === alert!.key)).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "monitor.thresholds_changed" } })).toBeGreaterThanOrEqual(2);

    // One click: roll back to the version before, reason prefilled by the banner.
    await rollbackTo(await as.approver(), report.previous!.id, `Post-publish monitor: ${alert!.message}`);
    expect((await liveAlerts()).some((a) => a.versionId === flood.id)).toBe(false);
    await db().webhookSubscription.delete({ where: { id: hook.id } });
    // The changelog of the files that follow should not see a version published a year ahead.
    await db().policyVersion.update({ where: { id: flood.id }, data: { publishedAt: realPublishedAt } });
  });
});
