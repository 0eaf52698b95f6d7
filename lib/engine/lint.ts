/**
 * Policy lint: what validation allows but a reviewer should hear about. Validation problems
 * (duplicate keys, undeclared fields…) come first as errors; then warnings: rules shadowed by
 * an earlier rule, contradictory conditions, unreachable queues, rules without intent,
 * catch-all rules that are not last.
 */
import type { Condition, PolicyDocument, Predicate, Rule } from "./policy-schema";
import type { Problem } from "./problems";
import { canonicalJson } from "./sha256";
import { isPredicate, validatePolicy } from "./validate-policy";

/**
 * The parts that must all hold: nested `all` groups are flattened; a predicate, `any` or `not`
 * is one atom. No condition = no atoms (matches everything).
 */
function atoms(c: Condition | undefined): Condition[] {
  if (!c) return [];
  if (!isPredicate(c) && "all" in c) return c.all.flatMap(atoms);
  return [c];
}

/** Conjunctions found anywhere (each `all` group, and the whole when it is one). */
function allGroups(c: Condition | undefined, out: Predicate[][] = []): Predicate[][] {
  if (!c || isPredicate(c)) return out;
  if ("all" in c) {
    const flat = c.all.filter(isPredicate);
    if (flat.length > 1) out.push(flat);
    c.all.forEach((x) => allGroups(x, out));
  } else if ("any" in c) c.any.forEach((x) => allGroups(x, out));
  else allGroups(c.not, out);
  return out;
}

function num(x: unknown): number | null {
  return typeof x === "number"
    ? x
    : typeof x === "string" && !Number.isNaN(Date.parse(x)) && /\d{4}-\d{2}-\d{2}/.test(x)
      ? Date.parse(x)
      : null;
}

/** Why these predicates can never all hold, or null. */
export function contradiction(preds: Predicate[]): string | null {
  const byField = new Map<string, Predicate[]>();
  for (const p of preds) {
    if (p.ref || p.list) continue;
    byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
  }
  for (const [field, ps] of byField) {
    const eqs = ps.filter((p) => p.op === "eq").map((p) => canonicalJson(p.value));
    if (new Set(eqs).size > 1) return `${field} cannot equal both ${eqs.join(" and ")}`;
    const eq = ps.find((p) => p.op === "eq");
    const ins = ps.filter((p) => p.op === "in").map((p) => new Set((p.value as unknown[]).map((x) => canonicalJson(x))));
    const notIns = ps
      .filter((p) => p.op === "not_in" || p.op === "neq")
      .flatMap((p) => (Array.isArray(p.value) ? p.value : [p.value]).map((x) => canonicalJson(x)));
    if (eq) {
      const v = canonicalJson(eq.value);
      if (ins.some((s) => !s.has(v))) return `${field} = ${v} is not in the allowed list`;
      if (notIns.includes(v)) return `${field} = ${v} is also excluded`;
    }
    if (ins.length > 1) {
      const common = [...ins[0]!].filter((x) => ins.every((s) => s.has(x)));
      if (common.length === 0) return `${field} must be in lists with nothing in common`;
    }
    if (ins.length === 1 && [...ins[0]!].every((x) => notIns.includes(x))) return `every value allowed for ${field} is also excluded`;
    if (ps.some((p) => p.op === "exists") && ps.some((p) => p.op === "missing")) return `${field} cannot be both set and missing`;
    let low = Number.NEGATIVE_INFINITY;
    let lowStrict = false;
    let high = Number.POSITIVE_INFINITY;
    let highStrict = false;
    for (const p of ps) {
      const vals = Array.isArray(p.value) ? p.value.map(num) : [num(p.value)];
      const v = vals[0];
      if (p.op === "between" && vals[0] !== null && vals[1] !== null && vals[0] !== undefined && vals[1] !== undefined) {
        if (vals[0] > low) [low, lowStrict] = [vals[0], false];
        if (vals[1] < high) [high, highStrict] = [vals[1], false];
      }
      if (v === null || v === undefined) continue;
      if ((p.op === "gt" || p.op === "gte") && (v > low || (v === low && p.op === "gt"))) [low, lowStrict] = [v, p.op === "gt"];
      if ((p.op === "lt" || p.op === "lte") && (v < high || (v === high && p.op === "lt"))) [high, highStrict] = [v, p.op === "lt"];
      if (p.op === "eq") {
        if (v > low || (v === low && !lowStrict)) [low, lowStrict] = [v, false];
        if (v < high || (v === high && !highStrict)) [high, highStrict] = [v, false];
      }
    }
    if (low > high || (low === high && (lowStrict || highStrict)))
      return `no value of ${field} is both ${lowStrict ? ">" : "≥"} ${low} and ${highStrict ? "<" : "≤"} ${high}`;
  }
  return null;
}

function alwaysResolves(rule: Rule): boolean {
  // A relationship rule falls through when the relationship is empty, so it shadows nothing.
  return rule.action.type !== "assign_relationship";
}

export function lintPolicy(raw: unknown): Problem[] {
  const validation = validatePolicy(raw);
  if (!validation.ok) return validation.problems;
  const policy: PolicyDocument = validation.policy;
  const problems: Problem[] = [];
  const warn = (path: Array<string | number>, message: string) => problems.push({ path, message, severity: "warning" });

  const rules = policy.rules.map((r, i) => ({ r, i })).filter(({ r }) => r.enabled);
  rules.forEach(({ r, i }, pos) => {
    if (!r.intent)
      warn(["rules", i, "intent"], `rule ${r.key} has no intent: say which operating intent it serves (enterprise_account, territory, …)`);
    const conj = atoms(r.when);
    if (conj.length === 0 && pos < rules.length - 1) {
      const later = rules.slice(pos + 1).filter(({ r: l }) => l.appliesTo.some((t) => r.appliesTo.includes(t)));
      if (later.length > 0 && alwaysResolves(r))
        warn(
          ["rules", i],
          `rule ${r.key} matches every ${r.appliesTo.join("/")} record but is not last: ${later.map(({ r: l }) => l.key).join(", ")} can only see what it leaves`,
        );
    }
    const groups = r.when ? [conj.filter(isPredicate), ...allGroups(r.when)] : [];
    for (const g of groups) {
      const why = g.length > 1 ? contradiction(g) : null;
      if (why) {
        warn(["rules", i, "when"], `rule ${r.key} can never match: ${why}`);
        break;
      }
    }
    // Shadowing: an earlier rule for the same types whose conditions are a subset of this one's.
    const mine = new Set(conj.map((p) => canonicalJson(p)));
    for (const { r: earlier } of rules.slice(0, pos)) {
      if (!alwaysResolves(earlier)) continue;
      if (!r.appliesTo.every((t) => earlier.appliesTo.includes(t))) continue;
      if (atoms(earlier.when).every((p) => mine.has(canonicalJson(p)))) {
        warn(
          ["rules", i],
          `rule ${r.key} is shadowed by ${earlier.key}: every record it matches is taken by ${earlier.key} first, so it can never fire`,
        );
        break;
      }
    }
  });

  policy.suppressions.forEach((s, i) => {
    const conj = atoms(s.when).filter(isPredicate);
    const why = conj.length > 1 ? contradiction(conj) : null;
    if (why) warn(["suppressions", i, "when"], `suppression ${s.key} can never match: ${why}`);
    if (!s.when)
      warn(["suppressions", i, "when"], `suppression ${s.key} has no conditions: it suppresses every ${s.appliesTo.join("/")} record`);
  });

  const referenced = new Set<string>([policy.fallback.queue, policy.exceptions.queue]);
  for (const r of policy.rules) {
    if (r.action.type === "queue") referenced.add(r.action.queue);
    if (r.action.type === "assign_relationship" && r.action.ifUnavailable) referenced.add(r.action.ifUnavailable);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const q of policy.queues) {
      if (referenced.has(q.key) && q.overflow && !referenced.has(q.overflow)) {
        referenced.add(q.overflow);
        grew = true;
      }
    }
  }
  policy.queues.forEach((q, i) => {
    if (!referenced.has(q.key))
      warn(["queues", i], `queue ${q.key} is unreachable: no rule, overflow, fallback or exception path sends work to it`);
    if (q.members.length > 0 && q.members.every((m) => m.weight === 0)) {
      warn(
        ["queues", i, "members"],
        `every member of queue ${q.key} has weight 0: it assigns nobody${q.overflow ? ` and always overflows to ${q.overflow}` : " (its work becomes NO_AVAILABLE_ASSIGNEE exceptions)"}`,
      );
    }
  });
  if (policy.matching.excludePublicDomains === false) {
    warn(
      ["matching", "excludePublicDomains"],
      "free-mail domains (gmail.com, yahoo.com.mx…) are matched like company domains: anyone at gmail.com lands on whichever account has that domain",
    );
  }
  if (policy.unknownFields === "ignore") {
    warn(
      ["unknownFields"],
      "fields the policy does not declare are ignored silently: a misspelt field (fit_scor) routes as if it were missing, with no warning on the decision",
    );
  }
  return problems;
}
