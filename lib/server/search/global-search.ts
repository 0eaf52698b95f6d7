/**
 * The console's search box: one query, the things people look for by name — companies (name,
 * domain or id), routed records (record id, or the company they belong to) and members (name or
 * email) — each within what the user's role may read.
 */
import { hasPermission } from "@/lib/auth/permissions";
import { decisionListQuery } from "@/lib/schemas/decisions";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { listDecisions } from "@/lib/server/decisions/list-decisions";
import type { Viewer } from "@/lib/server/decisions/visibility";

const LIMIT = 10;

export async function globalSearch(user: CurrentUser, viewer: Viewer, raw: string) {
  const q = raw.trim().slice(0, 200);
  if (q.length < 2) return { q, accounts: [], decisions: [], members: [] };
  const domain = q
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/.*$/, "");
  const [accounts, decisions, members] = await Promise.all([
    hasPermission(user.role, "accounts:read")
      ? db().account.findMany({
          where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { domain }, { externalId: q }] },
          orderBy: { name: "asc" },
          take: LIMIT,
          select: { externalId: true, name: true, domain: true, customerStatus: true, owner: { select: { name: true } } },
        })
      : [],
    hasPermission(user.role, "decisions:read") || hasPermission(user.role, "decisions:read_own")
      ? listDecisions(viewer, decisionListQuery.parse({ q, pageSize: "25" })).then((p) => p.rows.slice(0, LIMIT))
      : [],
    hasPermission(user.role, "members:read")
      ? db().member.findMany({
          where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q.toLowerCase() } }] },
          orderBy: { name: "asc" },
          take: LIMIT,
          select: { id: true, name: true, email: true, title: true, team: { select: { name: true } } },
        })
      : [],
  ]);
  return { q, accounts, decisions, members };
}
