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

export function whyNotMe(cp: CompiledPolicy, record: RoutedRecord, context: RecordContext | null, state: RoutingState, now: Date, member: string): WhyNotResult {
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
    if (a.type === "assign_member") {
      if (a.member !== member) continue;
      how = "assigns to you by name";
    } else if (a.type === "queue") {
      if (!queueReaches(cp, a.queue, member)) continue;
      how = `sends to queue ${a.queue}, which includes you`;
    } else {
      const key = { account_owner: "owner_id", account_csm: "csm_id", partner_owner: "partner_owner_id", parent_account_owner: "owner_id" }[a.relationship];
      const holderSource = a.relationship === "parent_account_owner" ? view.p : view.a;
      const holder = holderSource?.[key];
      relationshipHolder = typeof holder === "string" && holder ? holder : null;
      const viaQueue = a.ifUnavailable ? queueReaches(cp, a.ifUnavailable, member) : false;
      if (relationshipHolder !== member && !viaQueue) {
        // Still worth showing: the rule goes to whoever holds that relationship.
        how = `assigns to the ${a.relationship.replace(/_/g, " ")}`;
      } else {
        how = relationshipHolder === member ? `assigns to the ${a.relationship.replace(/_/g, " ")} (you)` : `sends to ${a.ifUnavailable} when the ${a.relationship.replace(/_/g, " ")} is away`;
      }
    }

    const failed: Evidence[] = [];
    for (const leaf of leafPredicates(rule.when)) {
      const compiled = compileCondition(leaf, cp.fields, cp.policy.lists);
      const out: Evidence[] = [];
      if (!compiled.explain(view, out)) failed.push(...out.filter((e) => (e.negated ? e.passed : !e.passed)));
    }

    let status: WhyNotStatus;
    let message: string;
    if (decision.kind === "exception" && (decision.reasonCode === "MISSING_INPUT" || decision.reasonCode === "INVALID_INPUT" || decision.reasonCode === "DUPLICATE" || decision.reasonCode === "INVALID_RECORD")) {
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
      message = relationshipHolder ? `The ${a.relationship.replace(/_/g, " ")} is ${relationshipHolder}, not you.` : `There is no ${a.relationship.replace(/_/g, " ")} on this account.`;
    } else if (decidedOrder >= 0 && rule.index > decidedOrder) {
      status = "earlier_rule_won";
      message = `Its conditions hold, but rule ${decidedKey} comes first (first match wins).`;
    } else if (decision.kind === "assigned" && decision.assignee === member) {
      status = "got_it";
      message = "This rule gave it to you.";
    } else {
      const reason = unavailableReason(state.members[member], now.getTime());
      const zeroIn = a.type === "queue" ? zeroWeightQueue(cp, a.queue, member) : null;
      if (zeroIn) {
        status = "member_unavailable";
        message = `The rule matched, but your weight in queue ${zeroIn} is 0: you are in its pool and it sends you none.`;
      } else if (reason) {
        status = "member_unavailable";
        message = `The rule matched, but you could not take work (${reason.replace(/_/g, " ")}).`;
      } else {
        status = "distribution_chose_another";
        message = decision.kind === "assigned" ? `The rule matched; the queue's ${decision.queue ? cp.queues.get(decision.queue)?.distribution.replace(/_/g, " ") : "distribution"} gave it to ${decision.assignee}.` : "The rule matched, but the record waits in a queue.";
      }
    }
    candidates.push({ ruleKey: rule.key, ruleName: rule.name, intent: rule.intent, order: rule.index, how, failed, status, message });
  }

  const weight = (c: WhyNotCandidate) => (c.status === "got_it" ? -1 : c.failed.length + (c.status === "not_the_relationship" ? 1 : 0));
  candidates.sort((x, y) => weight(x) - weight(y) || x.order - y.order);
  return { member, decision, candidates };
}
