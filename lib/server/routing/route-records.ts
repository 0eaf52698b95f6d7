/**
 * Routing with persistence. Every decision is written in the same transaction that moves the
 * distribution state it used (member loads, queue rotations), so under concurrent requests no
 * member goes over a cap and no rotation slot is handed out twice.
 *
 * How: concurrent requests are grouped (group commit) and each group is one transaction:
 *   1. the live version and the account index (matching by id, domain, workspace roll-up);
 *   2. which rule decides each record — conditions never read state, so this needs no lock —
 *      and from it the members and queues the record can touch (`stateFootprint`);
 *   3. those Member and QueueCursor rows locked FOR UPDATE, members then queues, each in key
 *      order (no deadlocks between processes);
 *   4. the engine, traced, with the locked state, record by record; each decision keeps the
 *      state it saw (its footprint) for exact replay;
 *   5. decisions inserted, new loads and rotations written, idempotency keys recorded — one
 *      statement (data-modifying CTEs) — then commit: four round trips in all.
 * Two groups are in flight at once (SWITCHYARD_ROUTING_CONCURRENCY): while one waits on
 * PostgreSQL the next is prepared; they serialise only on the rows both lock.
 * A version running in shadow is evaluated on each record beside live (same record, context and
 * state, untraced), its footprint locked with live's; only differences are stored (ShadowDiff)
 * and its state changes are thrown away: a shadow never acts.
 * Other processes (more app servers, workers) serialise on the same rows.
 */
import { randomUUID } from "node:crypto";
import { evaluate } from "@/lib/engine/evaluate";
import { matchRecord } from "@/lib/engine/matching";
import { decidingRule, stateFootprint, type StateFootprint } from "@/lib/engine/state-footprint";
import type { Decision, MemberState, QueueState, RecordContext, RoutedRecord, RoutingState } from "@/lib/engine/types";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { countDecision, observeRoutingLatency } from "@/lib/server/metrics/registry";
import { processState } from "@/lib/server/process-state";
import { pgPool, pgTransaction, runWrites, type PgClient, type WriteFragment } from "@/lib/server/pg";
import { accountIndexFor } from "./account-index";
import { enqueueWebhookEventsPg } from "@/lib/server/webhooks/webhooks";
import { decisionRow, decisionsInsert, decisionView, webhookPayload, type DecisionInsert, type DecisionSource, type DecisionView } from "./decision-record";
import { livePolicy, type RoutingPolicies } from "./live-policy";
import { shadowDiffRow, shadowDiffsInsert, type ShadowDiffInsert } from "@/lib/server/shadow/shadow-diffs";

export interface RouteJob {
  records: RoutedRecord[];
  source: DecisionSource;
  policyKey?: string | null;
  apiKeyId?: string | null;
  idempotency?: { key: string; requestHash: string } | null;
  requestId?: string | null;
  /** Re-routes: the decision each record replaces (same order as records). */
  reroutedFrom?: Array<string | null>;
  /** The clock (tests and the demo seed pass one; it is also the decision's createdAt); default: now. */
  now?: Date;
}

export interface RouteResult {
  decisionIds: string[];
  /** The stored decisions as the API returns them (absent for idempotent replays: read them by id). */
  views?: DecisionView[];
  /** True when an Idempotency-Key matched an earlier request: these are its decisions. */
  replayed: boolean;
}

interface Pending {
  job: RouteJob;
  resolve: (r: RouteResult) => void;
  reject: (e: unknown) => void;
}

const MAX_RECORDS_PER_TRANSACTION = 2_000;
/** Queue keys whose QueueCursor row this process has seen created (rows are never deleted by the app). */
const knownCursors = processState("queue-cursors", () => new Set<string>());
/** The group-commit queue, one per process (shared by the console's bundles and the fast path). */
const router = processState("router", () => ({ queue: [] as Pending[], inFlight: 0 }));

/**
 * Routes the job's records with the live version; resolves once the decisions are committed.
 * `group: false` gives the job its own transaction (tests use it to race transactions).
 */
export function routeRecords(job: RouteJob, options: { group?: boolean } = {}): Promise<RouteResult> {
  if (options.group === false) {
    return new Promise((resolve, reject) => void flushWithRetry([{ job, resolve, reject }], job.policyKey ?? null));
  }
  const submitted = performance.now();
  return new Promise<RouteResult>((resolve, reject) => {
    router.queue.push({ job, resolve, reject });
    drain();
  }).then((r) => {
    observeRoutingLatency(performance.now() - submitted);
    return r;
  });
}

/** Transactions in flight at once per process: while one waits on PostgreSQL, the next group is prepared and sent. */
const MAX_IN_FLIGHT = Math.max(1, Number(process.env.SWITCHYARD_ROUTING_CONCURRENCY ?? 2) || 2);

function drain(): void {
  while (router.queue.length > 0 && router.inFlight < MAX_IN_FLIGHT) {
    const group: Pending[] = [];
    let records = 0;
    // One group per policy, up to the record limit; the rest waits for the next transaction.
    const policyKey = router.queue[0]!.job.policyKey ?? null;
    const rest: Pending[] = [];
    for (const p of router.queue) {
      if ((p.job.policyKey ?? null) === policyKey && (group.length === 0 || records + p.job.records.length <= MAX_RECORDS_PER_TRANSACTION)) {
        group.push(p);
        records += p.job.records.length;
      } else rest.push(p);
    }
    router.queue = rest;
    router.inFlight++;
    void flushWithRetry(group, policyKey).finally(() => {
      router.inFlight--;
      drain();
    });
  }
}

function isRetryable(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return /deadlock detected|could not serialize|40P01|40001/.test(text);
}

/** SWITCHYARD_TIMINGS=1: every 5 s, how many transactions ran, their size and time. */
const timings = { on: process.env.SWITCHYARD_TIMINGS === "1", flushes: 0, records: 0, ms: 0, since: Date.now() };
function noteFlush(records: number, ms: number): void {
  timings.flushes++;
  timings.records += records;
  timings.ms += ms;
  if (Date.now() - timings.since < 5_000) return;
  console.log(`[routing] ${timings.flushes} transactions, ${(timings.records / timings.flushes).toFixed(1)} records each, ${(timings.ms / timings.flushes).toFixed(1)} ms each`);
  Object.assign(timings, { flushes: 0, records: 0, ms: 0, since: Date.now() });
}

async function flushWithRetry(group: Pending[], policyKey: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const started = performance.now();
      const results = await flush(group.map((p) => p.job), policyKey);
      for (const r of results) for (const v of r.views ?? []) countDecision({ kind: v.kind, ruleKey: "ruleKey" in v ? v.ruleKey : null, suppressionKey: v.kind === "suppressed" ? v.suppressionKey : null, reasonCode: v.kind === "exception" ? v.reasonCode : null, versionNumber: v.policyVersion.number, source: v.source });
      if (timings.on) noteFlush(group.reduce((n, p) => n + p.job.records.length, 0), performance.now() - started);
      group.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (error) {
      if (attempt < 3 && isRetryable(error)) continue;
      // A group fails together; retrying each job alone keeps one bad request from failing others.
      if (group.length > 1) {
        for (const p of group) await flushWithRetry([p], policyKey);
        return;
      }
      group[0]!.reject(error);
      return;
    }
  }
}

/** Idempotency keys claimed in one statement; a job whose key someone else holds (or an earlier job of this group) is not claimed. */
async function claimIdempotencyKeys(c: PgClient, jobs: RouteJob[]): Promise<boolean[]> {
  const keyed = jobs.filter((j) => j.idempotency && j.apiKeyId);
  if (!keyed.length) return jobs.map(() => true);
  const { rows } = await c.query<{ apiKeyId: string; key: string }>(
    `INSERT INTO "IdempotencyKey" ("apiKeyId", key, "requestHash", "decisionIds")
     SELECT u.a, u.k, u.h, '{}' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(a, k, h) ON CONFLICT DO NOTHING RETURNING "apiKeyId", key`,
    [keyed.map((j) => j.apiKeyId), keyed.map((j) => j.idempotency!.key), keyed.map((j) => j.idempotency!.requestHash)],
  );
  const won = new Set(rows.map((r) => `${r.apiKeyId}\u0000${r.key}`));
  return jobs.map((j) => {
    if (!j.idempotency || !j.apiKeyId) return true;
    // The first job with the key takes it; a second one in the same group gets the first's decisions.
    return won.delete(`${j.apiKeyId}\u0000${j.idempotency.key}`);
  });
}

/** Member rows then QueueCursor rows locked FOR UPDATE, each in key order, in one statement (the arms run in order). */
async function lockState(c: PgClient, members: string[], queues: string[], names: Map<string, string>): Promise<RoutingState> {
  const state: RoutingState = { members: {}, queues: {} };
  if (!members.length && !queues.length) return state;
  const { rows } = await c.query<{
    t: "m" | "q";
    key: string;
    name: string | null;
    active: boolean | null;
    load: number | null;
    capacity: number | null;
    oooFrom: Date | null;
    oooUntil: Date | null;
    cursor: number | null;
    current: Record<string, number> | null;
  }>(
    `WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY($1::text[]) ORDER BY email FOR UPDATE),
          q AS (SELECT "queueKey", cursor, current FROM "QueueCursor" WHERE "queueKey" = ANY($2::text[]) ORDER BY "queueKey" FOR UPDATE)
     SELECT 'm' AS t, email AS key, name, active, "activeLoad" AS load, capacity, "outOfOfficeFrom" AS "oooFrom", "outOfOfficeUntil" AS "oooUntil", NULL::int AS cursor, NULL::jsonb AS current FROM m
     UNION ALL
     SELECT 'q', "queueKey", NULL, NULL, NULL, NULL, NULL, NULL, cursor, current FROM q`,
    [members, queues],
  );
  for (const r of rows) {
    if (r.t === "m") {
      names.set(r.key, r.name ?? r.key);
      state.members[r.key] = { active: r.active ?? false, load: r.load ?? 0, capacity: r.capacity ?? 0, outOfOfficeFrom: r.oooFrom?.toISOString() ?? null, outOfOfficeUntil: r.oooUntil?.toISOString() ?? null };
    } else {
      state.queues[r.key] = r.current ? { cursor: r.cursor ?? 0, current: r.current } : { cursor: r.cursor ?? 0 };
    }
  }
  const gone = queues.filter((q) => !state.queues[q]);
  if (gone.length) {
    // A cursor row this process believed in was removed (e.g. a reset): create it and start over.
    for (const q of gone) knownCursors.delete(q);
    throw new Error(`could not serialize: queue cursor rows missing for ${gone.join(", ")}`);
  }
  return state;
}

/** The new member loads and queue rotations, as fragments of the combined write. */
function stateWrites(before: RoutingState, after: RoutingState): Array<WriteFragment | null> {
  const memberKeys: string[] = [];
  const loads: number[] = [];
  for (const [key, m] of Object.entries(after.members)) {
    if (before.members[key] && before.members[key]!.load !== m.load) {
      memberKeys.push(key);
      loads.push(m.load);
    }
  }
  const queueKeys: string[] = [];
  const cursors: number[] = [];
  const currents: string[] = [];
  for (const [key, q] of Object.entries(after.queues)) {
    if (before.queues[key] === q) continue;
    queueKeys.push(key);
    cursors.push(q.cursor);
    currents.push(JSON.stringify(q.current ?? null));
  }
  return [
    memberKeys.length
      ? (p) => `UPDATE "Member" SET "activeLoad" = v.load FROM (SELECT unnest(${p(memberKeys)}::text[]) AS email, unnest(${p(loads)}::int[]) AS load) v WHERE "Member".email = v.email`
      : null,
    queueKeys.length
      ? (p) => `UPDATE "QueueCursor" SET cursor = v.cursor, current = NULLIF(v.current, 'null'::jsonb), "updatedAt" = now()
       FROM (SELECT unnest(${p(queueKeys)}::text[]) AS key, unnest(${p(cursors)}::int[]) AS cursor, unnest(${p(currents)}::jsonb[]) AS current) v WHERE "QueueCursor"."queueKey" = v.key`
      : null,
  ];
}

/** Each claimed idempotency key gets its request's decision ids, as a fragment of the combined write. */
function idempotencyWrites(jobs: RouteJob[], claimed: boolean[], idsByJob: string[][]): WriteFragment | null {
  const done = jobs.flatMap((j, i) => (claimed[i] && j.idempotency && j.apiKeyId ? [{ a: j.apiKeyId, k: j.idempotency.key, ids: JSON.stringify(idsByJob[i]) }] : []));
  if (!done.length) return null;
  return (p) => `UPDATE "IdempotencyKey" SET "decisionIds" = ARRAY(SELECT jsonb_array_elements_text(v.ids))
    FROM (SELECT unnest(${p(done.map((d) => d.a))}::text[]) AS a, unnest(${p(done.map((d) => d.k))}::text[]) AS k, unnest(${p(done.map((d) => d.ids))}::jsonb[]) AS ids) v
    WHERE "IdempotencyKey"."apiKeyId" = v.a AND "IdempotencyKey".key = v.k`;
}

function restrict(state: RoutingState, fp: StateFootprint): RoutingState {
  const members: Record<string, MemberState> = {};
  const queues: Record<string, QueueState> = {};
  for (const k of fp.members) if (state.members[k]) members[k] = state.members[k]!;
  for (const k of fp.queues) if (state.queues[k]) queues[k] = state.queues[k]!;
  return { members, queues };
}

async function flush(jobs: RouteJob[], policyKey: string | null): Promise<RouteResult[]> {
  const live: RoutingPolicies = await livePolicy(policyKey);
  const cp = live.compiled;
  const shadow = live.shadow;
  const index = await accountIndexFor(cp);
  const EMPTY_STATE: RoutingState = { members: {}, queues: {} };

  // Which rule decides each record does not depend on state: find it, and what it can touch.
  const items: Array<{ job: number; record: RoutedRecord; context: RecordContext | null; footprint: StateFootprint }> = [];
  const memberKeys = new Set<string>();
  const queueKeys = new Set<string>();
  /** What `compiled` can read or change for this record (its deciding rule's footprint), added to the lock set. */
  const touch = (compiled: RoutingPolicies["compiled"], record: RoutedRecord, context: RecordContext | null, now: Date): StateFootprint => {
    const probe = evaluate(compiled, record, context, EMPTY_STATE, now, { trace: false }).decision;
    const footprint = stateFootprint(compiled, decidingRule(probe), context);
    for (const m of footprint.members) memberKeys.add(m);
    for (const q of footprint.queues) queueKeys.add(q);
    return footprint;
  };
  jobs.forEach((job, j) => {
    for (const record of job.records) {
      const context = record && typeof record === "object" && record.fields && typeof record.fields === "object" ? matchRecord(record, index) : null;
      const footprint = touch(cp, record, context, job.now ?? new Date());
      // The shadow reads state too: what it can touch is locked with live's (same key order).
      if (shadow) touch(shadow.compiled, record, context, job.now ?? new Date());
      items.push({ job: j, record, context, footprint });
    }
  });
  const members = [...memberKeys].sort();
  const queues = [...queueKeys].sort();
  const missing = queues.filter((q) => !knownCursors.has(q));
  if (missing.length) {
    // Rotation rows exist before anyone locks them (outside the transaction: inserts do not wait on locks).
    await pgPool().query(`INSERT INTO "QueueCursor" ("queueKey", "updatedAt") SELECT unnest($1::text[]), now() ON CONFLICT DO NOTHING`, [missing]);
    for (const q of missing) knownCursors.add(q);
  }

  return pgTransaction(async (tx) => {
      const claimed = await claimIdempotencyKeys(tx, jobs);
      const names = new Map<string, string>();
      const before = await lockState(tx, members, queues, names);
      let state = before;
      const flushedAt = new Date();
      const rows: DecisionInsert[] = [];
      const diffs: ShadowDiffInsert[] = [];
      const idsByJob: string[][] = jobs.map(() => []);
      const rerouteIndex = jobs.map(() => 0);
      for (const item of items) {
        const job = jobs[item.job]!;
        if (!claimed[item.job]) continue;
        const seen = restrict(state, item.footprint);
        const createdAt = job.now ?? flushedAt;
        const result = evaluate(cp, item.record, item.context, state, createdAt);
        const id = randomUUID();
        if (shadow) {
          // Same record, context and state as live; its next state is dropped (it never acts).
          const shadowDecision = evaluate(shadow.compiled, item.record, item.context, state, createdAt, { trace: false }).decision;
          const diff = shadowDiffRow(id, shadow.runId, createdAt, result.decision as Decision, shadowDecision);
          if (diff) diffs.push(diff);
        }
        state = result.nextState;
        idsByJob[item.job]!.push(id);
        const position = rerouteIndex[item.job]!++;
        rows.push(
          decisionRow({
            id,
            createdAt,
            decision: result.decision as Decision,
            record: item.record,
            context: item.context,
            stateSnapshot: seen,
            policyVersionId: live.versionId,
            versionNumber: live.versionNumber,
            source: job.source,
            requestId: job.requestId ?? null,
            apiKeyId: job.apiKeyId ?? null,
            reroutedFromId: job.reroutedFrom?.[position] ?? null,
            shadowRunId: shadow?.runId ?? null,
          }),
        );
      }
      // Decisions, shadow differences, loads, rotations and idempotency keys: one statement.
      await runWrites(tx, [decisionsInsert(rows), shadowDiffsInsert(diffs), ...stateWrites(before, state), idempotencyWrites(jobs, claimed, idsByJob)]);
      // The outbox row commits with the decision, or neither does.
      await enqueueWebhookEventsPg(tx, "decision.created", rows.map(webhookPayload));
      const name = (k: string) => names.get(k) ?? k;
      const views = new Map<string, DecisionView>();
      for (const row of rows) {
        views.set(row.id, decisionView({ ...row, decision: row.engine, overrideCount: 0, resolution: null }, name));
      }
      const results: RouteResult[] = [];
      for (let j = 0; j < jobs.length; j++) {
        const job = jobs[j]!;
        if (claimed[j]) {
          results.push({ decisionIds: idsByJob[j]!, views: idsByJob[j]!.map((id) => views.get(id)!), replayed: false });
        } else {
          results.push(await earlierResult(tx, job));
        }
      }
      return results;
  });
}

/** The decisions an earlier request with the same Idempotency-Key made (422 if its body differed). */
async function earlierResult(c: PgClient, job: RouteJob): Promise<RouteResult> {
  const { rows } = await c.query<{ requestHash: string; decisionIds: string[] }>(`SELECT "requestHash", "decisionIds" FROM "IdempotencyKey" WHERE "apiKeyId" = $1 AND key = $2`, [job.apiKeyId, job.idempotency!.key]);
  const row = rows[0];
  if (!row) throw new AppError("CONFLICT", "The request with this Idempotency-Key is still being processed; retry in a moment.");
  if (row.requestHash !== job.idempotency!.requestHash) {
    throw new AppError("VALIDATION", "This Idempotency-Key was used with a different request body. Use a new key for a new request.", { fieldErrors: { "Idempotency-Key": ["Used before with a different body."] } });
  }
  return { decisionIds: row.decisionIds, replayed: true };
}

/** Before queueing: a committed earlier request with this key answers at once. */
export async function findIdempotentResult(apiKeyId: string, key: string, requestHash: string): Promise<RouteResult | null> {
  const row = await db().idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new AppError("VALIDATION", "This Idempotency-Key was used with a different request body. Use a new key for a new request.", { fieldErrors: { "Idempotency-Key": ["Used before with a different body."] } });
  }
  return { decisionIds: row.decisionIds, replayed: true };
}
