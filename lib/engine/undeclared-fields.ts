/**
 * Record fields the policy does not declare. A field nobody declared is read by no rule: sent
 * as `fit_scor` instead of `fit_score`, it routes as if the score were missing. The policy's
 * `unknownFields` says what happens: ignore, warn (a warning on the decision naming the field
 * and the declared input it is closest to) or reject (the record is refused, naming the field).
 */
import { distance } from "fastest-levenshtein";
import type { PolicyDocument } from "./policy-schema";
import type { DecisionWarning } from "./types";

/** The record fields a policy reads: its record-level inputs (first segment of a path) and its matching fields. */
export function declaredRecordFields(policy: Pick<PolicyDocument, "inputs" | "matching">): Set<string> {
  const names = new Set<string>(policy.matching.domainFields);
  for (const i of policy.inputs) {
    const head = i.name.split(".")[0]!;
    if (head !== "account" && head !== "parent_account") names.add(head);
  }
  return names;
}

/** The declared name within two edits (case aside) of `field`, the nearest first; null when none is that close. */
export function nearestDeclared(field: string, declared: Iterable<string>): string | null {
  const f = field.toLowerCase();
  let best: string | null = null;
  let bestDistance = 3;
  for (const name of declared) {
    const d = distance(f, name.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== null && name < best)) {
      best = name;
      bestDistance = d;
    }
  }
  // Two edits on a name of three letters or fewer is a different word, not a typo.
  return best !== null && (bestDistance < 2 || Math.min(f.length, best.length) > 3) ? best : null;
}

export function undeclaredFieldWarnings(fields: Record<string, unknown>, declared: ReadonlySet<string>): DecisionWarning[] {
  let out: DecisionWarning[] | null = null;
  for (const field of Object.keys(fields)) {
    if (declared.has(field)) continue;
    const suggestion = nearestDeclared(field, declared);
    (out ??= []).push({
      code: "UNDECLARED_FIELD",
      field,
      suggestion,
      message: suggestion
        ? `"${field}" is not a declared input; did you mean "${suggestion}"? It was not read.`
        : `"${field}" is not a declared input; no rule reads it.`,
    });
  }
  return out ?? NONE;
}

const NONE: DecisionWarning[] = [];
