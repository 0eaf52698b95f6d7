/**
 * Conditions compiled to closures, twice: `test` (fast path, no allocation) and `explain`
 * (traced path: pushes per-predicate evidence — actual vs expected).
 *
 * Semantics: a missing value fails every comparison except `missing`, `neq` and `not_in`.
 * String fields compare case-insensitively; enums exactly; dates as instants.
 */
import type { Condition, InputType, Predicate } from "./policy-schema";
import { MAX_MATCH_INPUT } from "./safe-regex";
import type { Evidence } from "./types";
import { compileAccessor, isMissing, type View } from "./view";

export interface CompiledCondition {
  test(v: View): boolean;
  explain(v: View, out: Evidence[]): boolean;
  /** Leaf predicates, for lint and why-not-me. */
  readonly leaves: Predicate[];
}

export interface FieldInfo {
  type: InputType;
}

const ALWAYS: CompiledCondition = { test: () => true, explain: () => true, leaves: [] };

function toNumber(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "string" && x.trim() !== "") return Number(x);
  return Number.NaN;
}

function toTime(x: unknown): number {
  if (x instanceof Date) return x.getTime();
  if (typeof x === "string") return Date.parse(x);
  if (typeof x === "number") return x;
  return Number.NaN;
}

function lower(x: unknown): string {
  return typeof x === "string" ? x.toLowerCase() : String(x);
}

type Test = (actual: unknown, v: View) => boolean;

function comparator(kind: "number" | "date", op: "gt" | "gte" | "lt" | "lte", operand: (v: View) => unknown): Test {
  const conv = kind === "date" ? toTime : toNumber;
  switch (op) {
    case "gt":
      return (a, v) => conv(a) > conv(operand(v));
    case "gte":
      return (a, v) => conv(a) >= conv(operand(v));
    case "lt":
      return (a, v) => conv(a) < conv(operand(v));
    default:
      return (a, v) => conv(a) <= conv(operand(v));
  }
}

function compilePredicate(p: Predicate, fields: Map<string, FieldInfo>, lists: Record<string, string[]>): CompiledCondition {
  const get = compileAccessor(p.field);
  const type = fields.get(p.field)?.type ?? "string";
  const caseless = type === "string" || type === "list";
  const ref = p.ref ? compileAccessor(p.ref) : null;
  const listValues = p.list ? (lists[p.list] ?? []) : null;
  const literal = p.value;
  const expected: unknown = p.list ? `list:${p.list}` : p.ref ? `field:${p.ref}` : literal;
  const operand: (v: View) => unknown = ref ?? (() => literal);
  const norm = (x: unknown) => (caseless ? lower(x) : type === "number" ? toNumber(x) : type === "date" ? toTime(x) : x);

  let test: Test;
  switch (p.op) {
    case "exists":
      test = (a) => !isMissing(a);
      break;
    case "missing":
      test = (a) => isMissing(a);
      break;
    case "eq":
    case "neq": {
      const eq: Test = ref
        ? (a, v) => norm(a) === norm(ref(v))
        : (
            (lit) => (a: unknown) =>
              norm(a) === lit
          )(norm(literal));
      test = p.op === "eq" ? (a, v) => !isMissing(a) && eq(a, v) : (a, v) => isMissing(a) || !eq(a, v);
      break;
    }
    case "in":
    case "not_in": {
      const source = listValues ?? (Array.isArray(literal) ? literal : []);
      const set = new Set<unknown>(source.map(norm));
      const has: Test = ref
        ? (a, v) => {
            const r = ref(v);
            return Array.isArray(r) ? r.map(norm).includes(norm(a)) : norm(a) === norm(r);
          }
        : (a) => set.has(norm(a));
      test = p.op === "in" ? (a, v) => !isMissing(a) && has(a, v) : (a, v) => isMissing(a) || !has(a, v);
      break;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const cmp = comparator(type === "date" ? "date" : "number", p.op, operand);
      test = (a, v) => !isMissing(a) && cmp(a, v);
      break;
    }
    case "between": {
      const [lo, hi] = Array.isArray(literal) ? literal : [undefined, undefined];
      const conv = type === "date" ? toTime : toNumber;
      const low = conv(lo);
      const high = conv(hi);
      test = (a) => {
        if (isMissing(a)) return false;
        const x = conv(a);
        return x >= low && x <= high;
      };
      break;
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      const needles = (v: View): string[] => (listValues ? listValues.map(lower) : [lower(operand(v))]);
      const fixed = ref ? null : needles({} as View);
      const hit = (hay: string, needle: string) =>
        p.op === "contains" ? hay.includes(needle) : p.op === "starts_with" ? hay.startsWith(needle) : hay.endsWith(needle);
      test = (a, v) => {
        if (isMissing(a)) return false;
        const ns = fixed ?? needles(v);
        if (Array.isArray(a)) return p.op === "contains" && a.some((item) => ns.includes(lower(item)));
        const hay = lower(a);
        for (const n of ns) if (hit(hay, n)) return true;
        return false;
      };
      break;
    }
    case "matches": {
      const re = new RegExp(String(literal ?? ""), "i");
      test = (a) => !isMissing(a) && re.test(String(a).slice(0, MAX_MATCH_INPUT));
      break;
    }
  }

  return {
    test: (v) => test(get(v), v),
    explain: (v, out) => {
      const actual = get(v);
      const passed = test(actual, v);
      out.push({
        field: p.field,
        op: p.op,
        expected: ref ? { field: p.ref, value: ref(v) } : expected,
        actual: actual === undefined ? null : actual,
        passed,
      });
      return passed;
    },
    leaves: [p],
  };
}

export function compileCondition(
  c: Condition | undefined,
  fields: Map<string, FieldInfo>,
  lists: Record<string, string[]>,
): CompiledCondition {
  if (!c) return ALWAYS;
  if ("all" in c) {
    const parts = c.all.map((x) => compileCondition(x, fields, lists));
    if (parts.length === 0) return ALWAYS;
    return {
      test: (v) => {
        for (const part of parts) if (!part.test(v)) return false;
        return true;
      },
      explain: (v, out) => {
        // Passed parts' evidence stays when all pass; on a failure only the failing part's remains.
        const mark = out.length;
        for (const part of parts) {
          const before = out.length;
          if (!part.explain(v, out)) {
            if (before > mark) out.splice(mark, before - mark);
            return false;
          }
        }
        return true;
      },
      leaves: parts.flatMap((p) => p.leaves),
    };
  }
  if ("any" in c) {
    const parts = c.any.map((x) => compileCondition(x, fields, lists));
    return {
      test: (v) => {
        for (const part of parts) if (part.test(v)) return true;
        return false;
      },
      explain: (v, out) => {
        // Failures accumulate; when a part passes, only its evidence remains.
        const mark = out.length;
        for (const part of parts) {
          const before = out.length;
          if (part.explain(v, out)) {
            if (before > mark) out.splice(mark, before - mark);
            return true;
          }
        }
        return false;
      },
      leaves: parts.flatMap((p) => p.leaves),
    };
  }
  if ("not" in c) {
    const inner = compileCondition(c.not, fields, lists);
    return {
      test: (v) => !inner.test(v),
      explain: (v, out) => {
        const tmp: Evidence[] = [];
        const r = inner.explain(v, tmp);
        for (const e of tmp) out.push({ ...e, negated: true });
        return !r;
      },
      leaves: inner.leaves,
    };
  }
  return compilePredicate(c, fields, lists);
}
