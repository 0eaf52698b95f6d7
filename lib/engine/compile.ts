/**
 * Compiles a validated policy once: per object type, the required inputs, type checks,
 * applicable suppressions and rules (disabled ones dropped), each condition as closures;
 * queues resolved; the content hash computed. `evaluate` then only runs closures.
 */
import { generateFastPlan, type FastPlan } from "./codegen";
import { compileCondition, type CompiledCondition, type FieldInfo } from "./conditions";
import type { CompiledQueue } from "./distribution";
import { durationMinutes } from "./duration";
import { matchingOptionsFor } from "./matching";
import { fieldNormalizers, normalizeConditionLiterals, type FieldNormalizer } from "./normalize";
import type { Action, Condition, InputType, Normalization, ObjectType, PolicyDocument } from "./policy-schema";
import type { Problem } from "./problems";
import { canonicalJson, sha256Hex } from "./sha256";
import { declaredRecordFields } from "./undeclared-fields";
import { fieldTypes, validatePolicy } from "./validate-policy";
import { compileAccessor, type Accessor, type View } from "./view";

export interface CompiledRule {
  index: number;
  key: string;
  name: string;
  intent: string | null;
  action: Action;
  slaMinutes: number | null;
  cond: CompiledCondition;
  when: Condition | undefined;
  /** What a decision by this rule carries (built once). */
  ref: { ruleKey: string; intent: string | null; slaMinutes: number | null };
}

export interface CompiledSuppression {
  index: number;
  key: string;
  name: string;
  reason: string;
  cond: CompiledCondition;
  when: Condition | undefined;
}

export interface InputCheck {
  name: string;
  get: Accessor;
  required: boolean;
  /** Returns a message when the value is present but not of the declared type. */
  check: (value: unknown) => string | null;
}

export interface TypePlan {
  inputs: InputCheck[];
  suppressions: CompiledSuppression[];
  rules: CompiledRule[];
  /** Generated fast path (untraced evaluation); null where code generation is unavailable. */
  fast: FastPlan | null;
}

export interface CompiledPolicy {
  policy: PolicyDocument;
  hash: string;
  plans: Partial<Record<ObjectType, TypePlan>>;
  queues: Map<string, CompiledQueue>;
  fallback: { queue: string; slaMinutes: number | null };
  exceptions: PolicyDocument["exceptions"];
  fields: Map<string, FieldInfo>;
  /** Inputs with a declared `normalize`, applied to each record and account before anything reads them. */
  normalizers: FieldNormalizer[];
  /** Extra public suffixes for `normalize: domain` (the policy's matching.multiLabelSuffixes). */
  suffixes: readonly string[];
  /** What the policy does with undeclared record fields, and the fields it declares. */
  unknownFields: PolicyDocument["unknownFields"];
  declaredFields: ReadonlySet<string>;
  /** Reused by evaluate (single-threaded, synchronous): avoids allocating a view per record. */
  scratch: View;
  /** The last `now` seen and its ISO form, so a batch formats it once. */
  clock: { ms: number; iso: string };
}

export class PolicyError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The policy has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("; ")}`,
    );
    this.name = "PolicyError";
  }
}

export function policyHash(policy: PolicyDocument): string {
  return sha256Hex(canonicalJson(policy));
}

function typeCheck(type: InputType, values: string[] | undefined): (value: unknown) => string | null {
  switch (type) {
    case "number":
      return (x) => (typeof x === "number" && Number.isFinite(x) ? null : `expected a number, got ${JSON.stringify(x)}`);
    case "boolean":
      return (x) => (typeof x === "boolean" ? null : `expected true or false, got ${JSON.stringify(x)}`);
    case "date":
      return (x) => (typeof x === "string" && !Number.isNaN(Date.parse(x)) ? null : `expected an ISO date, got ${JSON.stringify(x)}`);
    case "list":
      return (x) => (Array.isArray(x) ? null : `expected a list, got ${JSON.stringify(x)}`);
    case "enum": {
      const allowed = new Set(values ?? []);
      return (x) =>
        typeof x === "string" && allowed.has(x) ? null : `expected one of ${[...allowed].join(", ")}, got ${JSON.stringify(x)}`;
    }
    default:
      return (x) => (typeof x === "string" ? null : `expected text, got ${JSON.stringify(x)}`);
  }
}

export interface CompileOptions {
  /** Generate the fast path (default true). Off: closures only (tests compare the two). */
  codegen?: boolean;
}

export function compileValidated(policy: PolicyDocument, options: CompileOptions = {}): CompiledPolicy {
  const fields = new Map<string, FieldInfo>([...fieldTypes(policy)].map(([k, v]) => [k, { type: v.type }]));
  const plans: CompiledPolicy["plans"] = {};
  const normalizers = fieldNormalizers(policy.inputs);
  const suffixes = matchingOptionsFor(policy).multiLabelSuffixes;
  const kinds = new Map<string, Normalization>(policy.inputs.flatMap((i) => (i.normalize ? [[i.name, i.normalize] as const] : [])));
  const when = (c: Condition | undefined) => normalizeConditionLiterals(c, kinds, suffixes);
  for (const type of policy.objectTypes) {
    const inputs: InputCheck[] = policy.inputs.map((i) => ({
      name: i.name,
      get: compileAccessor(i.name),
      required: i.required && (!i.objectTypes || i.objectTypes.includes(type)),
      check: typeCheck(i.type, i.values),
    }));
    const suppressions = policy.suppressions
      .map((s, index) => ({ s, index }))
      .filter(({ s }) => s.enabled && s.appliesTo.includes(type))
      .map(({ s, index }) => ({
        index,
        key: s.key,
        name: s.name,
        reason: s.reason,
        cond: compileCondition(when(s.when), fields, policy.lists),
        when: when(s.when),
      }));
    const rules = policy.rules
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => r.enabled && r.appliesTo.includes(type))
      .map(({ r, index }) => ({
        index,
        key: r.key,
        name: r.name,
        intent: r.intent ?? null,
        action: r.action,
        slaMinutes: r.sla === undefined ? null : durationMinutes(r.sla),
        cond: compileCondition(when(r.when), fields, policy.lists),
        when: when(r.when),
        ref: { ruleKey: r.key, intent: r.intent ?? null, slaMinutes: r.sla === undefined ? null : durationMinutes(r.sla) },
      }));
    const fast =
      options.codegen === false
        ? null
        : generateFastPlan(
            policy.inputs.map((i) => ({
              name: i.name,
              type: i.type,
              values: i.values,
              required: i.required && (!i.objectTypes || i.objectTypes.includes(type)),
            })),
            suppressions,
            rules,
            fields,
            policy.lists,
          );
    plans[type] = { inputs, suppressions, rules, fast };
  }
  const queues = new Map<string, CompiledQueue>(
    policy.queues.map((q) => [
      q.key,
      {
        key: q.key,
        distribution: q.distribution,
        capCounts: q.capCounts ?? "total",
        members: q.members.map((m) => ({ member: m.member, weight: m.weight, cap: m.cap })),
        overflow: q.overflow ?? null,
        slaMinutes: q.sla === undefined ? null : durationMinutes(q.sla),
      },
    ]),
  );
  return {
    policy,
    hash: policyHash(policy),
    plans,
    queues,
    fallback: { queue: policy.fallback.queue, slaMinutes: policy.fallback.sla === undefined ? null : durationMinutes(policy.fallback.sla) },
    exceptions: policy.exceptions,
    fields,
    normalizers,
    suffixes,
    unknownFields: policy.unknownFields,
    declaredFields: declaredRecordFields(policy),
    scratch: { f: {}, a: null, p: null, d: { is_duplicate: false, matched_by: null, rolled_up_from_workspace: false } },
    clock: { ms: Number.NaN, iso: "" },
  };
}

/** Validates and compiles; throws PolicyError listing every problem. */
export function compilePolicy(raw: unknown, options?: CompileOptions): CompiledPolicy {
  const result = validatePolicy(raw);
  if (!result.ok) throw new PolicyError(result.problems);
  return compileValidated(result.policy, options);
}
