/**
 * Queues as routing uses them: read from each policy's live version (its queues, members,
 * weights, caps, overflow and SLA), joined with the members' availability now. The one source
 * for Members & queues, the home page and the members list — a queue a publish adds appears at
 * once, and nothing shown here is a value routing ignores.
 */
import { availabilityOf, type Availability } from "@/lib/members/availability";
import { durationMinutes } from "@/lib/engine/duration";
import type { PolicyDocument } from "@/lib/engine/policy-schema";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { db } from "@/lib/server/db";

export type QueueKind = "routing" | "review" | "exceptions";

export interface LiveQueueMember {
  /** The policy's member key (an email). */
  key: string;
  /** The Member row's id, or null when the policy names someone who is not a member. */
  id: string | null;
  name: string;
  weight: number;
  /** Per-queue cap on open assignments; null = the member's own capacity. */
  cap: number | null;
  /** With `capCounts: queue`: the open assignments this queue gave them (null otherwise). */
  queueLoad: number | null;
  availability: Availability | "unknown";
  /** Can take work from this queue now (active, in office, under the cap, weight above 0). */
  available: boolean;
}

export interface LiveQueue {
  key: string;
  name: string;
  description: string;
  kind: QueueKind;
  distribution: PolicyDocument["queues"][number]["distribution"];
  /** What the members' caps count: all their open work, or only this queue's. */
  capCounts: "total" | "queue";
  slaMinutes: number | null;
  overflow: { key: string; name: string } | null;
  members: LiveQueueMember[];
  availableCount: number;
  policy: { key: string; name: string; versionId: string; versionNumber: number };
}

/** Each policy's live document (policies without a live version, or whose document no longer validates, have none). */
export async function liveDocuments(): Promise<Array<{ policy: LiveQueue["policy"]; document: PolicyDocument }>> {
  const policies = await db().policy.findMany({
    where: { liveVersionId: { not: null } },
    orderBy: { createdAt: "asc" },
    include: { liveVersion: { select: { id: true, number: true, document: true } } },
  });
  return policies.flatMap((p) => {
    const v = p.liveVersion ? validatePolicy(p.liveVersion.document) : null;
    return p.liveVersion && v?.ok
      ? [{ policy: { key: p.key, name: p.name, versionId: p.liveVersion.id, versionNumber: p.liveVersion.number }, document: v.policy }]
      : [];
  });
}

function kindOf(doc: PolicyDocument, q: PolicyDocument["queues"][number]): QueueKind {
  if (q.key === doc.exceptions.queue) return "exceptions";
  return q.members.length === 0 ? "review" : "routing";
}

const KIND_ORDER: Record<QueueKind, number> = { routing: 0, review: 1, exceptions: 2 };

export async function listLiveQueues(now = new Date()): Promise<LiveQueue[]> {
  const docs = await liveDocuments();
  const keys = [...new Set(docs.flatMap((d) => d.document.queues.flatMap((q) => q.members.map((m) => m.member.toLowerCase()))))];
  const queueScoped = [...new Set(docs.flatMap((d) => d.document.queues.filter((q) => q.capCounts === "queue").map((q) => q.key)))];
  const [memberRows, cursors] = await Promise.all([
    db().member.findMany({ where: { email: { in: keys } } }),
    queueScoped.length
      ? db().queueCursor.findMany({ where: { queueKey: { in: queueScoped } }, select: { queueKey: true, loads: true } })
      : [],
  ]);
  const members = new Map(memberRows.map((m) => [m.email, m]));
  const queueLoads = new Map(cursors.map((c) => [c.queueKey, (c.loads ?? {}) as Record<string, number>]));
  const out: LiveQueue[] = [];
  for (const { policy, document } of docs) {
    const names = new Map(document.queues.map((q) => [q.key, q.name]));
    for (const q of document.queues) {
      const capCounts = q.capCounts ?? "total";
      const rows = q.members.map((qm): LiveQueueMember => {
        const m = members.get(qm.member.toLowerCase());
        const queueLoad = capCounts === "queue" ? (queueLoads.get(q.key)?.[qm.member] ?? 0) : null;
        if (!m)
          return {
            key: qm.member,
            id: null,
            name: qm.member,
            weight: qm.weight,
            cap: qm.cap ?? null,
            queueLoad,
            availability: "unknown",
            available: false,
          };
        // The engine's rule (lib/engine/distribution.ts): a cap bounds all open work, or only this queue's.
        let availability = availabilityOf(
          capCounts === "total" && qm.cap !== undefined ? { ...m, capacity: Math.min(qm.cap, m.capacity) } : m,
          now,
        );
        if (availability === "available" && queueLoad !== null && qm.cap !== undefined && queueLoad >= qm.cap) availability = "at_capacity";
        return {
          key: qm.member,
          id: m.id,
          name: m.name,
          weight: qm.weight,
          cap: qm.cap ?? null,
          queueLoad,
          availability,
          available: availability === "available" && qm.weight > 0,
        };
      });
      rows.sort((a, b) => a.name.localeCompare(b.name));
      out.push({
        key: q.key,
        name: q.name,
        description: q.description ?? "",
        kind: kindOf(document, q),
        distribution: q.distribution,
        capCounts,
        slaMinutes: q.sla === undefined ? null : durationMinutes(q.sla),
        overflow: q.overflow ? { key: q.overflow, name: names.get(q.overflow) ?? q.overflow } : null,
        members: rows,
        availableCount: rows.filter((r) => r.available).length,
        policy,
      });
    }
  }
  return out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
}

/** For each member key, the live queues that list them (and their weight there). */
export async function liveQueuesByMember(): Promise<Map<string, Array<{ queue: string; weight: number }>>> {
  const out = new Map<string, Array<{ queue: string; weight: number }>>();
  for (const { document } of await liveDocuments()) {
    for (const q of document.queues) {
      for (const m of q.members) {
        const k = m.member.toLowerCase();
        const list = out.get(k) ?? [];
        list.push({ queue: q.key, weight: m.weight });
        out.set(k, list);
      }
    }
  }
  return out;
}
