/**
 * "Why not me?": for a record and a member, the rules that could have given the record to that
 * member, nearest first (fewest failing conditions), each with what differed.
 */
import { applyNormalizers } from "./normalize";
import { compileCondition } from "./conditions";
import type { CompiledPolicy } from "./compile";
import { unavailableReason } from "./availability";
import { evaluate } from "./evaluate";
import type { Condition } from "./policy-schema";
import type { Decision, Evidence, RecordContext, RoutedRecord, RoutingState } from "./types";
import { describeForField, factInWords, type FieldVocabulary } from "./explain";
import { makeView } from "./view";

export type WhyNotStatus =
  | "conditions_failed"
  | "earlier_rule_won"
  | "suppressed"
  | "input_exception"
  | "not_the_relationship"
  | "member_unavailable"
  | "distribution_chose_another"
  | "got_it";

export interface WhyNotCandidate {
  ruleKey: string;
  ruleName: string;
  intent: string | null;
  order: number;
  how: string;
  failed: Evidence[];
  status: WhyNotStatus;
  message: string;
  /** The facts behind the message, for sentences in other words (`whyNotForField`). */
  facts: WhyNotFacts;
}

export interface WhyNotFacts {
  /** The queue the rule sends to (queue rules, and relationship rules' `ifUnavailable`). */
  queue: string | null;
  relationship: string | null;
  /** Who holds the relationship on the account (null: nobody). */
  holder: string | null;
  /** The rule that decided the record, when an earlier one won. */
  decidedBy: string | null;
  /** The queue where the member's weight is 0. */
  zeroWeightIn: string | null;
  /** Why the member could not take work then (out_of_office, at_capacity, inactive…). */
  unavailable: string | null;
  /** Who got it instead, and through which distribution. */
  chosen: string | null;
  distribution: string | null;
}

export interface WhyNotResult {
  member: string;
  decision: Decision;
  candidates: WhyNotCandidate[];
}

function leafPredicates(c: Condition | undefined): Condition[] {
  if (!c) return [];
  if ("all" in c) return c.all.flatMap(leafPredicates);
  if ("any" in c) return c.any.flatMap(leafPredicates);
  if ("not" in c) return [c];
  return [c];
}

function queueReaches(cp: CompiledPolicy, start: string, member: string): boolean {
  const seen = new Set<string>();
  let key: string | null = start;
  while (key && !seen.has(key)) {
    seen.add(key);
    const q = cp.queues.get(key);
    if (!q) return false;
    if (q.members.some((m) => m.member === member)) return true;
    key = q.overflow;
  }
  return false;
}

/** The queue (on this queue's overflow chain) where the member is listed with weight 0, if any. */
function zeroWeightQueue(cp: CompiledPolicy, start: string, member: string): string | null {
  const seen = new Set<string>();
  for (let key: string | null = start; key !== null && !seen.has(key); key = cp.queues.get(key)?.overflow ?? null) {
    seen.add(key);
    if (cp.queues.get(key)?.members.some((m) => m.member === member && m.weight === 0)) return key;
  }
  return null;
}

export function whyNotMe(
  cp: CompiledPolicy,
  record: RoutedRecord,
  context: RecordContext | null,
  state: RoutingState,
  now: Date,
  member: string,
): WhyNotResult {
  const { decision } = evaluate(cp, record, context, state, now, { trace: true });
  const plan = cp.plans[record.type];
  const view = makeView(record, context);
  applyNormalizers(cp.normalizers, view, cp.suffixes);
  const decidedKey = decision.kind === "assigned" || decision.kind === "queued" ? decision.ruleKey : null;
  const decidedOrder = decidedKey ? (cp.policy.rules.findIndex((r) => r.key === decidedKey) ?? -1) : -1;
  const candidates: WhyNotCandidate[] = [];

  for (const rule of plan?.rules ?? []) {
    const a = rule.action;
    let how: string;
    let relationshipHolder: string | null = null;
    const facts: WhyNotFacts = {
      queue: a.type === "queue" ? a.queue : a.type === "assign_relationship" ? (a.ifUnavailable ?? null) : null,
      relationship: a.type === "assign_relationship" ? a.relationship : null,
      holder: null,
      decidedBy: null,
      zeroWeightIn: null,
      unavailable: null,
      chosen: null,
      distribution: null,
    };
    if (a.type === "assign_member") {
      if (a.member !== member) continue;
      how = "assigns to you by name";
    } else if (a.type === "queue") {
      if (!queueReaches(cp, a.queue, member)) continue;
      how = `sends to queue ${a.queue}, which includes you`;
    } else {
      const key = { account_owner: "owner_id", account_csm: "csm_id", partner_owner: "partner_owner_id", parent_account_owner: "owner_id" }[
        a.relationship
      ];
      const holderSource = a.relationship === "parent_account_owner" ? view.p : view.a;
      const holder = holderSource?.[key];
      relationshipHolder = typeof holder === "string" && holder ? holder : null;
      facts.holder = relationshipHolder;
      const viaQueue = a.ifUnavailable ? queueReaches(cp, a.ifUnavailable, member) : false;
      if (relationshipHolder !== member && !viaQueue) {
        // Still worth showing: the rule goes to whoever holds that relationship.
        how = `assigns to the ${a.relationship.replace(/_/g, " ")}`;
      } else {
        how =
          relationshipHolder === member
            ? `assigns to the ${a.relationship.replace(/_/g, " ")} (you)`
            : `sends to ${a.ifUnavailable} when the ${a.relationship.replace(/_/g, " ")} is away`;
      }
    }

    const failed: Evidence[] = [];
    // The rule's condition as a whole first: an `any` that holds through one branch failed nothing.
    const holds = !rule.when || compileCondition(rule.when, cp.fields, cp.policy.lists).explain(view, []);
    for (const leaf of holds ? [] : leafPredicates(rule.when)) {
      const compiled = compileCondition(leaf, cp.fields, cp.policy.lists);
      const out: Evidence[] = [];
      if (!compiled.explain(view, out)) failed.push(...out.filter((e) => (e.negated ? e.passed : !e.passed)));
    }

    let status: WhyNotStatus;
    let message: string;
    if (
      decision.kind === "exception" &&
      (decision.reasonCode === "MISSING_INPUT" ||
        decision.reasonCode === "INVALID_INPUT" ||
        decision.reasonCode === "DUPLICATE" ||
        decision.reasonCode === "INVALID_RECORD")
    ) {
      status = "input_exception";
      message = `No rule ran: ${decision.message}`;
    } else if (decision.kind === "suppressed") {
      status = "suppressed";
      message = `Nothing was routed: suppression ${decision.suppressionKey} applies (${decision.reason}).`;
    } else if (failed.length > 0) {
      status = "conditions_failed";
      message = `${failed.length} condition${failed.length > 1 ? "s" : ""} did not hold.`;
    } else if (a.type === "assign_relationship" && relationshipHolder !== member) {
      status = "not_the_relationship";
      message = relationshipHolder
        ? `The ${a.relationship.replace(/_/g, " ")} is ${relationshipHolder}, not you.`
        : `There is no ${a.relationship.replace(/_/g, " ")} on this account.`;
    } else if (decidedOrder >= 0 && rule.index > decidedOrder) {
      status = "earlier_rule_won";
      facts.decidedBy = decidedKey;
      message = `Its conditions hold, but rule ${decidedKey} comes first (first match wins).`;
    } else if (decision.kind === "assigned" && decision.assignee === member) {
      status = "got_it";
      message = "This rule gave it to you.";
    } else {
      const reason = unavailableReason(state.members[member], now.getTime());
      const zeroIn = a.type === "queue" ? zeroWeightQueue(cp, a.queue, member) : null;
      facts.zeroWeightIn = zeroIn;
      facts.unavailable = zeroIn ? null : reason;
      if (decision.kind === "assigned") {
        facts.chosen = decision.assignee;
        facts.distribution = decision.queue ? (cp.queues.get(decision.queue)?.distribution ?? null) : null;
      }
      if (zeroIn) {
        status = "member_unavailable";
        message = `The rule matched, but your weight in queue ${zeroIn} is 0: you are in its pool and it sends you none.`;
      } else if (reason) {
        status = "member_unavailable";
        message = `The rule matched, but you could not take work (${reason.replace(/_/g, " ")}).`;
      } else {
        status = "distribution_chose_another";
        message =
          decision.kind === "assigned"
            ? `The rule matched; the queue's ${decision.queue ? cp.queues.get(decision.queue)?.distribution.replace(/_/g, " ") : "distribution"} gave it to ${decision.assignee}.`
            : "The rule matched, but the record waits in a queue.";
      }
    }
    candidates.push({
      ruleKey: rule.key,
      ruleName: rule.name,
      intent: rule.intent,
      order: rule.index,
      how,
      failed,
      status,
      message,
      facts,
    });
  }

  const weight = (c: WhyNotCandidate) => (c.status === "got_it" ? -1 : c.failed.length + (c.status === "not_the_relationship" ? 1 : 0));
  candidates.sort((x, y) => weight(x) - weight(y) || x.order - y.order);
  return { member, decision, candidates };
}

/** What each status means to the person asking, in plain words (badges for the field). */
export const WHY_NOT_STATUS_WORDS: Record<WhyNotStatus, string> = {
  got_it: "Yours",
  conditions_failed: "Did not apply",
  earlier_rule_won: "Another rule came first",
  suppressed: "Held back on purpose",
  input_exception: "Waiting for data",
  not_the_relationship: "Goes to someone else",
  member_unavailable: "You were unavailable",
  distribution_chose_another: "Someone else's turn",
};

const UNAVAILABLE_WORDS: Record<string, string> = {
  out_of_office: "you were out of office",
  at_capacity: "you were at your limit of open work",
  inactive: "you were not taking work (inactive)",
  unknown: "routing did not know you as a member",
};
const DISTRIBUTION_WORDS: Record<string, string> = {
  round_robin: "takes turns, and it was",
  weighted_round_robin: "shares work by weight, and this one went to",
  least_loaded: "gives work to whoever has least open, which was",
};

/** A fact that did not hold, with what the record had instead: "segment is not enterprise (it is mid market)". */
function unmet(e: Evidence): string {
  const words = factInWords(e);
  if (typeof e.expected === "boolean" || e.op === "exists" || e.op === "missing") return words;
  const actual =
    e.actual === null || e.actual === undefined
      ? "not set"
      : Array.isArray(e.actual)
        ? e.actual.map(String).join(", ") || "empty"
        : String(e.actual).replace(/_/g, " ");
  return `${words} (it is ${actual})`;
}

/**
 * "Why not me?" for the field: the rule by its name, people and queues by name, the unmet facts
 * in words — no rule keys, member emails, status codes or "fallback".
 */
export function whyNotForField(c: WhyNotCandidate, decision: Decision, names: FieldVocabulary): string {
  const rule = `“${c.ruleName}”`;
  const queue = c.facts.queue ? `the ${names.queue(c.facts.queue)} queue` : "its queue";
  const relationship = (c.facts.relationship ?? "")
    .replace(/_/g, " ")
    .replace("account csm", "account's CSM")
    .replace(/^account /, "account's ");
  switch (c.status) {
    case "got_it":
      return `${rule} gave it to you.`;
    case "input_exception":
      return `No rule has run yet: ${describeForField(decision, names).replace(/^It is/, "it is")}`;
    case "suppressed":
      return decision.kind === "suppressed" ? `Nobody was given this on purpose: ${decision.reason}` : "Nobody was given this on purpose.";
    case "conditions_failed":
      return `${rule} did not apply: ${c.failed.map(unmet).join("; ")}.`;
    case "not_the_relationship":
      return c.facts.holder
        ? `${rule} goes to the ${relationship}, who is ${names.member(c.facts.holder)}, not you.`
        : `${rule} goes to the ${relationship}, and this account has none.`;
    case "earlier_rule_won": {
      const first = c.facts.decidedBy ? names.rule(c.facts.decidedBy) : null;
      return `${rule} would have applied, but ${first ? `“${first}”` : "another rule"} comes first, and the first rule that applies decides.`;
    }
    case "member_unavailable":
      if (c.facts.zeroWeightIn)
        return `${rule} applied, but ${`the ${names.queue(c.facts.zeroWeightIn)} queue`} is set to send you none for now (your share is 0).`;
      return `${rule} applied, but ${UNAVAILABLE_WORDS[c.facts.unavailable ?? ""] ?? "you could not take work"} then.`;
    case "distribution_chose_another":
      if (!c.facts.chosen) return `${rule} applied; it waits in ${queue} for someone to take it.`;
      const from = decision.kind === "assigned" && decision.queue ? `the ${names.queue(decision.queue)} queue` : queue;
      return `${rule} applied; ${from} ${DISTRIBUTION_WORDS[c.facts.distribution ?? ""] ?? "gave it to"} ${names.member(c.facts.chosen)}.`;
  }
}
