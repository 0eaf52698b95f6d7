"use server";

import { revalidatePath } from "next/cache";
import { parsePolicyText, parseYaml } from "@/lib/engine/policy-yaml";
import { AppError } from "@/lib/errors";
import {
  cancelScheduleInput,
  createDraftInput,
  importYamlInput,
  policySettingsInput,
  publishInput,
  reviewInput,
  rollbackInput,
  withdrawInput,
  saveDocumentInput,
  saveDraftInput,
  scheduleInput,
  startImpactInput,
  startShadowInput,
  stopShadowInput,
  submitInput,
} from "@/lib/schemas/policies";
import { requestImpactRun } from "@/lib/server/impact/impact-runs";
import { protectedAction } from "@/lib/server/auth/with-permission";
import { startShadow, stopShadow } from "@/lib/server/shadow/shadow-runs";
import {
  cancelScheduledPublish,
  createDraft,
  createVersionFrom,
  publishVersion,
  reviewVersion,
  updatePolicySettings,
  rollbackTo,
  withdrawVersion,
  saveDraft,
  schedulePublish,
  submitVersion,
} from "@/lib/server/policies/workflow";

function refresh(versionId?: string) {
  revalidatePath("/policies");
  revalidatePath("/changelog");
  if (versionId) revalidatePath(`/policies/versions/${versionId}`);
}

/** YAML text → document, or a VALIDATION error naming the line (the editor keeps the text). */
function documentFromYaml(yaml: string): unknown {
  const parsed = parseYaml(yaml);
  if (!parsed.ok) {
    const p = parsed.problems[0];
    throw new AppError(
      "VALIDATION",
      `The YAML cannot be read${p?.line ? ` (line ${p.line})` : ""}: ${p?.message ?? "syntax error"}. Nothing was saved; your text is still in the editor.`,
      {
        fieldErrors: { yaml: parsed.problems.map((x) => `${x.line ? `line ${x.line}: ` : ""}${x.message}`) },
      },
    );
  }
  return parsed.value;
}

export const createDraftAction = protectedAction("policies:author", createDraftInput, async (input, user) => {
  const version = await createDraft(user, input.policyId, input.fromVersionId);
  refresh();
  return { versionId: version.id };
});

export const importYamlAction = protectedAction("policies:author", importYamlInput, async (input, user) => {
  const version = await createVersionFrom(user, input.policyId, documentFromYaml(input.yaml), null, "Imported from YAML");
  refresh();
  return { versionId: version.id };
});

export const saveDraftAction = protectedAction("policies:author", saveDraftInput, async (input, user) => {
  const document = documentFromYaml(input.yaml);
  const result = await saveDraft(user, input.versionId, document, input.revision);
  refresh(input.versionId);
  // Problems come back with the lines of the text the author is looking at.
  const located = parsePolicyText(input.yaml);
  return { revision: result.revision, problems: located.ok ? [] : located.problems };
});

export const submitAction = protectedAction("policies:author", submitInput, async (input, user) => {
  await submitVersion(user, input.versionId, input.changeNote);
  refresh(input.versionId);
  return { ok: true };
});

export const reviewAction = protectedAction("policies:review", reviewInput, async (input, user) => {
  await reviewVersion(user, input.versionId, input.decision, input.comment);
  refresh(input.versionId);
  return { ok: true };
});

export const publishAction = protectedAction("policies:publish", publishInput, async (input, user) => {
  const result = await publishVersion(user, input.versionId, input.overrideReason);
  refresh(input.versionId);
  return result;
});

export const withdrawAction = protectedAction("policies:author", withdrawInput, async (input, user) => {
  await withdrawVersion(user, input.versionId);
  refresh(input.versionId);
  return { ok: true };
});

export const rollbackAction = protectedAction("policies:publish", rollbackInput, async (input, user) => {
  const version = await rollbackTo(user, input.versionId, input.reason);
  refresh(version.id);
  return { versionId: version.id, status: version.status };
});

export const policySettingsAction = protectedAction("policies:configure", policySettingsInput, async (input, user) => {
  const policy = await updatePolicySettings(user, input.policyId, { rollbackRequiresReview: input.rollbackRequiresReview });
  revalidatePath("/policies");
  return { rollbackRequiresReview: policy.rollbackRequiresReview };
});

export const startImpactAction = protectedAction("policies:read", startImpactInput, async (input, user) => {
  const run = await requestImpactRun(user, input.versionId, input.againstVersionId, input.population);
  return { runId: run.id, total: run.total };
});

export const scheduleAction = protectedAction("policies:publish", scheduleInput, async (input, user) => {
  await schedulePublish(user, input.versionId, input.publishAt);
  refresh(input.versionId);
  return { ok: true };
});

export const cancelScheduleAction = protectedAction("policies:publish", cancelScheduleInput, async (input, user) => {
  await cancelScheduledPublish(user, input.versionId);
  refresh(input.versionId);
  return { ok: true };
});

/** The form editor saves the document itself; problems come back by path. */
export const saveDocumentAction = protectedAction("policies:author", saveDocumentInput, async (input, user) => {
  const result = await saveDraft(user, input.versionId, input.document, input.revision);
  refresh(input.versionId);
  return { revision: result.revision, problems: result.problems };
});

export const startShadowAction = protectedAction("policies:shadow", startShadowInput, async (input, user) => {
  const run = await startShadow(user, input.versionId);
  refresh(input.versionId);
  return { runId: run.id };
});

export const stopShadowAction = protectedAction("policies:shadow", stopShadowInput, async (input, user) => {
  await stopShadow(user, input.runId);
  refresh();
  return { ok: true };
});
