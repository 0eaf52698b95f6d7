/** Decision log filters, overrides and disputes: shared by pages, actions and the API. */
import { z } from "zod";

import { DECISION_KINDS, EXCEPTION_CODES } from "@/lib/engine/types";

export { DECISION_KINDS, EXCEPTION_CODES };

/** Where a decision came from: the routing API (one record, a batch), the console, a re-route, the demo seed. */
export const DECISION_SOURCES = ["api", "batch", "console", "reroute", "seed"] as const;

const opt = z.string().trim().max(200).optional().catch(undefined);
const optDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const decisionListQuery = z.object({
  q: opt,
  owner: opt,
  queue: opt,
  rule: opt,
  intent: opt,
  kind: z.enum(DECISION_KINDS).optional().catch(undefined),
  reason: opt,
  version: z.coerce.number().int().min(1).optional().catch(undefined),
  source: opt,
  from: optDate,
  to: optDate,
  open: z.enum(["1"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  /** Keyset cursor: the last row of the previous page, "<iso>_<id>". */
  after: z.string().max(120).optional().catch(undefined),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n))
    .catch(50)
    .default(50),
});
export type DecisionListQuery = z.infer<typeof decisionListQuery>;

export const OVERRIDE_REASONS = [
  "wrong_owner",
  "relationship",
  "capacity",
  "territory",
  "data_error",
  "exception_triage",
  "other",
] as const;
export const OVERRIDE_REASON_LABELS: Record<(typeof OVERRIDE_REASONS)[number], string> = {
  wrong_owner: "Wrong owner",
  relationship: "Existing relationship",
  capacity: "Capacity / availability",
  territory: "Territory",
  data_error: "Data error on the record",
  exception_triage: "Exception triage",
  other: "Other",
};

export const overrideSchema = z
  .object({
    decisionIds: z.array(z.string().min(1)).min(1, "Choose at least one decision.").max(500),
    toAssignee: z
      .string()
      .trim()
      .email("Choose a member.")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    toQueue: z
      .string()
      .trim()
      .min(1)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    reasonCode: z.enum(OVERRIDE_REASONS, { error: "Choose a reason." }),
    note: z.string().trim().max(2000).default(""),
  })
  .refine((x) => Boolean(x.toAssignee) !== Boolean(x.toQueue), {
    message: "Choose a member or a queue (one of them).",
    path: ["toAssignee"],
  })
  .refine((x) => x.reasonCode !== "other" || x.note.length >= 5, {
    message: "Say why (at least a few words) when the reason is Other.",
    path: ["note"],
  });
export type OverrideInput = z.infer<typeof overrideSchema>;

export const rerouteSchema = z.object({
  decisionIds: z.array(z.string().min(1)).min(1, "Choose at least one decision.").max(500),
  /** Corrected record fields (e.g. the missing inputs), applied to every re-routed record. */
  fields: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "Field names are snake_case."), z.union([z.string().max(500), z.number(), z.boolean()]))
    .optional(),
});

export const DISPUTE_CATEGORIES = [
  "should_be_mine",
  "wrong_segment_territory",
  "partner_ownership_ignored",
  "duplicate_account",
  "customer_context_lost",
  "other",
] as const;
export const DISPUTE_CATEGORY_LABELS: Record<(typeof DISPUTE_CATEGORIES)[number], string> = {
  should_be_mine: "Should be mine",
  wrong_segment_territory: "Wrong segment or territory",
  partner_ownership_ignored: "Partner ownership ignored",
  duplicate_account: "Duplicate account",
  customer_context_lost: "Customer context lost",
  other: "Other",
};
export const DISPUTE_STATUSES = ["open", "in_review", "resolved", "rejected"] as const;
export const DISPUTE_STATUS_LABELS: Record<(typeof DISPUTE_STATUSES)[number], string> = {
  open: "Open",
  in_review: "In review",
  resolved: "Resolved",
  rejected: "Rejected",
};
export const DISPUTE_RESOLUTIONS = ["rule_repair", "data_repair", "interface_repair", "policy_decision"] as const;
export const DISPUTE_RESOLUTION_LABELS: Record<(typeof DISPUTE_RESOLUTIONS)[number], string> = {
  rule_repair: "Rule repair",
  data_repair: "Data repair",
  interface_repair: "Interface repair",
  policy_decision: "Policy decision (stays as routed)",
};

export const fileDisputeSchema = z.object({
  decisionId: z.string().min(1),
  category: z.enum(DISPUTE_CATEGORIES, { error: "Choose what is wrong." }),
  claimedOwnerKey: z
    .string()
    .trim()
    .email("Choose the owner you believe is right.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  text: z.string().trim().min(10, "Tell RevOps what happened (at least 10 characters).").max(4000, "Keep it under 4,000 characters."),
});
export type FileDisputeInput = z.infer<typeof fileDisputeSchema>;

export const triageDisputeSchema = z
  .object({
    disputeId: z.string().min(1),
    status: z.enum(["in_review", "resolved", "rejected"]),
    resolution: z
      .enum(DISPUTE_RESOLUTIONS)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    note: z.string().trim().max(4000).default(""),
    /** Resolving: also hand the record to the owner the filer claimed, in the same step. */
    reassign: z.boolean().default(false),
  })
  .refine((x) => x.status !== "resolved" || x.resolution !== undefined, { message: "Choose how it was resolved.", path: ["resolution"] })
  .refine((x) => !x.reassign || x.status === "resolved", { message: "Only an upheld dispute moves the record.", path: ["reassign"] })
  .refine((x) => x.status === "in_review" || x.note.length >= 5, {
    message: "Write a note the filer will read (at least a few words).",
    path: ["note"],
  });
export type TriageDisputeInput = z.infer<typeof triageDisputeSchema>;

export const disputeToTestCaseSchema = z.object({
  disputeId: z.string().min(1),
  owner: z
    .string()
    .trim()
    .email("Choose a member.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "Lowercase letters, digits and dashes (2–80)."),
});

export const disputeListQuery = z.object({
  status: z.enum(DISPUTE_STATUSES).optional().catch(undefined),
  category: z.enum(DISPUTE_CATEGORIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export const API_KEY_SCOPES = ["route", "accounts:write", "decisions:read"] as const;
export const API_KEY_SCOPE_LABELS: Record<(typeof API_KEY_SCOPES)[number], string> = {
  route: "Route records (POST /route, /route/batch)",
  "accounts:write": "Keep accounts in sync (PUT /accounts/{externalId})",
  "decisions:read": "Read decisions (GET /decisions/{id})",
};
export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, "Name the key after who uses it (e.g. Salesforce sync).").max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope."),
});
