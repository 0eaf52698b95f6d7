/**
 * Impact of a change: two policies over the same records → which records change outcome,
 * gains and losses per owner and per queue, newly suppressed, new exceptions, with samples.
 * Each policy routes the records in order from the same starting state.
 */
import type { CompiledPolicy } from "./compile";
import { evaluateMany, outcomeSignature } from "./evaluate";
import { canonicalJson } from "./sha256";
import type { Decision, RecordContext, RoutedRecord, RoutingState } from "./types";

export interface ImpactItem {
  record: RoutedRecord;
  context: RecordContext | null;
}

export interface ImpactChange {
  recordId: string;
  before: string;
  after: string;
  beforeDecision: Decision;
  afterDecision: Decision;
}

/** Where a record lands, as the sentences of an impact report name it. */
export interface OutcomeRef {
  kind: Decision["kind"];
  /** The member who gets it (assigned by name or relationship; from a queue: null, the queue is the outcome). */
  member: string | null;
  /** The queue it comes from or waits in (assigned from a queue, queued, exception). */
  queue: string | null;
  /** The rule (or "fallback") that decided, or the suppression. */
  rule: string | null;
  suppression: string | null;
  reasonCode: string | null;
}

/**
 * A group of records that move the same way. `direct`: a different rule, suppression or input
 * check decides them now. `knock_on`: the same rule still decides, but the state it hands out
 * (members' room, who is available) was changed by the direct moves before them: nobody had room,
 * so it overflowed or found no one. (A different member from the same queue is no change: the
 * rotation's order is not an outcome.)
 */
export interface ImpactMove {
  kind: "direct" | "knock_on";
  reason: "rule" | "capacity";
  before: OutcomeRef;
  after: OutcomeRef;
  count: number;
  /** Up to three record ids, for links. */
  samples: string[];
}

export interface ImpactReport {
  total: number;
  changed: number;
  /** Of `changed`: moved by the change itself, and as a knock-on of it (the two add up to `changed`). */
  direct: number;
  knockOn: number;
  /** The moves, largest first (at most MOVE_GROUPS groups; `otherMoves` records beyond them). */
  moves: ImpactMove[];
  otherMoves: number;
  byOwner: Record<string, { gained: number; lost: number }>;
  byQueue: Record<string, { gained: number; lost: number }>;
  newlySuppressed: number;
  noLongerSuppressed: number;
  newExceptions: Record<string, number>;
  resolvedExceptions: Record<string, number>;
  byTransition: Array<{ before: string; after: string; count: number }>;
  samples: ImpactChange[];
}

function bump(map: Record<string, { gained: number; lost: number }>, key: string | null, field: "gained" | "lost"): void {
  if (!key) return;
  (map[key] ??= { gained: 0, lost: 0 })[field] += 1;
}

function ownerOf(d: Decision): string | null {
  return d.kind === "assigned" ? d.assignee : null;
}

function queueOf(d: Decision): string | null {
  return d.kind === "assigned" ? d.queue : d.kind === "queued" || d.kind === "exception" ? d.queue : null;
}

export function outcomeRef(d: Decision): OutcomeRef {
  return {
    kind: d.kind,
    // From a queue, who got it is the rotation's business (no change of outcome): the queue is the outcome.
    member: d.kind === "assigned" && d.via !== "queue" ? d.assignee : null,
    queue: d.kind === "suppressed" ? null : d.kind === "assigned" ? (d.via === "queue" ? d.queue : null) : d.queue,
    rule: d.kind === "suppressed" ? null : d.ruleKey,
    suppression: d.kind === "suppressed" ? d.suppressionKey : null,
    reasonCode: d.kind === "exception" ? d.reasonCode : null,
  };
}

/** What decided: the rule (or fallback), the suppression, or the input check — rule conditions never read state. */
function decider(d: Decision): string {
  if (d.kind === "suppressed") return `s:${d.suppressionKey}`;
  if (d.kind === "exception" && (d.ruleKey === null || d.ruleKey === undefined)) return `x:${d.reasonCode}`;
  return `r:${d.ruleKey}`;
}

/** Whether a rule (or "fallback") acts the same in both versions: same action and SLA, same queues on its way (overflow included), same exceptions queue. */
export type SameAction = (ruleKey: string) => boolean;

export function sameActionIn(before: CompiledPolicy, after: CompiledPolicy): SameAction {
  const memo = new Map<string, boolean>();
  const chain = (p: CompiledPolicy["policy"], start: string | undefined, out: unknown[]) => {
    const seen = new Set<string>();
    for (let key = start; key !== undefined && !seen.has(key);) {
      seen.add(key);
      const q = p.queues.find((x) => x.key === key);
      out.push(q ?? null);
      key = q?.overflow;
    }
  };
  const shape = (p: CompiledPolicy["policy"], ruleKey: string): string => {
    const out: unknown[] = [p.exceptions.queue];
    if (ruleKey === "fallback") {
      out.push(p.fallback);
      chain(p, p.fallback.queue, out);
    } else {
      const rule = p.rules.find((r) => r.key === ruleKey);
      if (!rule) return "missing";
      out.push(rule.action, rule.sla ?? null);
      chain(
        p,
        rule.action.type === "queue"
          ? rule.action.queue
          : rule.action.type === "assign_relationship"
            ? rule.action.ifUnavailable
            : undefined,
        out,
      );
    }
    return canonicalJson(out);
  };
  return (ruleKey) => {
    let same = memo.get(ruleKey);
    if (same === undefined) {
      same = shape(before.policy, ruleKey) === shape(after.policy, ruleKey);
      memo.set(ruleKey, same);
    }
    return same;
  };
}

/**
 * Direct: a different rule, suppression or input check decides now, or the deciding rule acts
 * differently in the new version. Knock-on: the same rule, acting the same — only the state it
 * met (members' room, after the direct moves took it) differs.
 */
export function classifyMove(a: Decision, b: Decision, sameAction: SameAction): Pick<ImpactMove, "kind" | "reason"> {
  const d = decider(a);
  if (d !== decider(b) || !d.startsWith("r:") || !sameAction(d.slice(2))) return { kind: "direct", reason: "rule" };
  return { kind: "knock_on", reason: "capacity" };
}

const MOVE_GROUPS = 60;

/** How a record's outcome moves from one decision to the other, or null when it stays (same signature: same outcome, rotation order aside). */
export function outcomeChange(a: Decision, b: Decision): { before: string; after: string } | null {
  const before = outcomeSignature(a);
  const after = outcomeSignature(b);
  return before === after ? null : { before, after };
}

/** Accumulates an impact report decision pair by decision pair (for chunked runs with progress). */
export class ImpactAccumulator {
  private readonly report: ImpactReport = {
    total: 0,
    changed: 0,
    direct: 0,
    knockOn: 0,
    moves: [],
    otherMoves: 0,
    byOwner: {},
    byQueue: {},
    newlySuppressed: 0,
    noLongerSuppressed: 0,
    newExceptions: {},
    resolvedExceptions: {},
    byTransition: [],
    samples: [],
  };
  private readonly transitions = new Map<string, { before: string; after: string; count: number }>();
  private readonly moves = new Map<string, ImpactMove>();

  /** `sameAction` tells direct moves from knock-ons (`sameActionIn(before, after)`); without it every move counts as direct. */
  constructor(
    private readonly sampleLimit = 50,
    private readonly sameAction: SameAction = () => false,
  ) {}

  add(recordId: string, a: Decision, b: Decision): void {
    const report = this.report;
    report.total += 1;
    const change = outcomeChange(a, b);
    if (!change) return;
    const { before: sa, after: sb } = change;
    report.changed += 1;
    bump(report.byOwner, ownerOf(a), "lost");
    bump(report.byOwner, ownerOf(b), "gained");
    if (queueOf(a) !== queueOf(b)) {
      bump(report.byQueue, queueOf(a), "lost");
      bump(report.byQueue, queueOf(b), "gained");
    }
    if (b.kind === "suppressed" && a.kind !== "suppressed") report.newlySuppressed += 1;
    if (a.kind === "suppressed" && b.kind !== "suppressed") report.noLongerSuppressed += 1;
    if (b.kind === "exception" && (a.kind !== "exception" || a.reasonCode !== b.reasonCode))
      report.newExceptions[b.reasonCode] = (report.newExceptions[b.reasonCode] ?? 0) + 1;
    if (a.kind === "exception" && (b.kind !== "exception" || a.reasonCode !== b.reasonCode))
      report.resolvedExceptions[a.reasonCode] = (report.resolvedExceptions[a.reasonCode] ?? 0) + 1;
    const cls = classifyMove(a, b, this.sameAction);
    if (cls.kind === "direct") report.direct += 1;
    else report.knockOn += 1;
    const before = outcomeRef(a);
    const after = outcomeRef(b);
    const moveKey = `${cls.kind}|${cls.reason}|${JSON.stringify(before)}|${JSON.stringify(after)}`;
    const move = this.moves.get(moveKey);
    if (move) {
      move.count += 1;
      if (move.samples.length < 3) move.samples.push(recordId);
    } else {
      this.moves.set(moveKey, { ...cls, before, after, count: 1, samples: [recordId] });
    }
    const key = `${sa} → ${sb}`;
    const t = this.transitions.get(key) ?? { before: sa, after: sb, count: 0 };
    t.count += 1;
    this.transitions.set(key, t);
    if (report.samples.length < this.sampleLimit)
      report.samples.push({ recordId, before: sa, after: sb, beforeDecision: a, afterDecision: b });
  }

  /** Records that were compared and did not change (shadow reports read only the differences). */
  addUnchanged(count: number): void {
    this.report.total += count;
  }

  result(): ImpactReport {
    // Largest first; ties in a stable order (direct before knock-on, then by what moves), so two runs over the same records agree.
    const moves = [...this.moves.entries()]
      .sort(
        ([ka, a], [kb, b]) =>
          b.count - a.count || (a.kind === b.kind ? 0 : a.kind === "direct" ? -1 : 1) || (ka < kb ? -1 : ka > kb ? 1 : 0),
      )
      .map(([, m]) => m);
    const shown = moves.slice(0, MOVE_GROUPS);
    return {
      ...this.report,
      moves: shown,
      otherMoves: moves.slice(MOVE_GROUPS).reduce((n, m) => n + m.count, 0),
      byTransition: [...this.transitions.values()].sort((x, y) => y.count - x.count),
    };
  }
}

export function impactDiff(
  before: CompiledPolicy,
  after: CompiledPolicy,
  items: Iterable<ImpactItem>,
  state: RoutingState,
  now: Date,
  sampleLimit = 50,
): ImpactReport {
  const list = Array.isArray(items) ? (items as ImpactItem[]) : [...items];
  const decisionsA = evaluateMany(before, list, state, now, { trace: false }).decisions;
  const decisionsB = evaluateMany(after, list, state, now, { trace: false }).decisions;
  const acc = new ImpactAccumulator(sampleLimit, sameActionIn(before, after));
  for (let i = 0; i < list.length; i++) acc.add(list[i]!.record.id, decisionsA[i]!, decisionsB[i]!);
  return acc.result();
}
