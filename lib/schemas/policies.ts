import { z } from "zod";

const id = z.string().min(1, "Missing id.").max(64);

export const createDraftInput = z.object({ policyId: id, fromVersionId: id.optional() });
export const saveDraftInput = z.object({
  versionId: id,
  yaml: z.string().min(1, "The policy is empty.").max(1_000_000, "The policy is larger than 1 MB."),
  revision: z.coerce.number().int().min(0),
});
export const importYamlInput = z.object({
  policyId: id,
  yaml: z.string().min(1, "Paste a policy in YAML or JSON.").max(1_000_000, "The policy is larger than 1 MB."),
});
export const submitInput = z.object({
  versionId: id,
  changeNote: z
    .string()
    .trim()
    .min(10, "Say what changes and why, in at least 10 characters.")
    .max(4000, "Keep the change note under 4,000 characters."),
});
export const reviewInput = z
  .object({ versionId: id, decision: z.enum(["approve", "request_changes"]), comment: z.string().trim().max(4000).default("") })
  .refine((x) => x.decision === "approve" || x.comment.length >= 3, { path: ["comment"], message: "Say what needs to change." });
export const publishInput = z.object({ versionId: id, overrideReason: z.string().trim().max(2000).optional() });
export const policySettingsInput = z.object({
  policyId: id,
  rollbackRequiresReview: z.boolean({ error: "Choose whether rollbacks go through review." }),
});
export const rollbackInput = z.object({
  versionId: id,
  reason: z.string().trim().min(5, "Say why you roll back (5 characters or more).").max(2000),
});
export const IMPACT_POPULATIONS = ["accounts", "recent_decisions"] as const;
export type ImpactPopulation = (typeof IMPACT_POPULATIONS)[number];
/** How many of the latest decisions a "recent records" preview replays. */
export const RECENT_DECISIONS_LIMIT = 10_000;
export const startImpactInput = z.object({
  versionId: id,
  againstVersionId: id.optional(),
  population: z.enum(IMPACT_POPULATIONS).default("accounts"),
});
export const scheduleInput = z.object({
  versionId: id,
  publishAt: z.coerce.date({ message: "Choose a date and time." }).refine((d) => !Number.isNaN(d.getTime()), "Choose a date and time."),
});
export const cancelScheduleInput = z.object({ versionId: id });
export const withdrawInput = z.object({ versionId: id });
export const saveDocumentInput = z.object({
  versionId: id,
  document: z.record(z.string(), z.unknown()),
  revision: z.coerce.number().int().min(0),
});
export const startShadowInput = z.object({ versionId: id });
export const stopShadowInput = z.object({ runId: id });
