/**
 * A Decision row as the routing commit sends it, with its evidence hash computed here rather than
 * by the insert trigger (hashing ~6 KB per decision in PL/pgSQL cost PostgreSQL ~0.08 ms of CPU
 * per decision; node's sha256 a few µs). The hash covers exactly what `switchyard_decision_hash`
 * covers (migration 20261204200000): the other columns as one JSON array in PostgreSQL's
 * `json_build_array` text form — elements JSON-encoded, separated by ", ", timestamps as
 * `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.MS')` — then each piece of JSON evidence as its text,
 * prefixed by "\n<bytes>:" ("-" for a missing context). The evidence is bound as text parameters
 * of its own (sent as is: nothing escaped, nothing parsed but by the json cast) and stored as that
 * text (a json column keeps it as written), so both sides hash the same bytes. `verify-log` recomputes the hash in the database; a difference would show as an
 * edited decision, and the integration tests verify every decision they route, hostile text
 * included.
 */
import { createHash } from "node:crypto";
import type { DecisionInsert } from "./decision-record";

const at = (d: Date | null) => (d ? d.toISOString().slice(0, 23) : null);

/** The row for the commit: its other columns as JSON text (with the evidence hash), and its four pieces of evidence as texts to bind. */
export function decisionRowParts(row: DecisionInsert): { json: string; evidence: [string, string | null, string, string] } {
  const record = JSON.stringify(row.record);
  const context = row.context === null ? null : JSON.stringify(row.context);
  const stateSnapshot = JSON.stringify(row.stateSnapshot);
  const decision = JSON.stringify(row.decision);
  const columns = [
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
  ];
  const hash = createHash("sha256").update(`[${columns.map((v) => JSON.stringify(v ?? null)).join(", ")}]`, "utf8");
  for (const part of [record, context, stateSnapshot, decision]) {
    if (part === null) hash.update("-");
    else hash.update(`\n${Buffer.byteLength(part, "utf8")}:`).update(part, "utf8");
  }
  const { record: _r, context: _c, stateSnapshot: _s, decision: _d, ...scalars } = row;
  return { json: JSON.stringify({ ...scalars, evidenceHash: hash.digest("hex") }), evidence: [record, context, stateSnapshot, decision] };
}
