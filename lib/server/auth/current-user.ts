import { cache } from "react";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/server/db";
import { auth } from "./next-auth";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberId: string | null;
  memberName: string | null;
  /** The member's key in policies and decisions (their email); null for non-member users. */
  memberKey: string | null;
}

/** The signed-in user for this request, read fresh from the database; null when signed out. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, include: { member: { select: { name: true, email: true } } } });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    memberId: user.memberId,
    memberName: user.member?.name ?? null,
    memberKey: user.member?.email ?? null,
  };
});
