/**
 * The policy document: the unit that is versioned, reviewed and published. zod schemas are the
 * single definition; the JSON Schema in docs/policy.schema.json is generated from them.
 */
import { z } from "zod";

export const OBJECT_TYPES = [
  "lead",
  "contact",
  "account",
  "opportunity",
  "product_signal",
  "partner_referral",
  "demo_request",
  "renewal",
  "agent_action",
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const INTENTS = [
  "enterprise_account",
  "existing_customer",
  "open_opportunity",
  "partner_ownership",
  "named_account",
  "capacity",
  "territory",
  "escalation",
] as const;

/** How an input's values are cleaned before conditions see them (lib/engine/normalize.ts). */
export const NORMALIZATIONS = ["trim", "lowercase", "domain"] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/** What routing does with record fields the policy does not declare. */
export const UNKNOWN_FIELD_MODES = ["ignore", "warn", "reject"] as const;

export const INPUT_TYPES = ["string", "number", "boolean", "enum", "date", "list"] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const OPERATORS = [
  "eq",
  "neq",
  "in",
  "not_in",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "contains",
  "starts_with",
  "ends_with",
  "exists",
  "missing",
  "matches",
] as const;
export type Operator = (typeof OPERATORS)[number];

export const RELATIONSHIPS = ["account_owner", "account_csm", "partner_owner", "parent_account_owner"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const DISTRIBUTIONS = ["round_robin", "weighted_round_robin", "least_loaded"] as const;

const key = z
  .string()
  .min(1, "must not be empty")
  .max(80, "is limited to 80 characters")
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, "use lowercase letters, digits, '-', '_' or '.'");

/** A field path: a record field (`email_domain`) or account context (`account.segment`, `parent_account.owner`). */
const fieldPath = z
  .string()
  .min(1)
  .regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/, "use snake_case names separated by dots, e.g. account.segment");

/** "15m", "4h", "2d" or a number of minutes. */
export const durationSchema = z.union([
  z.number().int().positive("must be a positive number of minutes"),
  z.string().regex(/^\d+\s*(m|min|h|d)$/, 'use a duration like "15m", "4h" or "2d"'),
]);

export const inputSchema = z.object({
  name: fieldPath,
  type: z.enum(INPUT_TYPES),
  required: z.boolean().default(false),
  /** Object types the field is required for (default: every routed type). */
  objectTypes: z.array(z.enum(OBJECT_TYPES)).optional(),
  values: z.array(z.string()).optional(),
  /** Clean values before conditions see them: trim, lowercase (trimmed), or domain (the registrable domain, as matching). */
  normalize: z.enum(NORMALIZATIONS).optional(),
  description: z.string().default(""),
});
export type PolicyInput = z.infer<typeof inputSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof scalar>;

export const predicateSchema = z
  .object({
    field: fieldPath,
    op: z.enum(OPERATORS),
    /** A literal: a scalar, or a list for in / not_in / between. */
    value: z.union([scalar, z.array(scalar)]).optional(),
    /** The name of a policy list, for in / not_in / contains. */
    list: key.optional(),
    /** Another field to compare against. */
    ref: fieldPath.optional(),
  })
  .strict();
export type Predicate = z.infer<typeof predicateSchema>;

export type Condition = Predicate | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    predicateSchema,
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1, "needs at least one condition") }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign_member"), member: z.string().min(1) }).strict(),
  z
    .object({
      type: z.literal("assign_relationship"),
      relationship: z.enum(RELATIONSHIPS),
      /**
       * Where to go when that person cannot take the work: inactive or not a known member
       * (never assigned: without this queue they are an exception, OWNER_INACTIVE or
       * UNKNOWN_OWNER), out of office or at capacity (without this queue: assigned anyway).
       */
      ifUnavailable: key.optional(),
    })
    .strict(),
  z.object({ type: z.literal("queue"), queue: key }).strict(),
]);
export type Action = z.infer<typeof actionSchema>;

export const ruleSchema = z
  .object({
    key,
    name: z.string().min(1),
    description: z.string().default(""),
    intent: z.union([z.enum(INTENTS), z.string().regex(/^custom:[a-z0-9_]+$/, 'custom intents look like "custom:your_intent"')]).optional(),
    appliesTo: z.array(z.enum(OBJECT_TYPES)).min(1, "name at least one object type"),
    when: conditionSchema.optional(),
    action: actionSchema,
    sla: durationSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const suppressionSchema = z
  .object({
    key,
    name: z.string().min(1),
    reason: z.string().min(1, "say why these records are not routed"),
    appliesTo: z.array(z.enum(OBJECT_TYPES)).min(1),
    when: conditionSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type Suppression = z.infer<typeof suppressionSchema>;

export const queueSchema = z
  .object({
    key,
    name: z.string().min(1),
    /** What the queue is for, shown on Members & queues. */
    description: z.string().optional(),
    distribution: z.enum(DISTRIBUTIONS).default("round_robin"),
    members: z
      .array(
        z
          .object({
            member: z.string().min(1),
            /** Share of a weighted round robin; 0 keeps the member in the pool but sends them nothing. */
            weight: z.number().int().min(0, "weight is 0 (in the pool, receives none) or more").max(100).default(1),
            /** Cap on open assignments (counted as the queue's `capCounts` says); default: the member's own capacity. */
            cap: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .default([]),
    /**
     * What a member's `cap` counts: `total` (default) — all their open work, wherever it came
     * from; `queue` — only the open work this queue gave them (their own capacity still bounds
     * the total).
     */
    capCounts: z.enum(["total", "queue"]).optional(),
    /** Queue to use when no member is available. */
    overflow: key.optional(),
    sla: durationSchema.optional(),
  })
  .strict();
export type Queue = z.infer<typeof queueSchema>;

export const DEFAULT_DOMAIN_FIELDS = ["account_id", "email_domain", "domain", "email", "website"];

export const matchingSchema = z
  .object({
    /** Record fields tried in order to find the account: an id field, then domains, emails or URLs. */
    domainFields: z.array(z.string()).default(DEFAULT_DOMAIN_FIELDS),
    /**
     * Extra public suffixes beyond the Public Suffix List (which already knows co.uk, com.mx,
     * co.in…): a company domain under one of these keeps one more label.
     */
    multiLabelSuffixes: z.array(z.string()).default([]),
    /** Never match free-mail / public email domains from the built-in maintained list (gmail.com, yahoo.com.mx…). Default true; lint warns when off. */
    excludePublicDomains: z.boolean().default(true),
    /** Name of a list with more public email domains, never matched to an account (on top of the built-in list). */
    publicDomainsList: key.optional(),
  })
  .strict();

export const exceptionPolicySchema = z
  .object({
    /** Queue where exceptions wait (missing inputs, duplicates, nobody available…). */
    queue: key,
    /** What a record matched to a duplicate account does: stop as an exception, or route on the first match. */
    duplicates: z.enum(["exception", "route"]).default("exception"),
  })
  .strict();

export const policySchema = z
  .object({
    apiVersion: z.literal("switchyard/v1"),
    name: z.string().min(1),
    description: z.string().default(""),
    objectTypes: z.array(z.enum(OBJECT_TYPES)).min(1),
    inputs: z.array(inputSchema).default([]),
    lists: z.record(key, z.array(z.string())).default({}),
    queues: z.array(queueSchema).default([]),
    suppressions: z.array(suppressionSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    fallback: z.object({ queue: key, sla: durationSchema.optional() }).strict(),
    exceptions: exceptionPolicySchema,
    /** Record fields the policy does not declare: ignore, warn (stored on the decision, near-misses named) or reject (422 from the API). */
    unknownFields: z.enum(UNKNOWN_FIELD_MODES).default("warn"),
    matching: matchingSchema.default({ domainFields: DEFAULT_DOMAIN_FIELDS, multiLabelSuffixes: [], excludePublicDomains: true }),
  })
  .strict();

export type PolicyDocument = z.infer<typeof policySchema>;
export type PolicyInputDocument = z.input<typeof policySchema>;
