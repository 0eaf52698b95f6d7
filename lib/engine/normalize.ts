/**
 * Declared normalisation of input values (`normalize` on an input): the value a record or an
 * account carries is cleaned the same way before conditions, the inputs snapshot and the type
 * checks see it — and the literals of conditions on that field are cleaned the same way when
 * the policy is compiled, so `email_domain eq "Acme.com"` and " ana@Sales.ACME.com " meet.
 *
 *   trim       surrounding white space removed
 *   lowercase  trimmed and lowercased (enum values then match whatever case the source sends)
 *   domain     the registrable domain, exactly as account matching computes it (Public Suffix List)
 */
import { normalizeDomain } from "./matching";
import type { Condition, Normalization, PolicyInput } from "./policy-schema";
import type { AccountContext } from "./types";

export function normalizeValue(kind: Normalization, value: unknown, multiLabelSuffixes: readonly string[]): unknown {
  if (typeof value !== "string") return value;
  if (kind === "trim") return value.trim();
  if (kind === "lowercase") return value.trim().toLowerCase();
  // A value that is not a domain at all is left as sent (trimmed), so the type check and the trace show it.
  return normalizeDomain(value, multiLabelSuffixes) ?? value.trim();
}

/** Where a normalised input lives: a record field, or a field of the matched account / its parent. */
export interface FieldNormalizer {
  scope: "f" | "a" | "p";
  key: string;
  kind: Normalization;
}

/** The inputs that declare a normalisation, as record / account keys (one level, as the engine reads them). */
export function fieldNormalizers(inputs: PolicyInput[]): FieldNormalizer[] {
  const out: FieldNormalizer[] = [];
  for (const i of inputs) {
    if (!i.normalize) continue;
    const parts = i.name.split(".");
    if (parts[0] === "account" && parts.length === 2) out.push({ scope: "a", key: parts[1]!, kind: i.normalize });
    else if (parts[0] === "parent_account" && parts.length === 2) out.push({ scope: "p", key: parts[1]!, kind: i.normalize });
    else if (parts.length === 1) out.push({ scope: "f", key: parts[0]!, kind: i.normalize });
  }
  return out;
}

/** Copies of the record's fields and the accounts with the declared fields normalised (the originals are not touched). */
export function applyNormalizers(
  normalizers: FieldNormalizer[],
  view: { f: Record<string, unknown>; a: AccountContext | null; p: AccountContext | null },
  multiLabelSuffixes: readonly string[],
): void {
  let f: Record<string, unknown> | null = null;
  let a: AccountContext | null = null;
  let p: AccountContext | null = null;
  for (const n of normalizers) {
    if (n.scope === "f") {
      if (!(n.key in view.f)) continue;
      f ??= { ...view.f };
      f[n.key] = normalizeValue(n.kind, f[n.key], multiLabelSuffixes);
    } else if (n.scope === "a" && view.a) {
      a ??= { ...view.a };
      a[n.key] = normalizeValue(n.kind, a[n.key], multiLabelSuffixes);
    } else if (n.scope === "p" && view.p) {
      p ??= { ...view.p };
      p[n.key] = normalizeValue(n.kind, p[n.key], multiLabelSuffixes);
    }
  }
  if (f) view.f = f;
  if (a) view.a = a;
  if (p) view.p = p;
}

/** A condition with the literals of normalised fields cleaned like the values they meet. */
export function normalizeConditionLiterals(
  c: Condition | undefined,
  kinds: ReadonlyMap<string, Normalization>,
  multiLabelSuffixes: readonly string[],
): Condition | undefined {
  if (!c || kinds.size === 0) return c;
  if ("all" in c) return { all: c.all.map((x) => normalizeConditionLiterals(x, kinds, multiLabelSuffixes)!) };
  if ("any" in c) return { any: c.any.map((x) => normalizeConditionLiterals(x, kinds, multiLabelSuffixes)!) };
  if ("not" in c) return { not: normalizeConditionLiterals(c.not, kinds, multiLabelSuffixes)! };
  const kind = kinds.get(c.field);
  if (!kind || c.value === undefined) return c;
  // Only equality-like comparisons: contains/starts_with on a domain keep the fragment as written.
  if (!["eq", "neq", "in", "not_in"].includes(c.op))
    return kind === "domain" ? c : { ...c, value: clean(c.value, kind, multiLabelSuffixes) };
  return { ...c, value: clean(c.value, kind, multiLabelSuffixes) };
}

function clean(value: NonNullable<Extract<Condition, { field: string }>["value"]>, kind: Normalization, suffixes: readonly string[]) {
  const one = (x: string | number | boolean) => normalizeValue(kind, x, suffixes) as string | number | boolean;
  return Array.isArray(value) ? value.map(one) : one(value);
}
