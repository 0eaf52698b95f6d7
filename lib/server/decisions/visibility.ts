/**
 * What a FIELD user may see of the decision log: decisions assigned (originally or now) to them
 * or a teammate, decisions on accounts where they are the owner, CSM or partner owner, and
 * decisions they have disputed. RevOps, approvers and admins (decisions:read) see everything.
 */
import { hasPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db, type Prisma } from "@/lib/server/db";

export interface Viewer {
  user: CurrentUser;
  /** null = sees everything; otherwise the member keys whose decisions they may read. */
  teamKeys: string[] | null;
  /** External ids of the accounts the member owns, supports (CSM) or partners on. */
  accountIds: string[];
}

export async function viewerFor(user: CurrentUser): Promise<Viewer> {
  if (hasPermission(user.role, "decisions:read")) return { user, teamKeys: null, accountIds: [] };
  if (!hasPermission(user.role, "decisions:read_own")) throw new AppError("FORBIDDEN", "Your role cannot read decisions.");
  if (!user.memberId || !user.memberKey) return { user, teamKeys: [], accountIds: [] };
  const me = await db().member.findUnique({ where: { id: user.memberId }, select: { teamId: true } });
  const team = me ? await db().member.findMany({ where: { teamId: me.teamId }, select: { email: true } }) : [];
  const accounts = await db().account.findMany({
    where: { OR: [{ ownerId: user.memberId }, { csmId: user.memberId }, { partnerOwnerId: user.memberId }] },
    select: { externalId: true },
  });
  return { user, teamKeys: [...new Set([user.memberKey, ...team.map((m) => m.email)])], accountIds: accounts.map((a) => a.externalId) };
}

const RELATIONSHIP_FIELDS = ["owner_id", "csm_id", "partner_owner_id"] as const;

/** The SQL-side filter for a FIELD viewer (Prisma where), on indexed columns only. */
export function visibleWhere(viewer: Viewer): Prisma.DecisionWhereInput {
  if (viewer.teamKeys === null) return {};
  const or: Prisma.DecisionWhereInput[] = [
    { assigneeKey: { in: viewer.teamKeys } },
    { currentAssigneeKey: { in: viewer.teamKeys } },
    { disputes: { some: { filedById: viewer.user.id } } },
  ];
  if (viewer.accountIds.length) or.push({ accountExternalId: { in: viewer.accountIds } });
  return { OR: or };
}

export function canSee(
  viewer: Viewer,
  row: { assigneeKey: string | null; currentAssigneeKey: string | null; accountExternalId: string | null; context: unknown },
  disputedByViewer: boolean,
): boolean {
  if (viewer.teamKeys === null) return true;
  if (disputedByViewer) return true;
  if (row.accountExternalId && viewer.accountIds.includes(row.accountExternalId)) return true;
  if (row.assigneeKey && viewer.teamKeys.includes(row.assigneeKey)) return true;
  if (row.currentAssigneeKey && viewer.teamKeys.includes(row.currentAssigneeKey)) return true;
  const account = (row.context as { account?: Record<string, unknown> | null } | null)?.account;
  const me = viewer.user.memberKey;
  return Boolean(me && account && RELATIONSHIP_FIELDS.some((f) => account[f] === me));
}
