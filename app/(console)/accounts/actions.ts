"use server";

import { revalidatePath } from "next/cache";
import { mergeAccountsSchema, unmergeAccountSchema } from "@/lib/schemas/accounts";
import { mergeAccounts, unmergeAccount } from "@/lib/server/accounts/merge-accounts";
import { protectedAction } from "@/lib/server/auth/with-permission";

// No revalidatePath here: the page it is used on (the exception's decision) keeps the form and its
// result in view, with a link to the new decision; the other pages render fresh on their next visit.
export const mergeAccountsAction = protectedAction("accounts:import", mergeAccountsSchema, async (input, user) =>
  mergeAccounts(user, input),
);

export const unmergeAccountAction = protectedAction("accounts:import", unmergeAccountSchema, async (input, user) => {
  const r = await unmergeAccount(user, input.externalId);
  revalidatePath(`/accounts/${encodeURIComponent(input.externalId)}`);
  return r;
});
