import { availabilityOf } from "@/lib/members/availability";
import { db } from "@/lib/server/db";

export interface QueueRow {
  id: string;
  key: string;
  name: string;
  description: string;
  kind: string;
  distribution: string;
  slaMinutes: number | null;
  overflow: { key: string; name: string } | null;
  members: Array<{ id: string; name: string; weight: number; cap: number | null; available: boolean }>;
  availableCount: number;
}

export async function listQueues(now = new Date()): Promise<QueueRow[]> {
  const queues = await db().queue.findMany({
    orderBy: [{ kind: "desc" }, { name: "asc" }],
    include: {
      overflowQueue: { select: { key: true, name: true } },
      members: { include: { member: true }, orderBy: { member: { name: "asc" } } },
    },
  });
  return queues.map((q) => {
    const members = q.members.map((qm) => {
      const cap = qm.cap ?? qm.member.capacity;
      const available = availabilityOf({ ...qm.member, capacity: Math.min(cap, qm.member.capacity) }, now) === "available";
      return { id: qm.member.id, name: qm.member.name, weight: qm.weight, cap: qm.cap, available };
    });
    return {
      id: q.id,
      key: q.key,
      name: q.name,
      description: q.description,
      kind: q.kind,
      distribution: q.distribution,
      slaMinutes: q.slaMinutes,
      overflow: q.overflowQueue,
      members,
      availableCount: members.filter((m) => m.available).length,
    };
  });
}
