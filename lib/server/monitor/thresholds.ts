/**
 * The post-publish monitor's thresholds: stored on the organisation (RevOps and approvers set
 * them on Insights), the engine's defaults for any not set. Every change is audited.
 */
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from "@/lib/engine/publish-monitor";
import type { MonitorThresholdsInput } from "@/lib/schemas/monitor";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";

export async function getThresholds(): Promise<MonitorThresholds> {
  const org = await db().organization.findFirst({ select: { monitorThresholds: true } });
  const stored = (org?.monitorThresholds ?? {}) as Partial<MonitorThresholds>;
  const out = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof MonitorThresholds>) {
    if (typeof stored[k] === "number" && Number.isFinite(stored[k])) out[k] = stored[k];
  }
  return out;
}

export async function saveThresholds(user: CurrentUser, input: MonitorThresholdsInput): Promise<MonitorThresholds> {
  assertCan(user, "monitor:manage", "change the monitor's thresholds");
  const before = await getThresholds();
  await db().$transaction(async (tx) => {
    const org = await tx.organization.findFirstOrThrow({ select: { id: true } });
    await tx.organization.update({ where: { id: org.id }, data: { monitorThresholds: { ...input } } });
    await recordAudit(
      tx,
      { id: user.id, email: user.email },
      {
        action: "monitor.thresholds_changed",
        entityType: "system",
        entityId: "monitor-thresholds",
        summary: `Changed the post-publish monitor's thresholds`,
        before,
        after: input,
      },
    );
  });
  return { ...input };
}
