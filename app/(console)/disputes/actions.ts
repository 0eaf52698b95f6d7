"use server";

import { revalidatePath } from "next/cache";
import { disputeToTestCaseSchema, triageDisputeSchema } from "@/lib/schemas/decisions";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { disputeToTestCase, triageDispute } from "@/lib/server/decisions/disputes";

export const triageDisputeAction = protectedAction("disputes:triage", triageDisputeSchema, async (input, user) => {
  const d = await triageDispute(user, input);
  revalidatePath("/disputes");
  return { status: d.status };
});

export const disputeToTestCaseAction = protectedAction("tests:manage", disputeToTestCaseSchema, async (input, user) => {
  const c = await disputeToTestCase(user, input);
  revalidatePath("/test-suite");
  return { testCaseId: c.id, key: c.key };
});
