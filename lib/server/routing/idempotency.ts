/**
 * Idempotency-Key handling for routing transactions: a retry with the same key gets the first
 * request's decisions, never new ones; the same key with another body is refused (422).
 * - Locked transactions claim the keys first (`claimSql`, `claimedJobs`), read what an earlier
 *   holder decided (`earlierResult`) and fill in their own decision ids (`idempotencyWrites`).
 * - Checked transactions insert the keys with their decision ids at once (`claimCheckSql`) and
 *   fail their check (40001 → retried with locks) if a key was taken meanwhile.
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { sqlArray, textArray, type PgClient, type WriteFragment } from "@/lib/server/pg";

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

const keyed = (jobs: KeyedJob[], ids?: string[][]) =>
  jobs.flatMap((j, i) =>
    j.idempotency && j.apiKeyId
      ? [{ a: j.apiKeyId, k: j.idempotency.key, h: j.idempotency.requestHash, ids: JSON.stringify(ids?.[i] ?? []), i }]
      : [],
  );

/** The keys inserted with their decision ids (none yet when claimed first); a key someone else holds is skipped, not returned. */
const insertKeysSql = (ks: ReturnType<typeof keyed>) => `INSERT INTO "IdempotencyKey" ("apiKeyId", key, "requestHash", "decisionIds")
     SELECT u.a, u.k, u.h, ARRAY(SELECT jsonb_array_elements_text(u.ids))
     FROM unnest(${textArray(ks.map((x) => x.a))}, ${textArray(ks.map((x) => x.k))}, ${textArray(ks.map((x) => x.h))}, ${sqlArray(
       ks.map((x) => x.ids),
       "jsonb",
     )}) AS u(a, k, h, ids)
     ON CONFLICT DO NOTHING RETURNING "apiKeyId", key`;

/** The claim of the jobs' keys (one insert; a key someone else holds is not returned), or null. */
export function claimSql(jobs: KeyedJob[]): string | null {
  const ks = keyed(jobs);
  return ks.length ? insertKeysSql(ks) : null;
}

/** Which jobs own their key: the first job of the group with a key it won (a second one gets the first's decisions). */
export function claimedJobs(jobs: KeyedJob[], won: Array<{ apiKeyId: string; key: string }>): boolean[] {
  const keys = new Set(won.map((r) => keyString(r.apiKeyId, r.key)));
  return jobs.map((j) => {
    const k = keyOf(j);
    return k === null || keys.delete(k);
  });
}

/** Each claimed key gets its request's decision ids: a statement of the transaction's writes. */
export function idempotencyWrites(jobs: KeyedJob[], claimed: boolean[], idsByJob: string[][]): WriteFragment | null {
  const done = keyed(jobs, idsByJob).filter((x) => claimed[x.i]);
  if (!done.length) return null;
  return `UPDATE "IdempotencyKey" SET "decisionIds" = ARRAY(SELECT jsonb_array_elements_text(v.ids))
    FROM (SELECT unnest(${textArray(done.map((d) => d.a))}) AS a, unnest(${textArray(done.map((d) => d.k))}) AS k, unnest(${sqlArray(
      done.map((d) => d.ids),
      "jsonb",
    )}) AS ids) v
    WHERE "IdempotencyKey"."apiKeyId" = v.a AND "IdempotencyKey".key = v.k`;
}

/** Checked transactions: the keys inserted with their decision ids; the transaction fails (40001) if any was taken meanwhile. */
export function claimCheckSql(jobs: KeyedJob[], idsByJob: string[][]): string | null {
  const ks = keyed(jobs, idsByJob);
  if (!ks.length) return null;
  return `WITH c AS (${insertKeysSql(ks)})
     SELECT switchyard_expect(count(*) = ${ks.length}, 'idempotency key') FROM c`;
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

/** Inside a locked transaction: the decisions an earlier request with the same key made (422 if its body differed). */
export async function earlierResult(c: PgClient, job: KeyedJob): Promise<ReplayedResult> {
  const { rows } = await c.query<{ requestHash: string; decisionIds: string[] }>(
    `SELECT "requestHash", "decisionIds" FROM "IdempotencyKey" WHERE "apiKeyId" = $1 AND key = $2`,
    [job.apiKeyId, job.idempotency!.key],
  );
  if (!rows[0]) throw new AppError("CONFLICT", "The request with this Idempotency-Key is still being processed; retry in a moment.");
  return replayOf(rows[0], job.idempotency!.requestHash);
}

/** Before queueing: a committed earlier request with this key answers at once. */
export async function findIdempotentResult(apiKeyId: string, key: string, requestHash: string): Promise<ReplayedResult | null> {
  const row = await db().idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  return row ? replayOf(row, requestHash) : null;
}
