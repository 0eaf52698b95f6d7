/**
 * Full validation of a policy document: the zod shape, then the meaning — keys unique, fields
 * declared, operators that fit the field type, enum values allowed, lists and queues that
 * exist, regexes that cannot blow up. Every problem is listed with its path.
 */
import type { z } from "zod";
import { policySchema, type Condition, type InputType, type Operator, type PolicyDocument, type Predicate } from "./policy-schema";
import type { Problem } from "./problems";
import { unsafeRegexReason } from "./safe-regex";
import { MANUAL_RULE_KEY } from "./types";

export type ValidationResult = { ok: true; policy: PolicyDocument; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Fields the engine derives from the account context; always available. */
export const DERIVED_FIELDS: Record<string, InputType> = {
  "account.is_duplicate": "boolean",
  "account.matched_by": "string",
  "account.rolled_up_from_workspace": "boolean",
};

export const OPS_BY_TYPE: Record<InputType, ReadonlySet<Operator>> = {
  string: new Set(["eq", "neq", "in", "not_in", "contains", "starts_with", "ends_with", "exists", "missing", "matches"]),
  enum: new Set(["eq", "neq", "in", "not_in", "exists", "missing"]),
  number: new Set(["eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte", "between", "exists", "missing"]),
  date: new Set(["eq", "neq", "gt", "gte", "lt", "lte", "between", "exists", "missing"]),
  boolean: new Set(["eq", "neq", "exists", "missing"]),
  list: new Set(["contains", "exists", "missing"]),
};

export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    severity: "error" as const,
  }));
}

export function fieldTypes(policy: PolicyDocument): Map<string, { type: InputType; values?: string[] }> {
  const map = new Map<string, { type: InputType; values?: string[] }>();
  for (const [name, type] of Object.entries(DERIVED_FIELDS)) map.set(name, { type });
  for (const input of policy.inputs) map.set(input.name, { type: input.type, values: input.values });
  return map;
}

export function isPredicate(c: Condition): c is Predicate {
  return "field" in c;
}

export function validatePolicy(raw: unknown): ValidationResult {
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const policy = parsed.data;
  const problems: Problem[] = [];
  const err = (path: Array<string | number>, message: string) => problems.push({ path, message, severity: "error" });

  const unique = (items: Array<{ key: string }>, where: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key)) err([where, i, "key"], `${what} key "${item.key}" is used twice; keys must be unique`);
      seen.add(item.key);
    });
  };
  unique(policy.rules, "rules", "rule");
  // Decisions name the fallback and hand-assignments by these keys: a rule cannot take them.
  policy.rules.forEach((r, i) => {
    if (r.key === "fallback" || r.key === MANUAL_RULE_KEY)
      err(
        ["rules", i, "key"],
        `"${r.key}" is reserved (decisions use it for ${r.key === "fallback" ? "the fallback" : "hand-assignments"}); choose another rule key`,
      );
  });
  unique(policy.suppressions, "suppressions", "suppression");
  unique(policy.queues, "queues", "queue");
  const inputNames = new Set<string>();
  policy.inputs.forEach((input, i) => {
    if (inputNames.has(input.name)) err(["inputs", i, "name"], `input "${input.name}" is declared twice`);
    inputNames.add(input.name);
    if (input.type === "enum" && !input.values?.length) err(["inputs", i, "values"], "an enum input needs its allowed values");
    if (input.normalize === "domain" && input.type !== "string")
      err(["inputs", i, "normalize"], `"domain" normalises text fields; "${input.name}" is ${input.type}`);
    if (input.normalize && input.type !== "string" && input.type !== "enum")
      err(["inputs", i, "normalize"], `only text and enum inputs can be normalised; "${input.name}" is ${input.type}`);
    if (input.normalize && input.name.split(".").length > (/^(account|parent_account)\./.test(input.name) ? 2 : 1))
      err(["inputs", i, "normalize"], `normalize applies to a top-level field or a field of the account ("${input.name}" is nested)`);
    if (DERIVED_FIELDS[input.name]) err(["inputs", i, "name"], `"${input.name}" is provided by the engine; do not declare it`);
    for (const t of input.objectTypes ?? []) {
      if (!policy.objectTypes.includes(t)) err(["inputs", i, "objectTypes"], `object type "${t}" is not routed by this policy`);
    }
  });

  const fields = fieldTypes(policy);
  const queueKeys = new Set(policy.queues.map((q) => q.key));
  const needQueue = (path: Array<string | number>, key: string | undefined) => {
    if (key !== undefined && !queueKeys.has(key)) err(path, `queue "${key}" is not defined in queues`);
  };

  const checkCondition = (c: Condition, path: Array<string | number>) => {
    if ("all" in c) return c.all.forEach((x, i) => checkCondition(x, [...path, "all", i]));
    if ("any" in c) return c.any.forEach((x, i) => checkCondition(x, [...path, "any", i]));
    if ("not" in c) return checkCondition(c.not, [...path, "not"]);
    checkPredicate(c, path);
  };

  const checkPredicate = (p: Predicate, path: Array<string | number>) => {
    const field = fields.get(p.field);
    if (!field) return err([...path, "field"], `field "${p.field}" is not declared in inputs`);
    if (!OPS_BY_TYPE[field.type].has(p.op)) {
      return err(
        [...path, "op"],
        `operator "${p.op}" does not apply to ${field.type} field "${p.field}" (use ${[...OPS_BY_TYPE[field.type]].join(", ")})`,
      );
    }
    const operands = [p.value !== undefined, p.list !== undefined, p.ref !== undefined].filter(Boolean).length;
    if (p.op === "exists" || p.op === "missing") {
      if (operands > 0) err(path, `"${p.op}" takes no value, list or ref`);
      return;
    }
    if (operands !== 1) return err(path, `"${p.op}" needs exactly one of value, list or ref`);
    if (p.list !== undefined) {
      if (!policy.lists[p.list]) err([...path, "list"], `list "${p.list}" is not defined in lists`);
      if (!["in", "not_in", "contains", "starts_with", "ends_with"].includes(p.op))
        err([...path, "list"], `a list can only be used with in, not_in, contains, starts_with or ends_with`);
      return;
    }
    if (p.ref !== undefined) {
      const other = fields.get(p.ref);
      if (!other) err([...path, "ref"], `field "${p.ref}" is not declared in inputs`);
      return;
    }
    const v = p.value;
    if (p.op === "in" || p.op === "not_in") {
      if (!Array.isArray(v)) return err([...path, "value"], `"${p.op}" needs a list of values`);
    } else if (p.op === "between") {
      if (!Array.isArray(v) || v.length !== 2) return err([...path, "value"], `"between" needs [low, high]`);
    } else if (Array.isArray(v)) {
      return err([...path, "value"], `"${p.op}" takes a single value`);
    }
    const values = Array.isArray(v) ? v : [v];
    values.forEach((x) => {
      if (field.type === "number" && typeof x !== "number")
        err([...path, "value"], `"${p.field}" is a number; ${JSON.stringify(x)} is not`);
      if (field.type === "boolean" && typeof x !== "boolean")
        err([...path, "value"], `"${p.field}" is true or false; ${JSON.stringify(x)} is not`);
      if (field.type === "date" && (typeof x !== "string" || Number.isNaN(Date.parse(x))))
        err([...path, "value"], `"${p.field}" is a date; use an ISO date like 2026-01-31`);
      if (field.type === "enum" && field.values && !field.values.includes(String(x))) {
        err([...path, "value"], `"${String(x)}" is not an allowed value of "${p.field}" (${field.values.join(", ")})`);
      }
    });
    if (p.op === "matches") {
      const reason = typeof v === "string" ? unsafeRegexReason(v) : "must be a string pattern";
      if (reason) err([...path, "value"], `the pattern ${reason}`);
    }
  };

  const checkTypes = (types: string[], path: Array<string | number>) => {
    types.forEach((t, i) => {
      if (!policy.objectTypes.includes(t as never)) err([...path, i], `object type "${t}" is not routed by this policy (objectTypes)`);
    });
  };

  policy.suppressions.forEach((s, i) => {
    checkTypes(s.appliesTo, ["suppressions", i, "appliesTo"]);
    if (s.when) checkCondition(s.when, ["suppressions", i, "when"]);
  });
  policy.rules.forEach((r, i) => {
    checkTypes(r.appliesTo, ["rules", i, "appliesTo"]);
    if (r.when) checkCondition(r.when, ["rules", i, "when"]);
    if (r.action.type === "queue") needQueue(["rules", i, "action", "queue"], r.action.queue);
    if (r.action.type === "assign_relationship") needQueue(["rules", i, "action", "ifUnavailable"], r.action.ifUnavailable);
  });
  policy.queues.forEach((q, i) => {
    needQueue(["queues", i, "overflow"], q.overflow);
    if (q.overflow === q.key) err(["queues", i, "overflow"], "a queue cannot overflow into itself");
    const members = new Set<string>();
    q.members.forEach((m, j) => {
      if (members.has(m.member)) err(["queues", i, "members", j, "member"], `"${m.member}" is listed twice in this queue`);
      members.add(m.member);
    });
  });
  // Overflow chains must end.
  const overflowOf = new Map(policy.queues.map((q) => [q.key, q.overflow]));
  policy.queues.forEach((q, i) => {
    const seen = new Set<string>([q.key]);
    let next = q.overflow;
    while (next) {
      if (seen.has(next)) {
        err(["queues", i, "overflow"], `overflow loops back to "${next}"`);
        break;
      }
      seen.add(next);
      next = overflowOf.get(next);
    }
  });
  needQueue(["fallback", "queue"], policy.fallback.queue);
  needQueue(["exceptions", "queue"], policy.exceptions.queue);
  if (policy.matching.publicDomainsList && !policy.lists[policy.matching.publicDomainsList]) {
    err(["matching", "publicDomainsList"], `list "${policy.matching.publicDomainsList}" is not defined in lists`);
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy, warnings: [] };
}
