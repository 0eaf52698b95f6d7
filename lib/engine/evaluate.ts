/**
 * evaluate(compiledPolicy, record, context, state, now) → { decision, nextState }
 *
 * Deterministic: the same inputs give the same decision. Order:
 *   record shape → required inputs (MISSING_INPUT) → input types (INVALID_INPUT) → duplicates
 *   → suppressions (first match) → rules (first match wins) → fallback.
 * Queue distribution skips members who are inactive, out of office or at their cap; when no
 * one can take the work, the queue's overflow, else NO_AVAILABLE_ASSIGNEE.
 */
import { unavailableReason } from "./availability";
import type { CompiledPolicy, CompiledRule } from "./compile";
import { pickMember } from "./distribution";
import { OBJECT_TYPES, type ObjectType, type Relationship } from "./policy-schema";
import type {
  Decision,
  DecisionBase,
  EvaluateOptions,
  EvaluateResult,
  Evidence,
  ExceptionCode,
  RecordContext,
  RoutedRecord,
  RoutingState,
  RuleRef,
  TraceEntry,
} from "./types";
import { isMissing, type View } from "./view";

const OBJECT_TYPE_SET = new Set<string>(OBJECT_TYPES);

function relationshipMember(rel: Relationship, v: View): string | null {
  const pick = (o: Record<string, unknown> | null, k: string) => {
    const x = o?.[k];
    return typeof x === "string" && x !== "" ? x : null;
  };
  switch (rel) {
    case "account_owner":
      return pick(v.a, "owner_id");
    case "account_csm":
      return pick(v.a, "csm_id");
    case "partner_owner":
      return pick(v.a, "partner_owner_id");
    case "parent_account_owner":
      return pick(v.p, "owner_id");
  }
}

const REL_LABEL: Record<Relationship, string> = {
  account_owner: "account owner",
  account_csm: "account CSM",
  partner_owner: "partner owner",
  parent_account_owner: "parent account's owner",
};

function withLoad(state: RoutingState, member: string): RoutingState["members"] {
  const m = state.members[member];
  if (!m) return state.members;
  return { ...state.members, [member]: { ...m, load: m.load + 1 } };
}

export function evaluate(
  cp: CompiledPolicy,
  record: RoutedRecord,
  context: RecordContext | null | undefined,
  state: RoutingState,
  now: Date,
  options?: EvaluateOptions,
): EvaluateResult {
  const traced = options?.trace !== false;
  const t = now.getTime();
  const evaluatedAt = now.toISOString();
  const trace: TraceEntry[] | null = traced ? [] : null;
  const type = record?.type as ObjectType;

  const base = (inputs: Record<string, unknown>): DecisionBase => ({
    recordId: typeof record?.id === "string" ? record.id : "",
    objectType: type,
    policyHash: cp.hash,
    evaluatedAt,
    inputs,
    trace,
  });
  const exception = (inputs: Record<string, unknown>, reasonCode: ExceptionCode, message: string, fields: string[] = [], ruleKey: string | null = null): EvaluateResult => ({
    decision: { ...base(inputs), kind: "exception", reasonCode, queue: cp.exceptions.queue, fields, message, ruleKey },
    nextState: state,
  });

  // 1. The record itself.
  if (!record || typeof record !== "object" || typeof record.id !== "string" || record.id === "" || !record.fields || typeof record.fields !== "object") {
    return exception({}, "INVALID_RECORD", "The record needs an id (text) and fields (an object).");
  }
  const plan = OBJECT_TYPE_SET.has(type) ? cp.plans[type] : undefined;
  if (!plan) {
    return exception({}, "INVALID_RECORD", `This policy does not route "${String(record.type)}" records (it routes ${cp.policy.objectTypes.join(", ")}).`);
  }

  const v = cp.scratch;
  v.f = record.fields;
  v.a = context?.account ?? null;
  v.p = context?.parentAccount ?? null;
  v.d.is_duplicate = (context?.duplicates?.length ?? 0) > 0;
  v.d.matched_by = context?.matchedBy ?? null;
  v.d.rolled_up_from_workspace = Boolean(context?.rolledUpFromWorkspace);

  // 2. Inputs: snapshot, required, types.
  const inputs: Record<string, unknown> = {};
  let missing: string[] | null = null;
  let invalid: Array<{ field: string; message: string }> | null = null;
  for (const input of plan.inputs) {
    const value = input.get(v);
    inputs[input.name] = value === undefined ? null : value;
    if (isMissing(value)) {
      if (input.required) (missing ??= []).push(input.name);
    } else {
      const problem = input.check(value);
      if (problem) (invalid ??= []).push({ field: input.name, message: problem });
    }
  }
  if (trace) trace.push({ step: "inputs", ok: !missing && !invalid, missing: missing ?? [], invalid: invalid ?? [] });
  if (missing) return exception(inputs, "MISSING_INPUT", `Missing required input${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`, missing);
  if (invalid) {
    return exception(inputs, "INVALID_INPUT", `Invalid input: ${invalid.map((i) => `${i.field} (${i.message})`).join("; ")}.`, invalid.map((i) => i.field));
  }

  // 3. Duplicates.
  const duplicates = context?.duplicates ?? [];
  if (duplicates.length > 0) {
    if (trace) trace.push({ step: "duplicate", duplicates, action: cp.exceptions.duplicates });
    if (cp.exceptions.duplicates === "exception") {
      return exception(inputs, "DUPLICATE", `The matched account looks like a duplicate of ${duplicates.join(", ")}: merge or mark the primary before routing.`, ["account.id"]);
    }
  }

  // 4. Suppressions: first match stops routing.
  for (const s of plan.suppressions) {
    let matched: boolean;
    if (trace) {
      const evidence: Evidence[] = [];
      matched = s.cond.explain(v, evidence);
      trace.push({ step: "suppression", key: s.key, matched, evidence });
    } else {
      matched = s.cond.test(v);
    }
    if (matched) return { decision: { ...base(inputs), kind: "suppressed", suppressionKey: s.key, reason: s.reason }, nextState: state };
  }

  // 5. Rules, then the fallback.
  const sla = (minutes: number | null): Pick<RuleRef, "slaMinutes" | "slaDueAt"> => ({
    slaMinutes: minutes,
    slaDueAt: minutes === null ? null : new Date(t + minutes * 60_000).toISOString(),
  });

  const toQueue = (start: string, ref: { ruleKey: string; intent: string | null; slaMinutes: number | null }, note: string | null): EvaluateResult => {
    let key: string | null = start;
    const visited = new Set<string>();
    let overflowNote: string | null = null;
    while (key !== null && !visited.has(key)) {
      visited.add(key);
      const q = cp.queues.get(key);
      if (!q) break;
      const slaMinutes = ref.slaMinutes ?? q.slaMinutes;
      if (q.members.length === 0) {
        if (trace) trace.push({ step: "distribution", queue: q.key, method: "waits in queue", chosen: null, skipped: [] });
        return {
          decision: { ...base(inputs), kind: "queued", queue: q.key, ruleKey: ref.ruleKey, intent: ref.intent, ...sla(slaMinutes), note: overflowNote ?? note },
          nextState: state,
        };
      }
      const pick = pickMember(q, state.members, state.queues[q.key], t, trace !== null);
      if (trace) trace.push({ step: "distribution", queue: q.key, method: q.distribution, chosen: pick.chosen, skipped: pick.skipped, ...(pick.chosen ? {} : q.overflow ? { overflowTo: q.overflow } : {}) });
      if (pick.chosen) {
        return {
          decision: {
            ...base(inputs),
            kind: "assigned",
            assignee: pick.chosen,
            queue: q.key,
            via: "queue",
            relationship: null,
            ruleKey: ref.ruleKey,
            intent: ref.intent,
            ...sla(slaMinutes),
            note: overflowNote ?? note,
          },
          nextState: { members: withLoad(state, pick.chosen), queues: { ...state.queues, [q.key]: pick.queueState } },
        };
      }
      overflowNote = `Nobody in ${q.key} could take it now; overflowed to ${q.overflow ?? "nothing"}.`;
      key = q.overflow;
    }
    return exception(inputs, "NO_AVAILABLE_ASSIGNEE", `Nobody in ${start}${visited.size > 1 ? " or its overflow queues" : ""} can take work now (out of office, inactive or at capacity).`, [], ref.ruleKey);
  };

  const act = (rule: CompiledRule, evidence: Evidence[] | null): EvaluateResult | null => {
    const ref = { ruleKey: rule.key, intent: rule.intent, slaMinutes: rule.slaMinutes };
    const a = rule.action;
    if (a.type === "queue") return toQueue(a.queue, ref, null);
    if (a.type === "assign_member") {
      const reason = unavailableReason(state.members[a.member], t);
      return {
        decision: {
          ...base(inputs),
          kind: "assigned",
          assignee: a.member,
          queue: null,
          via: "member",
          relationship: null,
          ...ref,
          ...sla(rule.slaMinutes),
          note: reason && reason !== "unknown_member" ? `${a.member} is ${reason.replace(/_/g, " ")}; assigned by name anyway.` : null,
        },
        nextState: { members: withLoad(state, a.member), queues: state.queues },
      };
    }
    const member = relationshipMember(a.relationship, v);
    if (!member) {
      if (trace && evidence) trace.push({ step: "rule", key: rule.key, intent: rule.intent, matched: false, evidence, note: `The ${REL_LABEL[a.relationship]} is empty, so this rule cannot assign; next rule.` });
      return null;
    }
    const reason = unavailableReason(state.members[member], t);
    if (reason && reason !== "unknown_member" && a.ifUnavailable) {
      return toQueue(a.ifUnavailable, ref, `The ${REL_LABEL[a.relationship]} ${member} is ${reason.replace(/_/g, " ")}; sent to ${a.ifUnavailable}.`);
    }
    return {
      decision: {
        ...base(inputs),
        kind: "assigned",
        assignee: member,
        queue: null,
        via: "relationship",
        relationship: a.relationship,
        ...ref,
        ...sla(rule.slaMinutes),
        note: reason && reason !== "unknown_member" ? `The ${REL_LABEL[a.relationship]} is ${reason.replace(/_/g, " ")}; assigned anyway (relationship rule).` : null,
      },
      nextState: { members: withLoad(state, member), queues: state.queues },
    };
  };

  for (const rule of plan.rules) {
    if (trace) {
      const evidence: Evidence[] = [];
      const matched = rule.cond.explain(v, evidence);
      if (!matched) {
        trace.push({ step: "rule", key: rule.key, intent: rule.intent, matched: false, evidence });
        continue;
      }
      const before = trace.length;
      // Push the match first so distribution steps follow it; drop it if the action could not assign.
      trace.push({ step: "rule", key: rule.key, intent: rule.intent, matched: true, evidence });
      const result = act(rule, evidence);
      if (result) return result;
      trace.splice(before, 1);
    } else if (rule.cond.test(v)) {
      const result = act(rule, null);
      if (result) return result;
    }
  }

  if (trace) trace.push({ step: "fallback", queue: cp.fallback.queue });
  return toQueue(cp.fallback.queue, { ruleKey: "fallback", intent: null, slaMinutes: cp.fallback.slaMinutes }, "No rule matched; the policy's fallback applies.");
}

/** The outcome in one comparable line: kind and where it went (queue for queue assignments). */
export function outcomeSignature(d: Decision): string {
  switch (d.kind) {
    case "assigned":
      return d.via === "queue" ? `assigned:queue:${d.queue}` : `assigned:${d.assignee}`;
    case "queued":
      return `queued:${d.queue}`;
    case "suppressed":
      return `suppressed:${d.suppressionKey}`;
    case "exception":
      return `exception:${d.reasonCode}`;
  }
}
