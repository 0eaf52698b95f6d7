/**
 * Which distribution state a decision could read or change: the members and queues reachable
 * from the rule that decided (or the fallback). Rule conditions never read state, so the rule
 * that matches does not depend on it; only the action does. The server locks exactly these rows
 * (in key order) before it evaluates for real, so concurrent routing serialises only where two
 * records meet the same members or queues.
 */
import type { CompiledPolicy } from "./compile";
import type { Relationship } from "./policy-schema";
import { MANUAL_RULE_KEY, type Decision, type RecordContext, type RoutedRecord } from "./types";

export interface StateFootprint {
  members: string[];
  queues: string[];
}

const EMPTY: StateFootprint = { members: [], queues: [] };

const OWNER_FIELD: Record<Relationship, "owner_id" | "csm_id" | "partner_owner_id"> = {
  account_owner: "owner_id",
  account_csm: "csm_id",
  partner_owner: "partner_owner_id",
  parent_account_owner: "owner_id",
};

function addQueueChain(cp: CompiledPolicy, start: string, members: Set<string>, queues: Set<string>): void {
  let key: string | null = start;
  while (key !== null && !queues.has(key)) {
    const q = cp.queues.get(key);
    if (!q) return;
    queues.add(key);
    for (const m of q.members) members.add(m.member);
    key = q.overflow;
  }
}

/**
 * The state a record decided by `ruleKey` ("fallback" for the fallback, "manual" for a
 * hand-assignment through the record's `manualQueue`, null for none) can touch.
 */
export function stateFootprint(
  cp: CompiledPolicy,
  ruleKey: string | null,
  context: RecordContext | null | undefined,
  record?: Pick<RoutedRecord, "manualQueue"> | null,
): StateFootprint {
  if (ruleKey === null) return EMPTY;
  const members = new Set<string>();
  const queues = new Set<string>();
  if (ruleKey === "fallback") {
    addQueueChain(cp, cp.fallback.queue, members, queues);
  } else if (ruleKey === MANUAL_RULE_KEY) {
    if (typeof record?.manualQueue === "string") addQueueChain(cp, record.manualQueue, members, queues);
  } else {
    const rule = cp.policy.rules.find((r) => r.key === ruleKey);
    if (!rule) return EMPTY;
    const a = rule.action;
    if (a.type === "queue") addQueueChain(cp, a.queue, members, queues);
    else if (a.type === "assign_member") members.add(a.member);
    else {
      const source = a.relationship === "parent_account_owner" ? context?.parentAccount : context?.account;
      const owner = source?.[OWNER_FIELD[a.relationship]];
      if (typeof owner === "string" && owner !== "") members.add(owner);
      if (a.ifUnavailable) addQueueChain(cp, a.ifUnavailable, members, queues);
    }
  }
  return { members: [...members].sort(), queues: [...queues].sort() };
}

/** The rule whose action decided (or tried to): what `stateFootprint` needs. */
export function decidingRule(d: Decision): string | null {
  if (d.kind === "assigned" || d.kind === "queued") return d.ruleKey;
  // NO_AVAILABLE_ASSIGNEE, OWNER_INACTIVE, UNKNOWN_OWNER: the rule's action read the state; the others carry no rule.
  if (d.kind === "exception") return d.ruleKey;
  return null;
}
