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

/** How a record's outcome moves from one decision to the other, or null when it stays (same signature: same outcome, rotation order aside). */
export function outcomeChange(a: Decision, b: Decision): { before: string; after: string } | null {
  const before = outcomeSignature(a);
  const after = outcomeSignature(b);
  return before === after ? null : { before, after };
}

/** Accumulates an impact report decision pair by decision pair (for chunked runs with progress). */
export class ImpactAccumulator {
  private readonly report: ImpactReport = { total: 0, changed: 0, byOwner: {}, byQueue: {}, newlySuppressed: 0, noLongerSuppressed: 0, newExceptions: {}, resolvedExceptions: {}, byTransition: [], samples: [] };
  private readonly transitions = new Map<string, { before: string; after: string; count: number }>();

  constructor(private readonly sampleLimit = 50) {}

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
    if (b.kind === "exception" && (a.kind !== "exception" || a.reasonCode !== b.reasonCode)) report.newExceptions[b.reasonCode] = (report.newExceptions[b.reasonCode] ?? 0) + 1;
    if (a.kind === "exception" && (b.kind !== "exception" || a.reasonCode !== b.reasonCode)) report.resolvedExceptions[a.reasonCode] = (report.resolvedExceptions[a.reasonCode] ?? 0) + 1;
    const key = `${sa} → ${sb}`;
    const t = this.transitions.get(key) ?? { before: sa, after: sb, count: 0 };
    t.count += 1;
    this.transitions.set(key, t);
    if (report.samples.length < this.sampleLimit) report.samples.push({ recordId, before: sa, after: sb, beforeDecision: a, afterDecision: b });
  }

  /** Records that were compared and did not change (shadow reports read only the differences). */
  addUnchanged(count: number): void {
    this.report.total += count;
  }

  result(): ImpactReport {
    return { ...this.report, byTransition: [...this.transitions.values()].sort((x, y) => y.count - x.count) };
  }
}

export function impactDiff(before: CompiledPolicy, after: CompiledPolicy, items: Iterable<ImpactItem>, state: RoutingState, now: Date, sampleLimit = 50): ImpactReport {
  const list = Array.isArray(items) ? (items as ImpactItem[]) : [...items];
  const decisionsA = evaluateMany(before, list, state, now, { trace: false }).decisions;
  const decisionsB = evaluateMany(after, list, state, now, { trace: false }).decisions;
  const acc = new ImpactAccumulator(sampleLimit);
  for (let i = 0; i < list.length; i++) acc.add(list[i]!.record.id, decisionsA[i]!, decisionsB[i]!);
  return acc.result();
}
