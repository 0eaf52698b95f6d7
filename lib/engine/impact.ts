/**
 * Impact of a change: two policies over the same records → which records change outcome,
 * gains and losses per owner and per queue, newly suppressed, new exceptions, with samples.
 * Each policy routes the records in order from the same starting state.
 */
import type { CompiledPolicy } from "./compile";
import { evaluateMany, outcomeSignature } from "./evaluate";
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

export interface ImpactReport {
  total: number;
  changed: number;
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

export function impactDiff(before: CompiledPolicy, after: CompiledPolicy, items: Iterable<ImpactItem>, state: RoutingState, now: Date, sampleLimit = 50): ImpactReport {
  const list = Array.isArray(items) ? (items as ImpactItem[]) : [...items];
  const decisionsA = evaluateMany(before, list, state, now, { trace: false }).decisions;
  const decisionsB = evaluateMany(after, list, state, now, { trace: false }).decisions;
  const report: ImpactReport = { total: 0, changed: 0, byOwner: {}, byQueue: {}, newlySuppressed: 0, noLongerSuppressed: 0, newExceptions: {}, resolvedExceptions: {}, byTransition: [], samples: [] };
  const transitions = new Map<string, { before: string; after: string; count: number }>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const a = { decision: decisionsA[i]! };
    const b = { decision: decisionsB[i]! };
    report.total += 1;
    const sa = outcomeSignature(a.decision);
    const sb = outcomeSignature(b.decision);
    // Same signature = same outcome (for queue assignments: same queue; rotation order aside).
    if (sa === sb) continue;
    report.changed += 1;
    bump(report.byOwner, ownerOf(a.decision), "lost");
    bump(report.byOwner, ownerOf(b.decision), "gained");
    if (queueOf(a.decision) !== queueOf(b.decision)) {
      bump(report.byQueue, queueOf(a.decision), "lost");
      bump(report.byQueue, queueOf(b.decision), "gained");
    }
    if (b.decision.kind === "suppressed" && a.decision.kind !== "suppressed") report.newlySuppressed += 1;
    if (a.decision.kind === "suppressed" && b.decision.kind !== "suppressed") report.noLongerSuppressed += 1;
    if (b.decision.kind === "exception" && (a.decision.kind !== "exception" || a.decision.reasonCode !== b.decision.reasonCode)) {
      report.newExceptions[b.decision.reasonCode] = (report.newExceptions[b.decision.reasonCode] ?? 0) + 1;
    }
    if (a.decision.kind === "exception" && (b.decision.kind !== "exception" || a.decision.reasonCode !== b.decision.reasonCode)) {
      report.resolvedExceptions[a.decision.reasonCode] = (report.resolvedExceptions[a.decision.reasonCode] ?? 0) + 1;
    }
    const tk = `${sa} → ${sb}`;
    const t = transitions.get(tk) ?? { before: sa, after: sb, count: 0 };
    t.count += 1;
    transitions.set(tk, t);
    if (report.samples.length < sampleLimit) report.samples.push({ recordId: item.record.id, before: sa, after: sb, beforeDecision: a.decision, afterDecision: b.decision });
  }
  report.byTransition = [...transitions.values()].sort((x, y) => y.count - x.count);
  return report;
}
