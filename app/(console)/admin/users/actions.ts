"use server";

import { revalidatePath } from "next/cache";
import { inviteUserInput, updateUserInput, userIdInput } from "@/lib/schemas/users";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { inviteUser, passwordResetLink, updateUser } from "@/lib/server/users/manage-users";

export const inviteUserAction = protectedAction("users:manage", inviteUserInput, async (input, user) => {
  const r = await inviteUser(user, input);
  revalidatePath("/admin/users");
  return { token: r.token, expiresAt: r.expiresAt.toISOString(), email: input.email };
});

export const updateUserAction = protectedAction("users:manage", updateUserInput, async (input, user) => {
  await updateUser(user, input);
  revalidatePath("/admin/users");
  return { id: input.id };
});

export const passwordLinkAction = protectedAction("users:manage", userIdInput, async ({ id }, user) => {
  const r = await passwordResetLink(user, id);
  return { token: r.token, expiresAt: r.expiresAt.toISOString() };
});
