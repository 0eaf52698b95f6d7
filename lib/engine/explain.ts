/** Decisions in plain words: "Assigned to Dana Ruiz because rule … matched: segment = enterprise, …". */
import type { Decision, Evidence } from "./types";

/** How operators read in sentences (explanations, diffs). */
export const OP_WORDS: Record<string, string> = {
  eq: "=",
  neq: "≠",
  in: "in",
  not_in: "not in",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  exists: "is set",
  missing: "is missing",
  matches: "matches",
};

function show(x: unknown): string {
  if (x === null || x === undefined) return "(missing)";
  if (Array.isArray(x)) return x.map(show).join(", ");
  if (typeof x === "object") {
    const o = x as { field?: string; value?: unknown };
    if (o.field) return `${o.field} (${show(o.value)})`;
    return JSON.stringify(x);
  }
  return String(x);
}

/** "account.segment = enterprise" for a passed predicate; with the actual value when it failed. */
export function describeEvidence(e: Evidence): string {
  const field = e.field.replace(/^account\./, "");
  if (e.op === "exists" || e.op === "missing") {
    const holds = e.negated ? !e.passed : e.passed;
    return `${field} ${holds ? OP_WORDS[e.op] : e.op === "exists" ? "is missing" : `is ${show(e.actual)}`}`;
  }
  const expected = e.op === "between" && Array.isArray(e.expected) ? `${show(e.expected[0])}–${show(e.expected[1])}` : show(e.expected);
  const not = e.negated ? "not " : "";
  if (e.passed !== Boolean(e.negated)) return `${field} ${not}${OP_WORDS[e.op]} ${expected}${e.op === "eq" || e.negated ? "" : ` (is ${show(e.actual)})`}`;
  return `${field} is ${show(e.actual)}, needed ${not}${OP_WORDS[e.op]} ${expected}`;
}

export function matchedEvidence(d: Decision): Evidence[] {
  const key = d.kind === "suppressed" ? d.suppressionKey : "ruleKey" in d ? d.ruleKey : null;
  const entry = d.trace?.find((t) => (t.step === "rule" || t.step === "suppression") && t.key === key && t.matched);
  return entry && (entry.step === "rule" || entry.step === "suppression") ? entry.evidence : [];
}

export function describeDecision(d: Decision, name: (memberKey: string) => string = (k) => k): string {
  const because = (ruleKey: string | null, intent: string | null) => {
    if (!ruleKey || ruleKey === "fallback") return "no rule matched, so the policy's fallback applies";
    const evidence = matchedEvidence(d);
    const facts = evidence.length ? `: ${evidence.map(describeEvidence).join(", ")}` : "";
    return `rule ${ruleKey}${intent ? ` (intent: ${intent})` : ""} matched${facts}`;
  };
  switch (d.kind) {
    case "assigned": {
      const via = d.via === "queue" ? ` from queue ${d.queue}` : d.via === "relationship" && d.relationship ? ` as ${d.relationship.replace(/_/g, " ")}` : "";
      return `Assigned to ${name(d.assignee)}${via} because ${because(d.ruleKey, d.intent)}.${d.note ? ` ${d.note}` : ""}`;
    }
    case "queued": {
      // The fallback's own note says what `because` already says.
      const note = d.note && !(d.ruleKey === "fallback" && d.note.startsWith("No rule matched")) ? ` ${d.note}` : "";
      return `Waiting in queue ${d.queue} because ${because(d.ruleKey, d.intent)}.${note}`;
    }
    case "suppressed": {
      const evidence = matchedEvidence(d);
      return `Not routed (suppressed by ${d.suppressionKey}): ${d.reason}${evidence.length ? ` — ${evidence.map(describeEvidence).join(", ")}` : ""}.`;
    }
    case "exception":
      return `Sent to exceptions (${d.reasonCode}) in queue ${d.queue}: ${d.message}`;
  }
}
