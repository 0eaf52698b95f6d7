/**
 * The fast path, generated once per object type when a policy is compiled: plain JavaScript
 * with direct property reads for the inputs snapshot and for "which suppression / rule matches
 * first". Simple predicates (eq, neq, in, not_in, gt…, between, exists, missing on literals and
 * lists) are inlined; the rest call the predicate's compiled closure, so the semantics are the
 * closure path's exactly (the tests compare both). Literals enter the source through
 * JSON.stringify and field names are validated identifiers, so nothing user-written runs as code.
 * Where code generation is unavailable (a CSP without 'unsafe-eval'), `null` is returned and the
 * closures are used.
 */
import { compileCondition, type FieldInfo } from "./conditions";
import type { Condition, InputType, Predicate } from "./policy-schema";
import type { Evidence } from "./types";
import { isMissing, type View } from "./view";

export interface FastPlan {
  snapshot(v: View): Record<string, unknown>;
  /** True when every required input is present and every present input has its declared type. */
  inputsOk(snapshot: Record<string, unknown>): boolean;
  /** Position (in the plan's list) of the first matching suppression, or -1. */
  firstSuppression(v: View): number;
  /** Position of the first matching rule at or after `start`, or -1. */
  firstRule(v: View, start: number): number;
  /** Traced path: evaluate one suppression / rule, pushing its evidence (same as the closures' explain). */
  explainSuppression(position: number, v: View, out: Evidence[]): boolean;
  explainRule(position: number, v: View, out: Evidence[]): boolean;
}

interface InputDef {
  name: string;
  type: InputType;
  required: boolean;
  values?: string[];
}

interface Ctx {
  consts: unknown[];
  fields: Map<string, FieldInfo>;
  lists: Record<string, string[]>;
}

const J = (x: unknown) => JSON.stringify(x);

function constant(ctx: Ctx, value: unknown): string {
  ctx.consts.push(value);
  return `K[${ctx.consts.length - 1}]`;
}

function access(path: string): string {
  const parts = path.split(".");
  const [head, ...rest] = parts;
  const chain = (base: string, keys: string[]) =>
    keys.reduce((expr, k, i) => (i === 0 ? `${base}[${J(k)}]` : `(${expr} == null ? undefined : ${expr}[${J(k)}])`), "");
  if (head === "account" && rest.length === 1 && ["is_duplicate", "matched_by", "rolled_up_from_workspace"].includes(rest[0]!))
    return `v.d[${J(rest[0])}]`;
  if (head === "account" && rest.length > 0) return `(v.a === null ? undefined : ${chain("v.a", rest)})`;
  if (head === "parent_account" && rest.length > 0) return `(v.p === null ? undefined : ${chain("v.p", rest)})`;
  return chain("v.f", parts);
}

/** An expression over `x` (the field's value), or null when the closure should handle it. */
function inlinePredicate(p: Predicate, ctx: Ctx): string | null {
  if (p.ref !== undefined) return null;
  const type = ctx.fields.get(p.field)?.type ?? "string";
  const caseless = type === "string";
  if (type === "date" || type === "list") return p.op === "exists" ? "!M(x)" : p.op === "missing" ? "M(x)" : null;
  const values = p.list !== undefined ? (ctx.lists[p.list] ?? []) : p.value;
  const norm = (x: unknown) => (caseless ? String(x).toLowerCase() : x);
  const value = caseless ? `(typeof x === "string" ? x.toLowerCase() : x)` : "x";
  switch (p.op) {
    case "exists":
      return "!M(x)";
    case "missing":
      return "M(x)";
    case "eq":
      return Array.isArray(values) ? null : `(!M(x) && ${value} === ${J(norm(values))})`;
    case "neq":
      return Array.isArray(values) ? null : `(M(x) || ${value} !== ${J(norm(values))})`;
    case "in":
    case "not_in": {
      if (!Array.isArray(values)) return null;
      const set = constant(ctx, new Set(values.map(norm)));
      return p.op === "in" ? `(!M(x) && ${set}.has(${value}))` : `(M(x) || !${set}.has(${value}))`;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      if (type !== "number" || typeof values !== "number") return null;
      const op = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[p.op];
      return `(typeof x === "number" && x ${op} ${J(values)})`;
    }
    case "between": {
      if (type !== "number" || !Array.isArray(values) || typeof values[0] !== "number" || typeof values[1] !== "number") return null;
      return `(typeof x === "number" && x >= ${J(values[0])} && x <= ${J(values[1])})`;
    }
    default:
      return null;
  }
}

function conditionSource(c: Condition | undefined, ctx: Ctx): string {
  if (!c) return "true";
  if ("all" in c) return c.all.length ? `(${c.all.map((x) => conditionSource(x, ctx)).join(" && ")})` : "true";
  if ("any" in c) return `(${c.any.map((x) => conditionSource(x, ctx)).join(" || ")})`;
  if ("not" in c) return `!${conditionSource(c.not, ctx)}`;
  const inline = inlinePredicate(c, ctx);
  if (inline === null) {
    const closure = constant(ctx, compileCondition(c, ctx.fields, ctx.lists).test);
    return `${closure}(v)`;
  }
  return `(x = ${access(c.field)}, ${inline})`;
}

/**
 * Explain functions, one per condition node, pushed into `fns` (sources); returns the index.
 * Mirrors CompiledCondition.explain: `all` keeps only the failing part's evidence on failure,
 * `any` only the passing part's on success, `not` marks its evidence negated.
 */
function explainNode(c: Condition | undefined, ctx: Ctx, fns: string[]): number {
  const add = (src: string) => fns.push(src) - 1;
  if (!c) return add("function (v, out) { return true; }");
  if ("all" in c || "any" in c) {
    const isAll = "all" in c;
    const parts = ("all" in c ? c.all : c.any).map((x) => explainNode(x, ctx, fns));
    if (parts.length === 0) return add("function (v, out) { return true; }");
    const body = parts
      .map((i) =>
        isAll
          ? `before = out.length; if (!E[${i}](v, out)) { if (before > mark) out.splice(mark, before - mark); return false; }`
          : `before = out.length; if (E[${i}](v, out)) { if (before > mark) out.splice(mark, before - mark); return true; }`,
      )
      .join("\n");
    return add(`function (v, out) { const mark = out.length; let before; ${body} return ${isAll ? "true" : "false"}; }`);
  }
  if ("not" in c) {
    const inner = explainNode(c.not, ctx, fns);
    return add(
      `function (v, out) { const start = out.length; const r = E[${inner}](v, out); for (let k = start; k < out.length; k++) out[k] = { ...out[k], negated: true }; return !r; }`,
    );
  }
  const inline = inlinePredicate(c, ctx);
  if (inline === null) {
    const closure = constant(ctx, compileCondition(c, ctx.fields, ctx.lists).explain);
    return add(`function (v, out) { return ${closure}(v, out); }`);
  }
  const expected = c.list !== undefined ? `list:${c.list}` : c.value;
  return add(
    `function (v, out) { const x = ${access(c.field)}; const passed = ${inline}; out.push({ field: ${J(c.field)}, op: ${J(c.op)}, expected: ${constant(ctx, expected)}, actual: x === undefined ? null : x, passed }); return passed; }`,
  );
}

function typeTest(input: InputDef, ctx: Ctx): string {
  switch (input.type) {
    case "number":
      return `(typeof x === "number" && Number.isFinite(x))`;
    case "boolean":
      return `typeof x === "boolean"`;
    case "date":
      return `(typeof x === "string" && !Number.isNaN(Date.parse(x)))`;
    case "list":
      return "Array.isArray(x)";
    case "enum":
      return `(typeof x === "string" && ${constant(ctx, new Set(input.values ?? []))}.has(x))`;
    default:
      return `typeof x === "string"`;
  }
}

export function generateFastPlan(
  inputs: InputDef[],
  suppressions: Array<{ when: Condition | undefined }>,
  rules: Array<{ when: Condition | undefined }>,
  fields: Map<string, FieldInfo>,
  lists: Record<string, string[]>,
): FastPlan | null {
  const ctx: Ctx = { consts: [], fields, lists };
  const snapshot = `return {${inputs.map((i) => `${J(i.name)}: (x = ${access(i.name)}, x === undefined ? null : x)`).join(", ")}};`;
  const checks = inputs
    .map((i) => `x = s[${J(i.name)}]; if (M(x)) { ${i.required ? "return false;" : ""} } else if (!(${typeTest(i, ctx)})) return false;`)
    .join("\n");
  // One small function per condition, so each is optimised on its own (a single function with
  // hundreds of rules would be too large for the optimising compiler).
  const fn = (c: Condition | undefined) => `function (v) { let x; return ${conditionSource(c, ctx)}; }`;
  const explainFns: string[] = [];
  const explainS = suppressions.map((x) => explainNode(x.when, ctx, explainFns));
  const explainR = rules.map((x) => explainNode(x.when, ctx, explainFns));
  const source = `
    "use strict";
    const S = [${suppressions.map((x) => fn(x.when)).join(",\n")}];
    const R = [${rules.map((x) => fn(x.when)).join(",\n")}];
    const E = [${explainFns.join(",\n")}];
    const ES = [${explainS.map((i) => `E[${i}]`).join(", ")}];
    const ER = [${explainR.map((i) => `E[${i}]`).join(", ")}];
    return {
      explainSuppression(i, v, out) { return ES[i](v, out); },
      explainRule(i, v, out) { return ER[i](v, out); },
      snapshot(v) { let x; ${snapshot} },
      inputsOk(s) { let x; ${checks} return true; },
      firstSuppression(v) { for (let i = 0; i < S.length; i++) if (S[i](v)) return i; return -1; },
      firstRule(v, start) { for (let i = start; i < R.length; i++) if (R[i](v)) return i; return -1; },
    };`;
  try {
    return new Function("K", "M", source)(ctx.consts, isMissing) as FastPlan;
  } catch {
    return null;
  }
}
