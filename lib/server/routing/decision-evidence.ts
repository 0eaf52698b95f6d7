/**
 * A Decision row as the routing commit sends it, with its evidence hash computed here rather than
 * by the insert trigger (hashing ~6 KB per decision in PL/pgSQL cost PostgreSQL ~0.08 ms of CPU
 * per decision; node's sha256 a few µs). The hash covers exactly what `switchyard_decision_hash`
 * covers (migration 20261204200000): the other columns as one JSON array in PostgreSQL's
 * `json_build_array` text form — elements JSON-encoded, separated by ", ", timestamps as
 * `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.MS')` — then each piece of JSON evidence as its text,
 * prefixed by "\n<bytes>:" ("-" for a missing context). The evidence is sent as strings holding
 * that text, and stored as it (a json column keeps the text as written), so both sides hash the
 * same bytes. `verify-log` recomputes the hash in the database; a difference would show as an
 * edited decision, and the integration tests verify every decision they route, hostile text
 * included.
 */
import { createHash } from "node:crypto";
import type { DecisionInsert } from "./decision-record";

const at = (d: Date | null) => (d ? d.toISOString().slice(0, 23) : null);

/** The row as JSON text for the commit (evidence as strings holding its JSON), with its evidence hash. */
export function decisionRowText(row: DecisionInsert): string {
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
  return JSON.stringify({ ...row, record, context, stateSnapshot, decision, evidenceHash: hash.digest("hex") });
}
