/**
 * The routing commit: everything a routing transaction writes, bound as the parameters of
 * `switchyard_commit_routing` (prisma/migrations/…_routing_commit_payload) — the decisions'
 * columns as json, the rest as jsonb, and each decision's four pieces of evidence as text
 * parameters of their own (stored as the text written here). Each part's keys are
 * its table's column names, mapped there with json(b)_populate_recordset; no value is ever part
 * of the SQL text. The function writes the rows, then (when `check` is given)
 * locks the state rows and compares them with what was decided on, then writes the new state;
 * anything stale raises 40001 and nothing is kept.
 */
import type { AuditEvent, Override } from "@/lib/generated/prisma/client";
import { join, pgPool, sql, type PgClient } from "@/lib/server/pg";
import type { OutboxRow } from "@/lib/server/webhooks/webhooks";
import type { ShadowDiffInsert } from "@/lib/server/shadow/shadow-diffs";
import type { DecisionInsert } from "./decision-record";
import { decisionRowParts } from "./decision-evidence";
import type { IdempotencyRow } from "./idempotency";
import type { StateCheck, StateWrites } from "./routing-state";

/** An earlier decision a re-route or hand-assignment replaces, closed in the same commit. */
export interface DecisionClose {
  id: string;
  /** "rerouted" (closed, whatever it was) or "overridden" (sent elsewhere by hand: closed if open, counted as an override). */
  resolution: "rerouted" | "overridden";
  /** Hand-assignments: the queue it now sits with. */
  toQueue: string | null;
  /** Who had it when it was read: if that changed meanwhile, the commit fails (40001) rather than close a moved decision. */
  wasAssignee: string | null;
  wasQueue: string | null;
  at: Date;
}

export type OverrideRow = Pick<
  Override,
  "id" | "decisionId" | "fromAssigneeKey" | "fromQueueKey" | "toAssigneeKey" | "toQueueKey" | "reasonCode" | "note" | "byEmail"
>;
export type AuditRow = Pick<AuditEvent, "id" | "actorId" | "actorEmail" | "action" | "entityType" | "entityId" | "summary" | "at"> & {
  before: unknown;
  after: unknown;
};

export interface RoutingCommit {
  decisions: DecisionInsert[];
  shadowDiffs: ShadowDiffInsert[];
  outbox: OutboxRow[];
  idempotencyKeys: IdempotencyRow[];
  /** Checked transactions: the state and versions decided on (locked transactions hold the rows already). */
  check: StateCheck | null;
  state: StateWrites;
  closes: DecisionClose[];
  overrides: OverrideRow[];
  audit: AuditRow[];
}

/**
 * Sends the commit. With no client it is its own statement and transaction (autocommit); with a
 * client it runs inside that client's open transaction.
 */
export async function commitRouting(commit: RoutingCommit, client: PgClient | null = null): Promise<void> {
  const { decisions, state, ...parts } = commit;
  // Empty parts are left out: the function skips what is absent.
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...parts, memberLoads: state.members, queueStates: state.queues }))
    if (v !== null && !(Array.isArray(v) && v.length === 0)) rest[k] = v;
  const rows: string[] = [];
  const evidence: Array<string | null> = [];
  for (const d of decisions) {
    const parts = decisionRowParts(d);
    rows.push(parts.json);
    evidence.push(...parts.evidence);
  }
  // Each piece of evidence a parameter of its own (placeholders only in the text, never a value).
  const evidenceArray = evidence.length ? sql`ARRAY[${join(evidence)}]::text[]` : sql`'{}'::text[]`;
  const statement = sql`SELECT switchyard_commit_routing(${`[${rows.join(",")}]`}::json, ${JSON.stringify(rest)}::jsonb, ${evidenceArray})`;
  await (client ?? pgPool()).query(statement);
}
