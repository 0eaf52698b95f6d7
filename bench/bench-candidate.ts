/**
 * The candidate version the benchmarks compare with live: the demo policy with SMB leads sent to
 * the SDR team first (a draft written by the demo RevOps user). Call after the demo seed.
 */
export async function smbToSdrDraft() {
  const { db } = await import("@/lib/server/db");
  const { validatePolicy } = await import("@/lib/engine/validate-policy");
  const { createDraft, saveDraft } = await import("@/lib/server/policies/workflow");
  const revops = await db().user.findFirstOrThrow({ where: { role: "REVOPS" } });
  const user = {
    id: revops.id,
    email: revops.email,
    name: revops.name,
    role: revops.role,
    memberId: null,
    memberName: null,
    memberKey: null,
  };
  const policy = await db().policy.findFirstOrThrow({ include: { liveVersion: true } });
  const draft = await createDraft(user, policy.id);
  const doc = validatePolicy(policy.liveVersion!.document);
  if (!doc.ok) throw new Error("reference policy invalid");
  doc.policy.rules.find((r) => r.key === "smb-new-logo")!.action = { type: "queue", queue: "sdr-inbound" };
  await saveDraft(user, draft.id, doc.policy, draft.revision);
  return { user, policy, draft };
}
