import { db } from "@/lib/server/db";

export async function listUsers() {
  const users = await db().user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastSignInAt: true, member: { select: { name: true, title: true } } },
  });
  return users.map((u) => ({ ...u, lastSignInAt: u.lastSignInAt?.toISOString() ?? null }));
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
