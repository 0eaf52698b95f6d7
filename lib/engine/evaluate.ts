/**
 * evaluate(compiledPolicy, record, context, state, now) → { decision, nextState }
 *
 * Deterministic: the same inputs give the same decision. Order:
 *   record shape → required inputs (MISSING_INPUT) → input types (INVALID_INPUT) → duplicates
 *   → suppressions (first match) → rules (first match wins) → fallback.
 * Queue distribution skips members who are inactive, out of office or at their cap (and weight
 * 0); when no one can take the work, the queue's overflow, else NO_AVAILABLE_ASSIGNEE. A rule
 * never assigns someone inactive or unknown (OWNER_INACTIVE / UNKNOWN_OWNER, or its when-away
 * queue).
 *
 * Two paths: traced (every condition explained) and fast (generated code, no trace). They
 * decide identically. `evaluate` never mutates `state`; `evaluateMany` copies it once and then
 * updates its own copy, for batches, replays and impact previews.
 */
import { unavailableReason } from "./availability";
import type { CompiledPolicy, CompiledRule, TypePlan } from "./compile";
import { pickMember, type CompiledQueue } from "./distribution";
import { OBJECT_TYPES, type ObjectType, type Relationship } from "./policy-schema";
import {
  MANUAL_RULE_KEY,
  type Decision,
  type DecisionWarning,
  type EvaluateOptions,
  type EvaluateResult,
  type Evidence,
  type ExceptionCode,
  type QueueState,
  type RecordContext,
  type RoutedRecord,
  type RoutingState,
  type TraceEntry,
} from "./types";
import { applyNormalizers } from "./normalize";
import { undeclaredFieldWarnings } from "./undeclared-fields";
import { isMissing, type View } from "./view";

const OBJECT_TYPE_SET = new Set<string>(OBJECT_TYPES);

const REL_FIELD: Record<Relationship, "owner_id" | "csm_id" | "partner_owner_id"> = {
  account_owner: "owner_id",
  account_csm: "csm_id",
  partner_owner: "partner_owner_id",
  parent_account_owner: "owner_id",
};

const REL_LABEL: Record<Relationship, string> = {
  account_owner: "account owner",
  account_csm: "account CSM",
  partner_owner: "partner owner",
  parent_account_owner: "parent account's owner",
};

/** How an assignment changes the state: copy-on-write (evaluate) or in place on an owned copy (evaluateMany). */
interface StateWriter {
  assign(state: RoutingState, member: string, queue: string | null, queueState: QueueState | null): RoutingState;
}

const COPY_ON_WRITE: StateWriter = {
  assign(state, member, queue, queueState) {
    const m = state.members[member];
    const members = m ? { ...state.members, [member]: { ...m, load: m.load + 1 } } : state.members;
    const queues = queue !== null && queueState !== null ? { ...state.queues, [queue]: queueState } : state.queues;
    return members === state.members && queues === state.queues ? state : { members, queues };
  },
};

/** For evaluateMany's own copy, whose member entries are its own objects too. */
const IN_PLACE: StateWriter = {
  assign(state, member, queue, queueState) {
    const m = state.members[member];
    if (m) m.load += 1;
    if (queue !== null && queueState !== null) state.queues[queue] = queueState;
    return state;
  },
};

interface Run {
  cp: CompiledPolicy;
  record: RoutedRecord;
  type: ObjectType;
  v: View;
  state: RoutingState;
  now: number;
  /** When SLA clocks start for this record: its `receivedAt` (not later than now), else now. */
  slaFrom: number;
  evaluatedAt: string;
  inputs: Record<string, unknown>;
  trace: TraceEntry[] | null;
  writer: StateWriter;
  /** For the decision being made: undeclared fields (null when none). */
  warnings: DecisionWarning[] | null;
}

function exception(run: Run, reasonCode: ExceptionCode, message: string, fields: string[], ruleKey: string | null): Decision {
  return {
    recordId: typeof run.record?.id === "string" ? run.record.id : "",
    objectType: run.type,
    policyHash: run.cp.hash,
    evaluatedAt: run.evaluatedAt,
    inputs: run.inputs,
    trace: run.trace,
    kind: "exception",
    reasonCode,
    queue: run.cp.exceptions.queue,
    fields,
    message,
    ruleKey,
  };
}

function slaDue(run: Run, minutes: number | null): string | null {
  return minutes === null ? null : new Date(run.slaFrom + minutes * 60_000).toISOString();
}

interface Ref {
  ruleKey: string;
  intent: string | null;
  slaMinutes: number | null;
}

function assigned(
  run: Run,
  ref: Ref,
  assignee: string,
  queue: string | null,
  via: "member" | "relationship" | "queue",
  relationship: Relationship | null,
  slaMinutes: number | null,
  note: string | null,
  nextState: RoutingState,
): Decision {
  run.state = nextState;
  return {
    recordId: run.record.id,
    objectType: run.type,
    policyHash: run.cp.hash,
    evaluatedAt: run.evaluatedAt,
    inputs: run.inputs,
    trace: run.trace,
    kind: "assigned",
    assignee,
    queue,
    via,
    relationship,
    ruleKey: ref.ruleKey,
    intent: ref.intent,
    slaMinutes,
    slaDueAt: slaDue(run, slaMinutes),
    note,
  };
}

function toQueue(run: Run, start: string, ref: Ref, note: string | null): Decision {
  let key: string | null = start;
  let hops = 0;
  let overflowNote: string | null = null;
  while (key !== null && hops <= run.cp.queues.size) {
    hops++;
    const q: CompiledQueue | undefined = run.cp.queues.get(key);
    if (!q) break;
    const slaMinutes = ref.slaMinutes ?? q.slaMinutes;
    if (q.members.length === 0) {
      run.trace?.push({ step: "distribution", queue: q.key, method: "waits in queue", chosen: null, skipped: [] });
      return {
        recordId: run.record.id,
        objectType: run.type,
        policyHash: run.cp.hash,
        evaluatedAt: run.evaluatedAt,
        inputs: run.inputs,
        trace: run.trace,
        kind: "queued",
        queue: q.key,
        ruleKey: ref.ruleKey,
        intent: ref.intent,
        slaMinutes,
        slaDueAt: slaDue(run, slaMinutes),
        note: overflowNote ?? note,
      };
    }
    const pick = pickMember(q, run.state.members, run.state.queues[q.key], run.now, run.trace !== null);
    if (run.trace) {
      run.trace.push({
        step: "distribution",
        queue: q.key,
        method: q.distribution,
        chosen: pick.chosen,
        skipped: pick.skipped,
        ...(pick.chosen === null && q.overflow ? { overflowTo: q.overflow } : {}),
      });
    }
    if (pick.chosen !== null) {
      return assigned(
        run,
        ref,
        pick.chosen,
        q.key,
        "queue",
        null,
        slaMinutes,
        overflowNote ?? note,
        run.writer.assign(run.state, pick.chosen, q.key, pick.queueState),
      );
    }
    overflowNote = `Nobody in ${q.key} could take it now; overflowed to ${q.overflow ?? "nothing"}.`;
    key = q.overflow;
  }
  return exception(
    run,
    "NO_AVAILABLE_ASSIGNEE",
    `Nobody in ${start}${hops > 1 ? " or its overflow queues" : ""} can take work now (out of office, inactive or at capacity).`,
    [],
    ref.ruleKey,
  );
}

function relationshipMember(rel: Relationship, v: View): string | null {
  const source = rel === "parent_account_owner" ? v.p : v.a;
  const x = source?.[REL_FIELD[rel]];
  return typeof x === "string" && x !== "" ? x : null;
}

const AWAY_LABEL: Record<"out_of_office" | "at_capacity", string> = { out_of_office: "out of office", at_capacity: "at capacity" };

/**
 * Someone the rule names who can never be given work: inactive, or not a known member. To the
 * rule's when-away queue when it has one (the reason in the note), else the exception path.
 */
function cannotAct(
  run: Run,
  rule: CompiledRule,
  who: string,
  member: string,
  reason: "inactive" | "unknown_member",
  ifUnavailable: string | undefined,
  field: string,
): Decision {
  const what = reason === "inactive" ? `${who} ${member} is inactive` : `${who} ${member} is not a known member`;
  if (ifUnavailable) return toQueue(run, ifUnavailable, rule.ref, `${what}; sent to ${ifUnavailable}.`);
  return exception(
    run,
    reason === "inactive" ? "OWNER_INACTIVE" : "UNKNOWN_OWNER",
    `Rule ${rule.key} would assign ${member}, but ${what}: nobody is assigned. Fix the ${reason === "inactive" ? "owner (or reactivate them)" : "owner field or add the member"}, then re-route.`,
    [field],
    rule.key,
  );
}

/** The rule's action; null when a relationship rule finds nobody (the next rule is tried). */
function act(run: Run, rule: CompiledRule, evidence: Evidence[] | null): Decision | null {
  const ref = rule.ref;
  const a = rule.action;
  if (a.type === "queue") return toQueue(run, a.queue, ref, null);
  if (a.type === "assign_member") {
    const reason = unavailableReason(run.state.members[a.member], run.now);
    if (reason === "inactive" || reason === "unknown_member")
      return cannotAct(run, rule, "member", a.member, reason, undefined, `rules.${rule.key}.action.member`);
    const note = reason ? `${a.member} is ${AWAY_LABEL[reason]}; assigned by name anyway.` : null;
    return assigned(run, ref, a.member, null, "member", null, rule.slaMinutes, note, run.writer.assign(run.state, a.member, null, null));
  }
  const member = relationshipMember(a.relationship, run.v);
  if (member === null) {
    if (run.trace && evidence) {
      run.trace.push({
        step: "rule",
        key: rule.key,
        intent: rule.intent,
        matched: false,
        evidence,
        note: `The ${REL_LABEL[a.relationship]} is empty, so this rule cannot assign; next rule.`,
      });
    }
    return null;
  }
  const reason = unavailableReason(run.state.members[member], run.now);
  if (reason === "inactive" || reason === "unknown_member") {
    const field = `${a.relationship === "parent_account_owner" ? "parent_account" : "account"}.${REL_FIELD[a.relationship]}`;
    return cannotAct(run, rule, `The ${REL_LABEL[a.relationship]}`, member, reason, a.ifUnavailable, field);
  }
  if (reason !== null && a.ifUnavailable) {
    return toQueue(
      run,
      a.ifUnavailable,
      ref,
      `The ${REL_LABEL[a.relationship]} ${member} is ${AWAY_LABEL[reason]}; sent to ${a.ifUnavailable}.`,
    );
  }
  const note = reason !== null ? `The ${REL_LABEL[a.relationship]} is ${AWAY_LABEL[reason]}; assigned anyway (relationship rule).` : null;
  return assigned(
    run,
    ref,
    member,
    null,
    "relationship",
    a.relationship,
    rule.slaMinutes,
    note,
    run.writer.assign(run.state, member, null, null),
  );
}

function checkInputsSlow(plan: TypePlan, v: View): { missing: string[]; invalid: Array<{ field: string; message: string }> } {
  const missing: string[] = [];
  const invalid: Array<{ field: string; message: string }> = [];
  for (const input of plan.inputs) {
    const value = input.get(v);
    if (isMissing(value)) {
      if (input.required) missing.push(input.name);
    } else {
      const problem = input.check(value);
      if (problem) invalid.push({ field: input.name, message: problem });
    }
  }
  return { missing, invalid };
}

function snapshotSlow(plan: TypePlan, v: View): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const input of plan.inputs) {
    const value = input.get(v);
    inputs[input.name] = value === undefined ? null : value;
  }
  return inputs;
}

/** Decides one record; the next state is left in `run.state`. */
function core(run: Run, record: RoutedRecord, context: RecordContext | null | undefined, traced: boolean): Decision {
  const cp = run.cp;
  const type = record?.type as ObjectType;
  run.record = record;
  run.type = type;
  run.inputs = EMPTY_INPUTS;
  run.trace = traced ? [] : null;
  run.warnings = null;
  run.slaFrom = run.now;

  // 1. The record itself.
  if (
    !record ||
    typeof record !== "object" ||
    typeof record.id !== "string" ||
    record.id === "" ||
    !record.fields ||
    typeof record.fields !== "object"
  ) {
    return exception(run, "INVALID_RECORD", "The record needs an id (text) and fields (an object).", [], null);
  }
  const plan = OBJECT_TYPE_SET.has(type) ? cp.plans[type] : undefined;
  if (!plan)
    return exception(
      run,
      "INVALID_RECORD",
      `This policy does not route "${String(record.type)}" records (it routes ${cp.policy.objectTypes.join(", ")}).`,
      [],
      null,
    );

  if (typeof record.receivedAt === "string") {
    const received = Date.parse(record.receivedAt);
    if (received < run.now) run.slaFrom = received;
  }

  const v = run.v;
  v.f = record.fields;
  v.a = context?.account ?? null;
  v.p = context?.parentAccount ?? null;
  const duplicates = context?.duplicates;
  v.d.is_duplicate = duplicates !== undefined && duplicates.length > 0;
  v.d.matched_by = context?.matchedBy ?? null;
  v.d.rolled_up_from_workspace = Boolean(context?.rolledUpFromWorkspace);
  if (cp.normalizers.length > 0) applyNormalizers(cp.normalizers, v, cp.suffixes);

  // Undeclared fields: read by no rule; warned about (on the decision) or refused, as the policy says.
  if (cp.unknownFields !== "ignore") {
    const warnings = undeclaredFieldWarnings(record.fields, cp.declaredFields);
    if (warnings.length > 0) {
      if (cp.unknownFields === "reject") {
        return exception(
          run,
          "INVALID_RECORD",
          `Undeclared field${warnings.length > 1 ? "s" : ""}: ${warnings.map((w) => w.message).join(" ")} This policy rejects fields it does not declare.`,
          warnings.map((w) => w.field),
          null,
        );
      }
      run.warnings = warnings;
    }
  }

  // 2. Inputs: snapshot, required, types.
  const gen = plan.fast;
  run.inputs = gen ? gen.snapshot(v) : snapshotSlow(plan, v);
  if (typeof record.manualQueue === "string") {
    // Handed to a queue by a person: the rules are theirs to overrule; the queue's distribution still places it.
    run.trace?.push({ step: "manual", queue: record.manualQueue });
    return toQueue(
      run,
      record.manualQueue,
      { ruleKey: MANUAL_RULE_KEY, intent: null, slaMinutes: null },
      "Sent to this queue by hand; its distribution placed it.",
    );
  }
  if (gen && gen.inputsOk(run.inputs)) {
    run.trace?.push({ step: "inputs", ok: true, missing: [], invalid: [] });
  } else {
    // Something is missing or mistyped (or no generated code): find out what, field by field.
    const { missing, invalid } = checkInputsSlow(plan, v);
    run.trace?.push({ step: "inputs", ok: missing.length === 0 && invalid.length === 0, missing, invalid });
    if (missing.length)
      return exception(
        run,
        "MISSING_INPUT",
        `Missing required input${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`,
        missing,
        null,
      );
    if (invalid.length)
      return exception(
        run,
        "INVALID_INPUT",
        `Invalid input: ${invalid.map((i) => `${i.field} (${i.message})`).join("; ")}.`,
        invalid.map((i) => i.field),
        null,
      );
  }
  const fast = traced ? null : gen;

  // 3. Duplicates.
  if (v.d.is_duplicate && duplicates) {
    run.trace?.push({ step: "duplicate", duplicates, action: cp.exceptions.duplicates });
    if (cp.exceptions.duplicates === "exception") {
      return exception(
        run,
        "DUPLICATE",
        `The matched account looks like a duplicate of ${duplicates.join(", ")}: merge or mark the primary before routing.`,
        ["account.id"],
        null,
      );
    }
  }

  // 4–5. Suppressions, then rules, then the fallback.
  if (fast) {
    const s = fast.firstSuppression(v);
    if (s >= 0) return suppressed(run, plan, s);
    let start = 0;
    for (;;) {
      const i = fast.firstRule(v, start);
      if (i < 0) break;
      const result = act(run, plan.rules[i]!, null);
      if (result) return result;
      start = i + 1;
    }
  } else {
    const trace = run.trace;
    for (let i = 0; i < plan.suppressions.length; i++) {
      const s = plan.suppressions[i]!;
      const evidence: Evidence[] = [];
      const matched = trace ? (gen ? gen.explainSuppression(i, v, evidence) : s.cond.explain(v, evidence)) : s.cond.test(v);
      trace?.push({ step: "suppression", key: s.key, matched, evidence });
      if (matched) return suppressed(run, plan, i);
    }
    for (let i = 0; i < plan.rules.length; i++) {
      const rule = plan.rules[i]!;
      if (!trace) {
        if (rule.cond.test(v)) {
          const result = act(run, rule, null);
          if (result) return result;
        }
        continue;
      }
      const evidence: Evidence[] = [];
      if (!(gen ? gen.explainRule(i, v, evidence) : rule.cond.explain(v, evidence))) {
        trace.push({ step: "rule", key: rule.key, intent: rule.intent, matched: false, evidence });
        continue;
      }
      // The match goes first so distribution steps follow it; it is dropped if the action cannot assign.
      const at = trace.length;
      trace.push({ step: "rule", key: rule.key, intent: rule.intent, matched: true, evidence });
      const result = act(run, rule, evidence);
      if (result) return result;
      trace.splice(at, 1);
    }
  }
  run.trace?.push({ step: "fallback", queue: cp.fallback.queue });
  return toQueue(
    run,
    cp.fallback.queue,
    { ruleKey: "fallback", intent: null, slaMinutes: cp.fallback.slaMinutes },
    "No rule matched; the policy's fallback applies.",
  );
}

function suppressed(run: Run, plan: TypePlan, position: number): Decision {
  const s = plan.suppressions[position]!;
  return {
    recordId: run.record.id,
    objectType: run.type,
    policyHash: run.cp.hash,
    evaluatedAt: run.evaluatedAt,
    inputs: run.inputs,
    trace: run.trace,
    kind: "suppressed",
    suppressionKey: s.key,
    reason: s.reason,
  };
}

const EMPTY_INPUTS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function startRun(cp: CompiledPolicy, state: RoutingState, now: Date, writer: StateWriter): Run {
  const ms = now.getTime();
  if (cp.clock.ms !== ms) {
    cp.clock.ms = ms;
    cp.clock.iso = now.toISOString();
  }
  return {
    cp,
    record: null as unknown as RoutedRecord,
    type: "lead",
    v: cp.scratch,
    state,
    now: ms,
    slaFrom: ms,
    evaluatedAt: cp.clock.iso,
    inputs: EMPTY_INPUTS,
    trace: null,
    writer,
    warnings: null,
  };
}

/** One record's decision, with the warnings found on the way. */
function decide(run: Run, record: RoutedRecord, context: RecordContext | null | undefined, traced: boolean): Decision {
  const decision = core(run, record, context, traced);
  if (run.warnings) decision.warnings = run.warnings;
  return decision;
}

export function evaluate(
  cp: CompiledPolicy,
  record: RoutedRecord,
  context: RecordContext | null | undefined,
  state: RoutingState,
  now: Date,
  options?: EvaluateOptions,
): EvaluateResult {
  const run = startRun(cp, state, now, COPY_ON_WRITE);
  const decision = decide(run, record, context, options?.trace !== false);
  return { decision, nextState: run.state };
}

/**
 * Routes records in order, threading the distribution state. The caller's state is copied
 * once and never mutated; the result holds every decision and the final state.
 */
export function evaluateMany(
  cp: CompiledPolicy,
  items: Iterable<{ record: RoutedRecord; context?: RecordContext | null }>,
  state: RoutingState,
  now: Date,
  options?: EvaluateOptions & { onDecision?: (decision: Decision, index: number) => void },
): { decisions: Decision[]; nextState: RoutingState } {
  const members: RoutingState["members"] = {};
  for (const key of Object.keys(state.members)) members[key] = { ...state.members[key]! };
  const run = startRun(cp, { members, queues: { ...state.queues } }, now, IN_PLACE);
  const decisions: Decision[] = [];
  const traced = options?.trace !== false;
  const onDecision = options?.onDecision;
  let i = 0;
  for (const item of items) {
    const decision = decide(run, item.record, item.context, traced);
    if (onDecision) onDecision(decision, i);
    else decisions.push(decision);
    i++;
  }
  return { decisions, nextState: run.state };
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
