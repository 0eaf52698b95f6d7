/**
 * The fairness ledger: for each active member, assignments they hold from the period, their
 * share of their team's, and the share their weight entitles them to — the weights the live
 * policy's queues give them (summed over the queues that list them; 0 in none). Skew = share /
 * fair share (1 = fair), computed once the team has at least 5 assignments.
 */
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { assertCan } from "@/lib/server/auth/assert-can";
import { db } from "@/lib/server/db";
import { liveQueuesByMember } from "@/lib/server/members/live-queues";

export interface FairnessRow {
  team: string;
  member: string;
  name: string;
  assigned: number;
  weight: number;
  capacity: number;
  load: number;
  share: number;
  fairShare: number;
  skew: number;
}

export async function fairnessLedger(from: Date, end: Date, teamId?: string): Promise<FairnessRow[]> {
  const [stored, queuesOf] = await Promise.all([
    db().$queryRaw<Array<{ team: string; member: string; name: string; assigned: number; capacity: number; load: number }>>`
    SELECT t.name AS team, m.email AS member, m.name, COALESCE(a.n, 0)::int AS assigned, m.capacity, m."activeLoad" AS load
    FROM "Member" m JOIN "Team" t ON t.id = m."teamId"
    LEFT JOIN (SELECT "currentAssigneeKey" AS k, count(*) AS n FROM "Decision" WHERE "currentAssigneeKey" IS NOT NULL AND "createdAt" >= ${from} AND "createdAt" < ${end} GROUP BY 1) a ON a.k = m.email
    WHERE m.active AND (${teamId ?? null}::text IS NULL OR m."teamId" = ${teamId ?? null}) ORDER BY t.name, m.name`,
    liveQueuesByMember(),
  ]);
  const rows = stored.map((r) => ({ ...r, weight: (queuesOf.get(r.member.toLowerCase()) ?? []).reduce((s, q) => s + q.weight, 0) }));
  const teams = new Map<string, { assigned: number; weight: number }>();
  for (const f of rows) {
    const t = teams.get(f.team) ?? { assigned: 0, weight: 0 };
    t.assigned += f.assigned;
    t.weight += f.weight;
    teams.set(f.team, t);
  }
  return rows.map((f) => {
    const t = teams.get(f.team)!;
    const share = t.assigned > 0 ? f.assigned / t.assigned : 0;
    const fairShare = t.weight > 0 ? f.weight / t.weight : 0;
    return {
      ...f,
      share: Math.round(share * 1000) / 10,
      fairShare: Math.round(fairShare * 1000) / 10,
      skew: fairShare > 0 && t.assigned >= 5 ? Math.round((share / fairShare) * 100) / 100 : 1,
    };
  });
}

/** What a rep sees: their own team's ledger over the last `days` days. */
export async function myTeamFairness(user: CurrentUser, days: number, now = new Date()): Promise<FairnessRow[]> {
  assertCan(user, "decisions:read_own", "see the fairness ledger");
  if (!user.memberId) throw new AppError("NOT_FOUND", "Your sign-in is not linked to a routing member.");
  const me = await db().member.findUniqueOrThrow({ where: { id: user.memberId }, select: { teamId: true } });
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000);
  return fairnessLedger(new Date(end.getTime() - days * 86_400_000), end, me.teamId);
}
