/**
 * Idempotency-Key handling for routing transactions: a retry with the same key gets the first
 * request's decisions, never new ones; the same key with another body is refused (422).
 * The commit inserts each key with its request's decision ids (`idempotencyRows`), and fails
 * (40001, retried) if another request took a key meanwhile; the retry reads what that request
 * decided (`earlierResults`) and answers with it. Two requests with one key in one group are
 * routed one after the other (`sharesAKey`).
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { pgPool, sql } from "@/lib/server/pg";

/** What of a routing job idempotency reads. */
export interface KeyedJob {
  apiKeyId?: string | null;
  idempotency?: { key: string; requestHash: string } | null;
}

/** An earlier request's decisions, answered again. */
export interface ReplayedResult {
  decisionIds: string[];
  /** Absent: read the decisions by id. */
  views?: undefined;
  replayed: true;
}

/** An API key's Idempotency-Key as one string. */
const keyString = (apiKeyId: string, key: string) => `${apiKeyId}\u0000${key}`;

/** The job's key as one string, or null when it has none. */
function keyOf(job: KeyedJob): string | null {
  return job.idempotency && job.apiKeyId ? keyString(job.apiKeyId, job.idempotency.key) : null;
}

/** An IdempotencyKey row as the commit inserts it. */
export interface IdempotencyRow {
  apiKeyId: string;
  key: string;
  requestHash: string;
  decisionIds: string[];
}

/** The keyed jobs' rows, each with its decision ids (jobs answered from an earlier request write none). */
export function idempotencyRows(jobs: KeyedJob[], idsByJob: string[][], answered: Map<number, unknown>): IdempotencyRow[] {
  return jobs.flatMap((j, i) =>
    j.idempotency && j.apiKeyId && !answered.has(i)
      ? [{ apiKeyId: j.apiKeyId, key: j.idempotency.key, requestHash: j.idempotency.requestHash, decisionIds: idsByJob[i]! }]
      : [],
  );
}

/**
 * The jobs another request already answered under their key (read after a commit failed on a
 * taken key): job index → that request's decisions; a different body under the key is a 422.
 */
export async function earlierResults(jobs: KeyedJob[]): Promise<Map<number, ReplayedResult>> {
  const keyedJobs = jobs.flatMap((j, i) => (j.idempotency && j.apiKeyId ? [{ i, apiKeyId: j.apiKeyId, key: j.idempotency.key }] : []));
  const found = new Map<number, ReplayedResult>();
  if (!keyedJobs.length) return found;
  const { rows } = await pgPool().query<{ apiKeyId: string; key: string; requestHash: string; decisionIds: string[] }>(
    sql`SELECT k."apiKeyId", k.key, k."requestHash", k."decisionIds" FROM "IdempotencyKey" k
        JOIN unnest(${keyedJobs.map((j) => j.apiKeyId)}::text[], ${keyedJobs.map((j) => j.key)}::text[]) AS u(a, k) ON k."apiKeyId" = u.a AND k.key = u.k`,
  );
  const byKey = new Map(rows.map((r) => [keyString(r.apiKeyId, r.key), r]));
  for (const j of keyedJobs) {
    const row = byKey.get(keyString(j.apiKeyId, j.key));
    if (row) found.set(j.i, replayOf(row, jobs[j.i]!.idempotency!.requestHash));
  }
  return found;
}

/** Two jobs of the group with the same key: only the locked path sorts out which one owns it. */
export function sharesAKey(jobs: KeyedJob[]): boolean {
  const seen = new Set<string>();
  for (const j of jobs) {
    const k = keyOf(j);
    if (k === null) continue;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function replayOf(row: { requestHash: string; decisionIds: string[] }, requestHash: string): ReplayedResult {
  if (row.requestHash !== requestHash) {
    throw new AppError("VALIDATION", "This Idempotency-Key was used with a different request body. Use a new key for a new request.", {
      fieldErrors: { "Idempotency-Key": ["Used before with a different body."] },
    });
  }
  return { decisionIds: row.decisionIds, replayed: true };
}

/** Before queueing: a committed earlier request with this key answers at once. */
export async function findIdempotentResult(apiKeyId: string, key: string, requestHash: string): Promise<ReplayedResult | null> {
  const row = await db().idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  return row ? replayOf(row, requestHash) : null;
}
