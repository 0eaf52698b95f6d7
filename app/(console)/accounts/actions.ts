"use server";

import { revalidatePath } from "next/cache";
import { mergeAccountsSchema, unmergeAccountSchema } from "@/lib/schemas/accounts";
import { mergeAccounts, unmergeAccount } from "@/lib/server/accounts/merge-accounts";
import { protectedAction } from "@/lib/server/auth/with-permission";

export const mergeAccountsAction = protectedAction("accounts:import", mergeAccountsSchema, async (input, user) => {
  const r = await mergeAccounts(user, input);
  revalidatePath("/exceptions");
  revalidatePath("/accounts");
  return r;
});

export const unmergeAccountAction = protectedAction("accounts:import", unmergeAccountSchema, async (input, user) => {
  const r = await unmergeAccount(user, input.externalId);
  revalidatePath(`/accounts/${encodeURIComponent(input.externalId)}`);
  return r;
});
