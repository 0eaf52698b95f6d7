import { db } from "@/lib/server/db";

export async function listUsers() {
  const users = await db().user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastSignInAt: true,
      passwordHash: true,
      memberId: true,
      member: { select: { name: true, title: true } },
    },
  });
  // Whether they have set a password is all the page needs to know of it.
  return users.map(({ passwordHash, ...u }) => ({
    ...u,
    invited: passwordHash === null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  }));
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

/** Routing members a user can be linked to, with the user already linked (if any). */
export async function memberChoices() {
  const rows = await db().member.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, title: true, user: { select: { email: true } } },
  });
  return rows.map((m) => ({ id: m.id, label: `${m.name} · ${m.title}`, linkedTo: m.user?.email ?? null }));
}
export type MemberChoice = Awaited<ReturnType<typeof memberChoices>>[number];
