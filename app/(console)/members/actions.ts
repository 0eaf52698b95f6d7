"use server";

import { revalidatePath } from "next/cache";
import { memberUpdateInput } from "@/lib/schemas/members";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { updateMember } from "@/lib/server/members/update-member";

export const updateMemberAction = protectedAction("members:manage", memberUpdateInput, async (input, user) => {
  const m = await updateMember(user, input);
  revalidatePath("/members");
  return { id: m.id };
});
