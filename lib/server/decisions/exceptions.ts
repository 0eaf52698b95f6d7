/**
 * Exception queues: open exceptions (and records waiting in queues) by reason, with age and SLA
 * status. The SLA of an exception is its queue's SLA in the live version.
 */
import type { DecisionListQuery } from "@/lib/schemas/decisions";
import { db, Prisma } from "@/lib/server/db";
import { listDecisions } from "./list-decisions";
import type { Viewer } from "./visibility";
import { livePolicy } from "@/lib/server/routing/live-policy";
import { arrivalOf } from "./overrides";

/**
 * When the record first arrived: the `receivedAt` a re-route or hand-assignment carries (always
 * written as canonical UTC ISO text, the only shape read here), else when it was decided.
 */
const ARRIVAL = Prisma.sql`LEAST("createdAt", CASE WHEN "record"->>'receivedAt' ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' THEN ("record"->>'receivedAt')::timestamptz AT TIME ZONE 'UTC' ELSE "createdAt" END)`;

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
    SELECT COALESCE("reasonCode", 'QUEUED') AS reason, "currentQueueKey" AS queue, count(*)::int AS open, min(${ARRIVAL}) AS oldest
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
            AND ${ARRIVAL} + make_interval(mins => (${JSON.stringify(queueSla)}::jsonb ->> "currentQueueKey")::int) < ${now}))
    GROUP BY 1`;
  for (const b of breachedExceptions) {
    const g = groups.get(b.reason);
    if (g) g.breached = b.n;
  }
  const order = [
    "MISSING_INPUT",
    "INVALID_INPUT",
    "DUPLICATE",
    "OWNER_INACTIVE",
    "UNKNOWN_OWNER",
    "NO_AVAILABLE_ASSIGNEE",
    "INVALID_RECORD",
    "QUEUED",
  ];
  return { groups: [...groups.values()].sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason)), queueSla };
}

export interface ExceptionRow {
  id: string;
  recordId: string;
  objectType: string;
  reason: string;
  queue: string | null;
  message: string;
  fields: string[];
  createdAt: string;
  /** When the record first arrived (before any re-route): its age counts from here. */
  arrivedAt: string;
  /** The record's own SLA, else its queue's SLA in the live version, from when it arrived. */
  slaDueAt: string | null;
}

/** A page of open exceptions (or queued work) with the engine's message, missing fields and SLA due time. */
export async function exceptionRows(viewer: Viewer, query: DecisionListQuery, queueSla: Record<string, number | null>) {
  const page = await listDecisions(viewer, query);
  const details = await db().decision.findMany({
    where: { id: { in: page.rows.map((r) => r.id) } },
    select: { id: true, decision: true, record: true, createdAt: true },
  });
  const byId = new Map(
    details.map((r) => [
      r.id,
      { ...(r.decision as { message?: string; fields?: string[]; note?: string | null }), arrivedAt: arrivalOf(r) },
    ]),
  );
  const rows: ExceptionRow[] = page.rows.map((r) => {
    const d = byId.get(r.id);
    const queueMinutes = queueSla[r.currentQueueKey ?? ""] ?? null;
    const arrivedAt = d?.arrivedAt ?? r.createdAt.toISOString();
    const due = r.slaDueAt ?? (queueMinutes !== null ? new Date(Date.parse(arrivedAt) + queueMinutes * 60_000) : null);
    return {
      id: r.id,
      recordId: r.recordId,
      objectType: r.objectType,
      reason: r.reasonCode ?? "QUEUED",
      queue: r.currentQueueKey,
      message: d?.message ?? d?.note ?? "",
      fields: d?.fields ?? [],
      createdAt: r.createdAt.toISOString(),
      arrivedAt,
      slaDueAt: due?.toISOString() ?? null,
    };
  });
  return { rows, next: page.next };
}
