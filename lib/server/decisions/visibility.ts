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
}

export async function viewerFor(user: CurrentUser): Promise<Viewer> {
  if (hasPermission(user.role, "decisions:read")) return { user, teamKeys: null };
  if (!hasPermission(user.role, "decisions:read_own")) throw new AppError("FORBIDDEN", "Your role cannot read decisions.");
  if (!user.memberId || !user.memberKey) return { user, teamKeys: [] };
  const me = await db().member.findUnique({ where: { id: user.memberId }, select: { teamId: true } });
  const team = me ? await db().member.findMany({ where: { teamId: me.teamId }, select: { email: true } }) : [];
  return { user, teamKeys: [...new Set([user.memberKey, ...team.map((m) => m.email)])] };
}

const RELATIONSHIP_FIELDS = ["owner_id", "csm_id", "partner_owner_id"] as const;

/** The SQL-side filter for a FIELD viewer (Prisma where). */
export function visibleWhere(viewer: Viewer): Prisma.DecisionWhereInput {
  if (viewer.teamKeys === null) return {};
  const me = viewer.user.memberKey;
  const or: Prisma.DecisionWhereInput[] = [{ assigneeKey: { in: viewer.teamKeys } }, { currentAssigneeKey: { in: viewer.teamKeys } }, { disputes: { some: { filedById: viewer.user.id } } }];
  if (me) for (const f of RELATIONSHIP_FIELDS) or.push({ context: { path: ["account", f], equals: me } });
  return { OR: or };
}

export function canSee(viewer: Viewer, row: { assigneeKey: string | null; currentAssigneeKey: string | null; context: unknown }, disputedByViewer: boolean): boolean {
  if (viewer.teamKeys === null) return true;
  if (disputedByViewer) return true;
  if (row.assigneeKey && viewer.teamKeys.includes(row.assigneeKey)) return true;
  if (row.currentAssigneeKey && viewer.teamKeys.includes(row.currentAssigneeKey)) return true;
  const account = (row.context as { account?: Record<string, unknown> | null } | null)?.account;
  const me = viewer.user.memberKey;
  return Boolean(me && account && RELATIONSHIP_FIELDS.some((f) => account[f] === me));
}
