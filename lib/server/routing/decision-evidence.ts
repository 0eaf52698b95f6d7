/**
 * A Decision row as the routing commit sends it, with its evidence hash computed here rather than
 * by the insert trigger (hashing ~6 KB per decision in PL/pgSQL cost PostgreSQL ~0.08 ms of CPU
 * per decision; node's sha256 a few µs). The hash is exactly `switchyard_decision_hash`'s
 * (migration 20261204200000): sha256 of the columns as one JSON array in PostgreSQL's
 * `json_build_array` text form — elements JSON-encoded, separated by ", " — with timestamps as
 * `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.MS')` and the JSON evidence as its stored text, which is
 * the text sent here (a json column keeps it as written). `verify-log` recomputes it in the
 * database, so a difference between the two would show as an edited decision; the integration
 * tests verify every decision they route, hostile text included.
 */
import { createHash } from "node:crypto";
import type { DecisionInsert } from "./decision-record";

const at = (d: Date | null) => (d ? d.toISOString().slice(0, 23) : null);

/** The row as JSON text (evidence serialised once) and the hash of what the trigger would hash. */
export function decisionRowText(row: DecisionInsert): string {
  const record = JSON.stringify(row.record);
  const context = row.context === null ? null : JSON.stringify(row.context);
  const stateSnapshot = JSON.stringify(row.stateSnapshot);
  const decision = JSON.stringify(row.decision);
  const hashed = [
    row.id,
    at(row.createdAt),
    row.recordId,
    row.objectType,
    row.policyVersionId,
    row.versionNumber,
    row.policyHash,
    row.kind,
    row.assigneeKey,
    row.queueKey,
    row.ruleKey,
    row.intent,
    row.suppressionKey,
    row.reasonCode,
    at(row.slaDueAt),
    at(row.evaluatedAt),
    row.source,
    row.requestId,
    row.apiKeyId,
    row.accountExternalId,
    row.reroutedFromId,
    row.shadowRunId,
    row.formatVersion,
    record,
    context,
    stateSnapshot,
    decision,
  ];
  const evidenceHash = createHash("sha256")
    .update(`[${hashed.map((v) => JSON.stringify(v ?? null)).join(", ")}]`, "utf8")
    .digest("hex");
  const { record: _r, context: _c, stateSnapshot: _s, decision: _d, ...scalars } = row;
  const head = JSON.stringify({ ...scalars, evidenceHash });
  return `${head.slice(0, -1)},"record":${record},"context":${context ?? "null"},"stateSnapshot":${stateSnapshot},"decision":${decision}}`;
}
