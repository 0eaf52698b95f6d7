/**
 * The decision format as zod schemas: what the engine writes (`Decision` in types.ts) and what a
 * stored decision must be to be read back. Stored decisions are checked against it on read
 * (lib/server/decisions/stored-decision.ts), and the API's response schemas in the OpenAPI
 * document are generated from it (lib/schemas/decision-view.ts). The compile-time checks at the
 * end keep it and the TypeScript types one definition: a field added to one and not the other
 * fails the typecheck.
 */
import { z } from "zod";
import { DECISION_KINDS, EXCEPTION_CODES, type Decision, type TraceEntry } from "./types";
import { OBJECT_TYPES, OPERATORS, RELATIONSHIPS } from "./policy-schema";

const evidence = z.object({
  field: z.string(),
  op: z.enum(OPERATORS),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  passed: z.boolean(),
  negated: z.boolean().optional(),
});

export const SKIP_REASONS = ["inactive", "out_of_office", "at_capacity", "unknown_member", "zero_weight"] as const;

export const traceEntrySchema = z.discriminatedUnion("step", [
  z.object({
    step: z.literal("inputs"),
    ok: z.boolean(),
    missing: z.array(z.string()),
    invalid: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
  z.object({ step: z.literal("duplicate"), duplicates: z.array(z.string()), action: z.enum(["exception", "route"]) }),
  z.object({ step: z.literal("suppression"), key: z.string(), matched: z.boolean(), evidence: z.array(evidence) }),
  z.object({
    step: z.literal("rule"),
    key: z.string(),
    intent: z.string().nullable(),
    matched: z.boolean(),
    evidence: z.array(evidence),
    note: z.string().optional(),
  }),
  z.object({
    step: z.literal("distribution"),
    queue: z.string(),
    method: z.string(),
    chosen: z.string().nullable(),
    skipped: z.array(z.object({ member: z.string(), reason: z.enum(SKIP_REASONS) })),
    overflowTo: z.string().optional(),
  }),
  z.object({ step: z.literal("fallback"), queue: z.string() }),
  z.object({ step: z.literal("manual"), queue: z.string() }),
]);

const base = {
  recordId: z.string(),
  objectType: z.enum(OBJECT_TYPES),
  policyHash: z.string(),
  evaluatedAt: z.string(),
  inputs: z.record(z.string(), z.unknown()).describe("Every declared input as read (null when missing)."),
  trace: z
    .array(traceEntrySchema)
    .nullable()
    .describe(
      "Each step: inputs, duplicate, suppression, rule (with evidence: field, op, expected, actual, passed), distribution, fallback.",
    ),
  warnings: z
    .array(z.object({ code: z.literal("UNDECLARED_FIELD"), field: z.string(), suggestion: z.string().nullable(), message: z.string() }))
    .optional()
    .describe("Fields the record carried that the policy does not declare (unknownFields: warn), with the nearest declared input."),
};

const ruleRef = {
  ruleKey: z.string().describe("The rule that decided, or fallback."),
  intent: z.string().nullable().describe("The operating intent of that rule (territory, existing_customer…)."),
  slaMinutes: z.number().int().nullable(),
  slaDueAt: z.string().nullable(),
};

export const decisionSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    ...ruleRef,
    kind: z.literal("assigned"),
    assignee: z.string().describe("Member key (email)."),
    queue: z.string().nullable(),
    via: z.enum(["member", "relationship", "queue"]),
    relationship: z.enum(RELATIONSHIPS).nullable(),
    note: z.string().nullable(),
  }),
  z.object({ ...base, ...ruleRef, kind: z.literal("queued"), queue: z.string(), note: z.string().nullable() }),
  z.object({ ...base, kind: z.literal("suppressed"), suppressionKey: z.string(), reason: z.string() }),
  z.object({
    ...base,
    kind: z.literal("exception"),
    reasonCode: z.enum(EXCEPTION_CODES),
    queue: z.string(),
    fields: z.array(z.string()).describe("The fields at fault."),
    message: z.string(),
    ruleKey: z.string().nullable(),
  }),
]);

// One definition: each side must be assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameDecision: Same<z.infer<typeof decisionSchema>, Decision> = true;
const sameTrace: Same<z.infer<typeof traceEntrySchema>, TraceEntry> = true;
const sameKinds: Same<(typeof DECISION_KINDS)[number], Decision["kind"]> = true;
void sameDecision;
void sameTrace;
void sameKinds;
