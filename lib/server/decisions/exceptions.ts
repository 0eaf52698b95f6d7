/**
 * Exception queues: open exceptions (and records waiting in queues) by reason, with age and SLA
 * status. The SLA of an exception is its queue's SLA in the live version.
 */
import { db } from "@/lib/server/db";
import { livePolicy } from "@/lib/server/routing/live-policy";

export interface ExceptionGroup {
  reason: string;
  open: number;
  oldest: Date | null;
  breached: number;
}

export async function exceptionSummary(now = new Date()): Promise<{ groups: ExceptionGroup[]; queueSla: Record<string, number | null> }> {
  const live = await livePolicy().catch(() => null);
  const queueSla: Record<string, number | null> = {};
  for (const [key, q] of live?.compiled.queues ?? []) queueSla[key] = q.slaMinutes;
  const rows = await db().$queryRaw<Array<{ reason: string; queue: string | null; open: number; oldest: Date | null }>>`
    SELECT COALESCE("reasonCode", 'QUEUED') AS reason, "currentQueueKey" AS queue, count(*)::int AS open, min("createdAt") AS oldest
    FROM "Decision" WHERE "resolvedAt" IS NULL AND kind IN ('exception', 'queued')
    GROUP BY 1, 2`;
  const groups = new Map<string, ExceptionGroup>();
  for (const r of rows) {
    const g = groups.get(r.reason) ?? { reason: r.reason, open: 0, oldest: null, breached: 0 };
    g.open += r.open;
    if (r.oldest && (!g.oldest || r.oldest < g.oldest)) g.oldest = r.oldest;
    groups.set(r.reason, g);
  }
  // Breaches: open items older than their queue's SLA (queued items carry their own due time).
  const breachedExceptions = await db().$queryRaw<Array<{ reason: string; n: number }>>`
    SELECT COALESCE("reasonCode", 'QUEUED') AS reason, count(*)::int AS n FROM "Decision"
    WHERE "resolvedAt" IS NULL AND kind IN ('exception', 'queued')
      AND (("slaDueAt" IS NOT NULL AND "slaDueAt" < ${now})
        OR ("slaDueAt" IS NULL AND "currentQueueKey" = ANY(${Object.keys(queueSla).filter((k) => queueSla[k] !== null)}::text[])
            AND "createdAt" + make_interval(mins => (${JSON.stringify(queueSla)}::jsonb ->> "currentQueueKey")::int) < ${now}))
    GROUP BY 1`;
  for (const b of breachedExceptions) {
    const g = groups.get(b.reason);
    if (g) g.breached = b.n;
  }
  const order = ["MISSING_INPUT", "INVALID_INPUT", "DUPLICATE", "NO_AVAILABLE_ASSIGNEE", "INVALID_RECORD", "QUEUED"];
  return { groups: [...groups.values()].sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason)), queueSla };
}

/** The engine's message and missing fields for each exception on a page. */
export async function exceptionDetails(ids: string[]): Promise<Map<string, { message: string; fields: string[] }>> {
  const rows = await db().decision.findMany({ where: { id: { in: ids } }, select: { id: true, decision: true } });
  return new Map(
    rows.map((r) => {
      const d = r.decision as { message?: string; fields?: string[]; note?: string | null };
      return [r.id, { message: d.message ?? d.note ?? "", fields: d.fields ?? [] }];
    }),
  );
}
