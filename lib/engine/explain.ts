/** Decisions in plain words: "Assigned to Dana Ruiz because rule … matched: segment = enterprise, …". */
import { exceptionWords } from "./exception-words";
import { MANUAL_RULE_KEY, type Decision, type Evidence } from "./types";

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
  if (e.passed !== Boolean(e.negated))
    return `${field} ${not}${OP_WORDS[e.op]} ${expected}${e.op === "eq" || e.negated ? "" : ` (is ${show(e.actual)})`}`;
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
    if (ruleKey === MANUAL_RULE_KEY) return "it was sent to that queue by hand";
    const evidence = matchedEvidence(d);
    const facts = evidence.length ? `: ${evidence.map(describeEvidence).join(", ")}` : "";
    return `rule ${ruleKey}${intent ? ` (intent: ${intent})` : ""} matched${facts}`;
  };
  switch (d.kind) {
    case "assigned": {
      const via =
        d.via === "queue"
          ? ` from queue ${d.queue}`
          : d.via === "relationship" && d.relationship
            ? ` as ${d.relationship.replace(/_/g, " ")}`
            : "";
      return `Assigned to ${name(d.assignee)}${via} because ${because(d.ruleKey, d.intent)}.${d.note && d.ruleKey !== MANUAL_RULE_KEY ? ` ${d.note}` : ""}`;
    }
    case "queued": {
      // The fallback's own note says what `because` already says.
      const note =
        d.note && !(d.ruleKey === "fallback" && d.note.startsWith("No rule matched")) && d.ruleKey !== MANUAL_RULE_KEY ? ` ${d.note}` : "";
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

/** Names for a sentence a rep reads: people, rules and queues by name, never keys or emails. */
export interface FieldVocabulary {
  member: (key: string) => string;
  rule: (key: string) => string | null;
  queue: (key: string) => string;
}

/** "is_strategic = true" → "it is strategic"; "segment = enterprise" → "segment is enterprise"; a negated "tags contains student" → "tags does not contain student". */
export function factInWords(e: Evidence): string {
  const words = e.field
    .replace(/^(parent_)?account\./, "")
    .replace(/_id$/, "")
    .replace(/_/g, " ");
  // The predicate as written held (e.passed); inside a `not`, it is stated the other way round.
  const yes = e.passed;
  const value =
    typeof e.expected === "string" && e.expected.startsWith("list:")
      ? `on the ${e.expected.slice(5).replace(/_/g, " ")} list`
      : Array.isArray(e.expected)
        ? e.expected.map(String).join(" or ")
        : e.expected !== null && typeof e.expected === "object"
          ? "the other field"
          : String(e.expected);
  const is = (positive: boolean) => (positive ? "is" : "is not");
  switch (e.op) {
    case "exists":
    case "missing":
      return `${words} ${(e.op === "exists") === yes ? "is set" : "is not set"}`;
    case "eq":
    case "neq": {
      const positive = (e.op === "eq") === yes;
      if (typeof e.expected === "boolean") {
        const truth = e.expected === positive;
        const adjective = /^(is|has|in) /.test(words) ? words : `is ${words}`;
        const negated = adjective.replace(/^is /, "is not ").replace(/^has /, "has no ").replace(/^in /, "is not in ");
        return `it ${truth ? adjective : negated}`;
      }
      return `${words} ${is(positive)} ${value}`;
    }
    case "in":
    case "not_in":
      return `${words} ${is((e.op === "in") === yes)} ${value}`;
    case "contains":
      return `${words} ${yes ? "contains" : "does not contain"} ${value}`;
    default:
      return `${words} ${yes ? "" : "not "}${OP_WORDS[e.op]} ${value}`;
  }
}

/**
 * A decision for the field, in business language: who and why by name, the rule by its name,
 * the facts in words — no member emails, rule keys, reason codes or "fallback".
 */
export function describeForField(d: Decision, names: FieldVocabulary): string {
  const facts = matchedEvidence(d).map(factInWords);
  const why = facts.length ? ` (${facts.join(", ")})` : "";
  const ruleName = "ruleKey" in d && d.ruleKey && d.ruleKey !== "fallback" ? names.rule(d.ruleKey) : null;
  const rule = ruleName ? `the rule “${ruleName}”` : "a routing rule";
  switch (d.kind) {
    case "assigned": {
      const who = names.member(d.assignee);
      const note =
        d.note && d.via === "relationship" && /assigned anyway/.test(d.note)
          ? ` ${who} was ${/capacity/.test(d.note) ? "at capacity" : "out of office"}, and it went to them anyway because the relationship matters more.`
          : "";
      if (d.ruleKey === "fallback")
        return `No specific rule applied, so the ${d.queue ? names.queue(d.queue) : "review"} queue gave it to ${who}.`;
      if (d.ruleKey === MANUAL_RULE_KEY)
        return `RevOps sent it to the ${d.queue ? names.queue(d.queue) : ""} queue by hand, and the queue gave it to ${who}.`;
      if (d.via === "relationship" && d.relationship)
        return `${who} got it as the ${d.relationship.replace(/_/g, " ").replace("account csm", "account's CSM")} under ${rule}${why}.${note}`;
      if (d.via === "member") return `${rule.replace(/^t/, "T")} gives these to ${who} by name${why}.`;
      return `It went to ${who} from the ${d.queue ? names.queue(d.queue) : ""} queue under ${rule}${why}.`;
    }
    case "queued":
      if (d.ruleKey === MANUAL_RULE_KEY)
        return `RevOps sent it to the ${names.queue(d.queue)} queue by hand; it waits there for someone to take it.`;
      return d.ruleKey === "fallback"
        ? `No specific rule applied, so it waits in the ${names.queue(d.queue)} queue for RevOps to place.`
        : `It waits in the ${names.queue(d.queue)} queue under ${rule}${why}.`;
    case "suppressed":
      return `Nobody was given this on purpose: ${d.reason}`;
    case "exception":
      return `It is waiting for RevOps because ${exceptionWords(d.reasonCode)?.because ?? "routing could not place it"}${d.fields.length && d.reasonCode === "MISSING_INPUT" ? ` (${d.fields.map((f) => f.replace(/^account\./, "").replace(/_/g, " ")).join(", ")})` : ""}.`;
  }
}
