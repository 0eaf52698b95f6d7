/**
 * An engine decision as a Decision row, and a stored row as the API and console show it:
 * the engine's decision (outcome, inputs, trace) plus id, version, source and a one-sentence
 * explanation.
 */
import { describeDecision } from "@/lib/engine/explain";
import { DECISION_FORMAT_VERSION } from "@/lib/engine/format-version";
import type { Decision, RecordContext, RoutedRecord, RoutingState } from "@/lib/engine/types";

import { DECISION_SOURCES } from "@/lib/schemas/decisions";

export { DECISION_SOURCES };
export type DecisionSource = (typeof DECISION_SOURCES)[number];

export function outcomeColumns(d: Decision) {
  return {
    kind: d.kind,
    assigneeKey: d.kind === "assigned" ? d.assignee : null,
    queueKey: d.kind === "suppressed" ? null : d.queue,
    ruleKey: d.kind === "suppressed" ? null : d.ruleKey,
    intent: d.kind === "assigned" || d.kind === "queued" ? d.intent : null,
    suppressionKey: d.kind === "suppressed" ? d.suppressionKey : null,
    reasonCode: d.kind === "exception" ? d.reasonCode : null,
    slaDueAt: (d.kind === "assigned" || d.kind === "queued") && d.slaDueAt ? new Date(d.slaDueAt) : null,
  };
}

export interface DecisionRowInput {
  id: string;
  createdAt: Date;
  decision: Decision;
  record: RoutedRecord;
  context: RecordContext | null;
  stateSnapshot: RoutingState;
  policyVersionId: string;
  versionNumber: number;
  source: DecisionSource;
  requestId: string | null;
  apiKeyId: string | null;
  reroutedFromId?: string | null;
  /** The shadow run that also evaluated this record. */
  shadowRunId?: string | null;
}

/** A Decision row as the routing commit inserts it (keys are the columns' names). */
export interface DecisionInsert {
  id: string;
  createdAt: Date;
  recordId: string;
  objectType: string;
  policyVersionId: string;
  versionNumber: number;
  policyHash: string;
  kind: string;
  assigneeKey: string | null;
  queueKey: string | null;
  ruleKey: string | null;
  intent: string | null;
  suppressionKey: string | null;
  reasonCode: string | null;
  slaDueAt: Date | null;
  evaluatedAt: Date;
  source: string;
  requestId: string | null;
  apiKeyId: string | null;
  accountExternalId: string | null;
  record: RoutedRecord;
  context: RecordContext | null;
  stateSnapshot: RoutingState;
  decision: Decision;
  currentAssigneeKey: string | null;
  currentQueueKey: string | null;
  resolvedAt: Date | null;
  reroutedFromId: string | null;
  shadowRunId: string | null;
  /** The engine's decision format this row was written in (lib/engine/format-version.ts). */
  formatVersion: number;
}

export function decisionRow(x: DecisionRowInput): DecisionInsert {
  const o = outcomeColumns(x.decision);
  const open = x.decision.kind === "exception" || x.decision.kind === "queued";
  return {
    id: x.id,
    createdAt: x.createdAt,
    recordId: x.decision.recordId || String((x.record as { id?: unknown } | null)?.id ?? ""),
    objectType: x.decision.objectType ?? "",
    policyVersionId: x.policyVersionId,
    versionNumber: x.versionNumber,
    policyHash: x.decision.policyHash,
    ...o,
    evaluatedAt: new Date(x.decision.evaluatedAt),
    source: x.source,
    requestId: x.requestId,
    apiKeyId: x.apiKeyId,
    accountExternalId: typeof x.context?.account?.id === "string" ? x.context.account.id : null,
    record: x.record,
    context: x.context ?? null,
    stateSnapshot: x.stateSnapshot,
    decision: x.decision,
    currentAssigneeKey: o.assigneeKey,
    currentQueueKey: o.queueKey,
    resolvedAt: open ? null : x.createdAt,
    reroutedFromId: x.reroutedFromId ?? null,
    shadowRunId: x.shadowRunId ?? null,
    formatVersion: DECISION_FORMAT_VERSION,
  };
}

export interface StoredDecisionRow {
  id: string;
  createdAt: Date;
  source: string;
  policyVersionId: string;
  versionNumber: number;
  requestId: string | null;
  decision: unknown;
  currentAssigneeKey: string | null;
  currentQueueKey: string | null;
  overrideCount: number;
  resolvedAt: Date | null;
  resolution: string | null;
  formatVersion: number;
}

export type DecisionView = Decision & {
  id: string;
  createdAt: string;
  source: string;
  policyVersion: { id: string; number: number };
  requestId: string | null;
  /** The decision format it was stored in (lib/engine/format-version.ts). */
  formatVersion: number;
  explanation: string;
  current: { assignee: string | null; queue: string | null; overrideCount: number; resolvedAt: string | null; resolution: string | null };
};

export function decisionView(row: StoredDecisionRow, name: (key: string) => string = (k) => k): DecisionView {
  const d = row.decision as Decision;
  return {
    ...d,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    source: row.source,
    policyVersion: { id: row.policyVersionId, number: row.versionNumber },
    requestId: row.requestId,
    formatVersion: row.formatVersion,
    explanation: describeDecision(d, name),
    current: {
      assignee: row.currentAssigneeKey,
      queue: row.currentQueueKey,
      overrideCount: row.overrideCount,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      resolution: row.resolution,
    },
  };
}

/** What a decision.created webhook carries: the outcome, not the trace (fetch GET /api/v1/decisions/{id} for that). */
export function webhookPayload(row: DecisionInsert) {
  return {
    id: row.id,
    recordId: row.recordId,
    objectType: row.objectType,
    kind: row.kind,
    assignee: row.assigneeKey ?? null,
    queue: row.queueKey ?? null,
    ruleKey: row.ruleKey ?? null,
    intent: row.intent ?? null,
    reasonCode: row.reasonCode ?? null,
    suppressionKey: row.suppressionKey ?? null,
    slaDueAt: row.slaDueAt ?? null,
    policyVersion: { id: row.policyVersionId, number: row.versionNumber },
    source: row.source,
    accountId: row.accountExternalId ?? null,
    createdAt: row.createdAt,
  };
}

/** API responses carry the trace only when asked (`?trace=1`): it is most of the bytes, and GET /decisions/{id} has it. */
export function withoutTrace(v: DecisionView): DecisionView {
  return { ...v, trace: null };
}
