/** Shared by the change-control integration tests: demo users, the reference document, a ready-to-publish version. */
import { expect } from "vitest";
import type { PolicyDocument } from "@/lib/engine/policy-schema";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { getPolicyWithVersions } from "./queries";
import { createDraft, reviewVersion, saveDraft, submitVersion } from "./workflow";

export async function user(email: string): Promise<CurrentUser> {
  const u = await db().user.findUniqueOrThrow({ where: { email }, include: { member: true } });
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    memberId: u.memberId,
    memberName: u.member?.name ?? null,
    memberKey: u.member?.email ?? null,
  };
}
export const as = {
  admin: () => user("admin@lumendata.example"),
  revops: () => user("revops@lumendata.example"),
  approver: () => user("approver@lumendata.example"),
  field: () => user("dana.ruiz@lumendata.example"),
};

export async function policy() {
  const p = await getPolicyWithVersions();
  if (!p) throw new Error("no policy seeded");
  return p.policy;
}

/** The reference document (v1): tests build on it, whatever earlier tests made live. */
export async function referenceDocument(): Promise<PolicyDocument> {
  const v1 = await db().policyVersion.findFirstOrThrow({ where: { number: 1 } });
  const v = validatePolicy(v1.document);
  if (!v.ok) throw new Error("reference document invalid");
  return v.policy;
}

export async function rejects(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

/** Draft → edited → submitted → approved, ready to publish. */
export async function approvedVersion(edit: (d: PolicyDocument) => void, note = "Moves SMB demo requests to SDR qualification first.") {
  const revops = await as.revops();
  const draft = await createDraft(revops, (await policy()).id);
  const doc = structuredClone(await referenceDocument());
  edit(doc);
  await saveDraft(revops, draft.id, doc, draft.revision);
  await submitVersion(revops, draft.id, note);
  await reviewVersion(await as.approver(), draft.id, "approve", "Looks right");
  return draft;
}
