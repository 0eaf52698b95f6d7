"use server";

import { revalidatePath } from "next/cache";
import { pinDecisionInput, testCaseFormSchema, testCaseIdInput } from "@/lib/schemas/test-cases";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { cloneTestCase, deleteTestCase, pinDecision, saveTestCase } from "@/lib/server/policies/test-case-store";

export const saveTestCaseAction = protectedAction("tests:manage", testCaseFormSchema, async (input, user) => {
  const saved = await saveTestCase(user, input);
  revalidatePath("/test-suite");
  return { id: saved.id, key: saved.key };
});

export const cloneTestCaseAction = protectedAction("tests:manage", testCaseIdInput, async (input, user) => {
  const created = await cloneTestCase(user, input.id);
  revalidatePath("/test-suite");
  return { id: created.id, key: created.key };
});

export const deleteTestCaseAction = protectedAction("tests:manage", testCaseIdInput, async (input, user) => {
  await deleteTestCase(user, input.id);
  revalidatePath("/test-suite");
  return { ok: true };
});

export const pinDecisionAction = protectedAction("tests:manage", pinDecisionInput, async (input, user) => {
  const created = await pinDecision(user, input.policyId, input.decisionJson, input.key, input.name);
  revalidatePath("/test-suite");
  return { id: created.id, key: created.key };
});
