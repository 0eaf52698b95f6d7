/**
 * The post-publish monitor: for the live version, routing since it went live (up to 24 h)
 * against the same length of time before, per metric (lib/engine/publish-monitor.ts). New
 * alerts are stored once per version, metric and key, and announced by webhook
 * (`publish.alert`); pages show them with a one-click rollback to the version before.
 */
import { comparePublishWindows, type MonitorAlert, type MonitorThresholds, type WindowStats } from "@/lib/engine/publish-monitor";
import { db } from "@/lib/server/db";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/webhooks";
import { getThresholds } from "./thresholds";

const MAX_WINDOW_MS = 24 * 3_600_000;

async function windowStats(from: Date, to: Date): Promise<WindowStats> {
  const [kinds, queues, owners] = await Promise.all([
    db().$queryRaw<
      Array<{ kind: string; n: number }>
    >`SELECT kind, count(*)::int AS n FROM "Decision" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND source <> 'reroute' GROUP BY 1`,
    db().$queryRaw<
      Array<{ k: string; n: number }>
    >`SELECT "queueKey" AS k, count(*)::int AS n FROM "Decision" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND "queueKey" IS NOT NULL GROUP BY 1`,
    db().$queryRaw<
      Array<{ k: string; n: number }>
    >`SELECT "assigneeKey" AS k, count(*)::int AS n FROM "Decision" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND "assigneeKey" IS NOT NULL GROUP BY 1`,
  ]);
  const count = (k: string) => kinds.find((x) => x.kind === k)?.n ?? 0;
  return {
    total: kinds.reduce((n, x) => n + x.n, 0),
    exceptions: count("exception"),
    suppressed: count("suppressed"),
    byQueue: Object.fromEntries(queues.map((q) => [q.k, q.n])),
    byOwner: Object.fromEntries(owners.map((o) => [o.k, o.n])),
  };
}

export interface MonitorReport {
  versionId: string;
  versionNumber: number;
  publishedAt: Date;
  windowMinutes: number;
  before: WindowStats;
  after: WindowStats;
  alerts: MonitorAlert[];
  /** The thresholds the alerts were judged by. */
  thresholds: MonitorThresholds;
  /** The version that was live before (the rollback target), if any. */
  previous: { id: string; number: number } | null;
}

/** The version that was live before this one went out: the rollback target. */
async function previousPublished(versionId: string): Promise<{ id: string; number: number } | null> {
  const v = await db().policyVersion.findUnique({ where: { id: versionId }, select: { policyId: true, publishedAt: true } });
  if (!v?.publishedAt) return null;
  return db().policyVersion.findFirst({
    where: { policyId: v.policyId, publishedAt: { lt: v.publishedAt } },
    orderBy: { publishedAt: "desc" },
    select: { id: true, number: true },
  });
}

/** The monitor for one published version, as of `now` (read-only). */
export async function monitorVersion(versionId: string, now = new Date()): Promise<MonitorReport | null> {
  const v = await db().policyVersion.findUnique({
    where: { id: versionId },
    select: { id: true, number: true, publishedAt: true, policyId: true },
  });
  if (!v?.publishedAt) return null;
  const window = Math.max(0, Math.min(now.getTime() - v.publishedAt.getTime(), MAX_WINDOW_MS));
  const start = v.publishedAt;
  const [before, after, previous, thresholds] = await Promise.all([
    windowStats(new Date(start.getTime() - window), start),
    windowStats(start, new Date(start.getTime() + window)),
    previousPublished(v.id),
    getThresholds(),
  ]);
  return {
    versionId: v.id,
    versionNumber: v.number,
    publishedAt: v.publishedAt,
    windowMinutes: Math.round(window / 60_000),
    before,
    after,
    alerts: comparePublishWindows(before, after, thresholds),
    thresholds,
    previous,
  };
}

/** The worker's check of every live version: stores new alerts and announces them. Returns the new ones. */
export async function checkLiveVersions(now = new Date()) {
  const live = await db().policy.findMany({ where: { liveVersionId: { not: null } }, select: { liveVersionId: true } });
  const created = [];
  for (const p of live) {
    const report = await monitorVersion(p.liveVersionId!, now);
    if (!report) continue;
    for (const a of report.alerts) {
      const row = await db().$transaction(async (tx) => {
        const inserted = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO "PublishAlert" (id, "versionId", metric, key, before, after, message)
          VALUES (${`pa_${report.versionId}_${a.metric}_${a.key}`.slice(0, 190)}, ${report.versionId}, ${a.metric}, ${a.key}, ${a.before}, ${a.after}, ${a.message})
          ON CONFLICT ("versionId", metric, key) DO NOTHING RETURNING id`;
        if (inserted.length) {
          await enqueueWebhookEvents(tx, "publish.alert", [
            {
              versionId: report.versionId,
              version: report.versionNumber,
              metric: a.metric,
              key: a.key,
              before: a.before,
              after: a.after,
              message: a.message,
              rollbackTo: report.previous,
            },
          ]);
        }
        return inserted[0] ?? null;
      });
      if (row) created.push({ ...a, versionId: report.versionId });
    }
  }
  return created;
}

/** Stored alerts of the versions that are live now (for the banners on Policies and Insights). */
export async function liveAlerts() {
  const live = await db().policy.findMany({
    where: { liveVersionId: { not: null } },
    select: { liveVersionId: true, rollbackRequiresReview: true },
  });
  const ids = live.map((p) => p.liveVersionId!);
  if (!ids.length) return [];
  const throughReview = new Map(live.map((p) => [p.liveVersionId!, p.rollbackRequiresReview]));
  const [alerts, versions] = await Promise.all([
    db().publishAlert.findMany({ where: { versionId: { in: ids } }, orderBy: { createdAt: "desc" } }),
    db().policyVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }),
  ]);
  // The rollback target only: no need to recount the windows for a banner.
  const previous = new Map<string, { id: string; number: number } | null>();
  for (const id of new Set(alerts.map((a) => a.versionId))) previous.set(id, await previousPublished(id));
  return alerts.map((a) => ({
    ...a,
    versionNumber: versions.find((v) => v.id === a.versionId)?.number ?? 0,
    previous: previous.get(a.versionId) ?? null,
    rollbackThroughReview: throughReview.get(a.versionId) ?? false,
  }));
}
