/**
 * Routing with persistence. Every decision is written in the same transaction that moves the
 * distribution state it used (member loads, queue rotations), so under concurrent requests no
 * member goes over a cap and no rotation slot is handed out twice.
 *
 * How: concurrent requests are grouped (group commit) and each group is one transaction:
 *   1. the live version (as last seen by this process) and the account index;
 *   2. which rule decides each record — conditions never read state, so this needs no lock —
 *      and from it the members and queues the record can touch (`stateFootprint`);
 *   3. the engine, traced, record by record on that state; each decision keeps the state it saw
 *      (its footprint) for exact replay;
 *   4. **checked** (first attempt): the state comes from this process's copy of the rows, and the
 *      transaction is one message — decisions, shadow differences, outbox and idempotency keys
 *      written, then the state rows locked FOR UPDATE (members then queues, key order) and
 *      compared with the copy and the live version (a difference raises 40001 and it all rolls
 *      back), then the new loads and rotations, then COMMIT. Locks are held only for the check,
 *      the update and the commit.
 *   5. **locked** (after a conflict): BEGIN, the policy row, the idempotency claims and the
 *      FOR UPDATE locks in one message; decide on the locked rows; write and COMMIT in a second.
 * Up to two groups are in flight (SWITCHYARD_ROUTING_CONCURRENCY), the second only when at least
 * MIN_RECORDS_BESIDE records wait; the second decides on the state the first will leave, and if
 * the first fails, so does its check (then it is retried with locks).
 * A version running in shadow is evaluated on each record beside live (same record, context and
 * state, untraced), its footprint checked or locked with live's; only differences are stored
 * (ShadowDiff) and its state changes are thrown away: a shadow never acts.
 * Other processes (more app servers, workers) serialise on the same rows, and their writes make
 * this process's checks fail, so it reads again.
 */
import { randomUUID } from "node:crypto";
import { evaluate } from "@/lib/engine/evaluate";
import { matchRecord } from "@/lib/engine/matching";
import { undeclaredFieldWarnings } from "@/lib/engine/undeclared-fields";
import { AppError } from "@/lib/errors";
import { decidingRule, stateFootprint, type StateFootprint } from "@/lib/engine/state-footprint";
import type { Decision, MemberState, QueueState, RecordContext, RoutedRecord, RoutingState } from "@/lib/engine/types";
import { countDecision, countRoutingTransaction, observeRoutingLatency } from "@/lib/server/metrics/registry";
import { processState } from "@/lib/server/process-state";
import { pgMessageTransaction, pgPool, pgWriteTransaction } from "@/lib/server/pg";
import {
  checkSql,
  forgetState,
  lockSql,
  MissingCursorRows,
  rememberState,
  RetryRouting,
  stateForCheck,
  stateFromRows,
  stateWrites,
  type StateRowsRead,
} from "./routing-state";
import { claimCheckSql, claimedJobs, claimSql, earlierResult, idempotencyWrites, sharesAKey } from "./idempotency";
import { accountIndexFor } from "./account-index";
import { ConflictMeter } from "./conflict-meter";
import { webhookOutboxWrite } from "@/lib/server/webhooks/webhooks";
import {
  decisionRow,
  decisionsInsert,
  decisionView,
  webhookPayload,
  type DecisionInsert,
  type DecisionSource,
  type DecisionView,
} from "./decision-record";
import { livePolicy, policiesFromPointer, policyPointerSql, samePointer, type PolicyPointer, type RoutingPolicies } from "./live-policy";
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

/**
 * A transaction has a fixed cost (BEGIN, the check, COMMIT and its flush): while one is in flight,
 * the next starts only once this many records wait, so light load still gets one small
 * transaction at once and heavy load fills each one.
 */
const MIN_RECORDS_BESIDE = 8;

function waiting(): number {
  let n = 0;
  for (const p of router.queue) n += p.job.records.length;
  return n;
}

function drain(): void {
  while (router.queue.length > 0 && router.inFlight < MAX_IN_FLIGHT && (router.inFlight === 0 || waiting() >= MIN_RECORDS_BESIDE)) {
    const group: Pending[] = [];
    let records = 0;
    // One group per policy, up to the record limit; the rest waits for the next transaction.
    const policyKey = router.queue[0]!.job.policyKey ?? null;
    const rest: Pending[] = [];
    for (const p of router.queue) {
      if (
        (p.job.policyKey ?? null) === policyKey &&
        (group.length === 0 || records + p.job.records.length <= MAX_RECORDS_PER_TRANSACTION)
      ) {
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

/** Our own "run it again" (a stale copy, a publish meanwhile) or PostgreSQL's serialization failure / deadlock. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return error instanceof RetryRouting || code === "40001" || code === "40P01";
}

/** Recent check failures in this process (see conflict-meter.ts). */
const conflicts = processState("routing-conflicts", () => new ConflictMeter());

/** SWITCHYARD_TIMINGS=1: every 5 s, how many transactions ran, their size and time. */
const timings = { on: process.env.SWITCHYARD_TIMINGS === "1", flushes: 0, records: 0, ms: 0, retries: 0, since: Date.now() };
function noteFlush(records: number, ms: number): void {
  timings.flushes++;
  timings.records += records;
  timings.ms += ms;
  if (Date.now() - timings.since < 5_000) return;
  console.log(
    `[routing] ${timings.flushes} transactions, ${(timings.records / timings.flushes).toFixed(1)} records each, ${(timings.ms / timings.flushes).toFixed(1)} ms each, ${timings.retries} retried`,
  );
  Object.assign(timings, { flushes: 0, records: 0, ms: 0, retries: 0, since: Date.now() });
}

async function flushWithRetry(group: Pending[], policyKey: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // First with the process's copy of the state (checked when it commits); after a conflict, with
    // locks — and with locks first while recent checks mostly failed.
    const mode = attempt === 1 && !conflicts.preferLocked() ? "checked" : "locked";
    try {
      const started = performance.now();
      const results = await flush(
        group.map((p) => p.job),
        policyKey,
        mode,
      );
      countRoutingTransaction(mode, "committed");
      if (mode === "checked") conflicts.checked(true);
      else if (attempt === 1) conflicts.locked();
      for (const r of results)
        for (const v of r.views ?? [])
          countDecision({
            kind: v.kind,
            ruleKey: "ruleKey" in v ? v.ruleKey : null,
            suppressionKey: v.kind === "suppressed" ? v.suppressionKey : null,
            reasonCode: v.kind === "exception" ? v.reasonCode : null,
            versionNumber: v.policyVersion.number,
            source: v.source,
          });
      if (timings.on)
        noteFlush(
          group.reduce((n, p) => n + p.job.records.length, 0),
          performance.now() - started,
        );
      group.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (error) {
      const retryable = isRetryable(error);
      countRoutingTransaction(mode, retryable ? "conflict" : "error");
      if (mode === "checked" && retryable) conflicts.checked(false);
      if (attempt < 3 && retryable) {
        timings.retries++;
        continue;
      }
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

function restrict(state: RoutingState, fp: StateFootprint): RoutingState {
  const members: Record<string, MemberState> = {};
  const queues: Record<string, QueueState> = {};
  for (const k of fp.members) if (state.members[k]) members[k] = state.members[k]!;
  for (const k of fp.queues) if (state.queues[k]) queues[k] = state.queues[k]!;
  return { members, queues };
}

/** The versions this process last routed each policy with (checked again inside every transaction). */
const lastPolicies = processState("routing-policies", () => new Map<string, RoutingPolicies>());

interface Item {
  job: number;
  record: RoutedRecord;
  context: RecordContext | null;
  footprint: StateFootprint;
}

/** A group decided on one state: the rows to store and the state after it. */
interface Decided {
  rows: DecisionInsert[];
  diffs: ShadowDiffInsert[];
  idsByJob: string[][];
  state: RoutingState;
}

/** The engine over the group's records in order, each on the state the ones before it left (traced; shadow beside it). */
function decide(jobs: RouteJob[], items: Item[], claimed: boolean[], live: RoutingPolicies, start: RoutingState): Decided {
  const shadow = live.shadow;
  let state = start;
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
    const result = evaluate(live.compiled, item.record, item.context, state, createdAt);
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
  return { rows, diffs, idsByJob, state };
}

/** The committed group as results, in job order (stored decisions as the API shows them). */
function results(jobs: RouteJob[], decided: Decided, names: Map<string, string>, earlier: Map<number, RouteResult>): RouteResult[] {
  const name = (k: string) => names.get(k) ?? k;
  const views = new Map<string, DecisionView>();
  for (const row of decided.rows)
    views.set(row.id, decisionView({ ...row, decision: row.engine, overrideCount: 0, resolution: null }, name));
  return jobs.map(
    (_, j) =>
      earlier.get(j) ?? { decisionIds: decided.idsByJob[j]!, views: decided.idsByJob[j]!.map((id) => views.get(id)!), replayed: false },
  );
}

async function flush(jobs: RouteJob[], policyKey: string | null, mode: "checked" | "locked"): Promise<RouteResult[]> {
  // Route with the versions last seen; the transaction checks the policy row again and, if a
  // publish or shadow run changed it since, this is retried with the new versions.
  const cacheKey = policyKey ?? "";
  let policies = lastPolicies.get(cacheKey);
  if (!policies) {
    policies = await livePolicy(policyKey);
    lastPolicies.set(cacheKey, policies);
  }
  const live = policies;
  refuseUndeclaredFields(live.compiled, jobs);
  const index = await accountIndexFor(live.compiled);
  const EMPTY_STATE: RoutingState = { members: {}, queues: {} };

  // Which rule decides each record does not depend on state: find it, and what it can touch.
  const items: Item[] = [];
  const memberKeys = new Set<string>();
  const queueKeys = new Set<string>();
  /** What `compiled` can read or change for this record (its deciding rule's footprint), added to the state read. */
  const touch = (compiled: RoutingPolicies["compiled"], record: RoutedRecord, context: RecordContext | null, now: Date): StateFootprint => {
    const probe = evaluate(compiled, record, context, EMPTY_STATE, now, { trace: false }).decision;
    const footprint = stateFootprint(compiled, decidingRule(probe), context, record);
    for (const m of footprint.members) memberKeys.add(m);
    for (const q of footprint.queues) queueKeys.add(q);
    return footprint;
  };
  jobs.forEach((job, j) => {
    for (const record of job.records) {
      const context =
        record && typeof record === "object" && record.fields && typeof record.fields === "object" ? matchRecord(record, index) : null;
      const footprint = touch(live.compiled, record, context, job.now ?? new Date());
      // The shadow reads state too: what it can touch is read (and locked) with live's.
      if (live.shadow) touch(live.shadow.compiled, record, context, job.now ?? new Date());
      items.push({ job: j, record, context, footprint });
    }
  });
  const members = [...memberKeys].sort();
  const queues = [...queueKeys].sort();
  const missing = queues.filter((q) => !knownCursors.has(q));
  if (missing.length) {
    // Rotation rows exist before anyone locks them (outside the transaction: inserts do not wait on locks).
    await pgPool().query(`INSERT INTO "QueueCursor" ("queueKey", "updatedAt") SELECT unnest($1::text[]), now() ON CONFLICT DO NOTHING`, [
      missing,
    ]);
    for (const q of missing) knownCursors.add(q);
  }
  try {
    return mode === "checked" && !sharesAKey(jobs)
      ? await flushChecked(jobs, items, live, members, queues)
      : await flushLocked(jobs, items, live, policyKey, members, queues);
  } catch (error) {
    forgetState(members, queues);
    if (error instanceof MissingCursorRows) for (const q of error.queues) knownCursors.delete(q);
    throw error;
  }
}

/**
 * A policy with `unknownFields: reject` refuses API records carrying fields it does not declare:
 * a 422 naming each field (and the declared input it is closest to), nothing stored. (The engine
 * turns them into INVALID_RECORD exceptions elsewhere: console re-routes, suites, the CLI.) The
 * group then fails and is retried job by job, so only the request at fault is refused.
 */
function refuseUndeclaredFields(compiled: RoutingPolicies["compiled"], jobs: RouteJob[]): void {
  if (compiled.unknownFields !== "reject") return;
  for (const job of jobs) {
    if (job.source !== "api" && job.source !== "batch") continue;
    const fieldErrors: Record<string, string[]> = {};
    job.records.forEach((record, i) => {
      const at = job.source === "batch" ? `records[${i}].fields` : "record.fields";
      for (const w of undeclaredFieldWarnings(record.fields ?? {}, compiled.declaredFields)) fieldErrors[`${at}.${w.field}`] = [w.message];
    });
    const fields = Object.keys(fieldErrors);
    if (fields.length)
      throw new AppError("VALIDATION", `The live policy rejects fields it does not declare: ${fields.join(", ")}.`, { fieldErrors });
  }
}

/**
 * One message: decisions and the rest written, then the state rows locked and compared with the
 * copy they were decided on, then the new state, then COMMIT (routing-state.ts).
 */
async function flushChecked(
  jobs: RouteJob[],
  items: Item[],
  live: RoutingPolicies,
  members: string[],
  queues: string[],
): Promise<RouteResult[]> {
  const seen = await stateForCheck(members, queues);
  const decided = decide(
    jobs,
    items,
    jobs.map(() => true),
    live,
    seen.state,
  );
  const outbox = webhookOutboxWrite(null, "decision.created", decided.rows.map(webhookPayload));
  const statements = [
    decisionsInsert(decided.rows),
    shadowDiffsInsert(decided.diffs),
    await outbox,
    claimCheckSql(jobs, decided.idsByJob),
    checkSql(seen, members, queues, { id: live.pointer.id, liveVersionId: live.versionId, shadowRunId: live.pointer.shadowRunId }),
    stateWrites(seen.state, decided.state),
  ];
  // The next group may start from this one's outcome; if this one fails, it fails its check too.
  rememberState(decided.state);
  await pgMessageTransaction(statements);
  return results(jobs, decided, seen.names, new Map());
}

/** Locks first (BEGIN, policy row, idempotency claims and FOR UPDATE in one message), then decide, then write and COMMIT. */
async function flushLocked(
  jobs: RouteJob[],
  items: Item[],
  live: RoutingPolicies,
  policyKey: string | null,
  members: string[],
  queues: string[],
): Promise<RouteResult[]> {
  const claim = claimSql(jobs);
  const opening = [policyPointerSql(policyKey), ...(claim ? [claim] : []), lockSql(members, queues)];
  return pgWriteTransaction(opening, async (tx, opened) => {
    const pointer = opened[0]!.rows[0] as PolicyPointer | undefined;
    if (!samePointer(live, pointer)) {
      // Published or shadowed since: the next attempt routes with what is live now.
      lastPolicies.set(policyKey ?? "", await policiesFromPointer(pointer, policyKey));
      throw new RetryRouting("the live version changed while routing");
    }
    const claimed = claimedJobs(jobs, claim ? (opened[1]!.rows as Array<{ apiKeyId: string; key: string }>) : []);
    const locked = stateFromRows(opened[opened.length - 1]!.rows as StateRowsRead[], members, queues);
    const decided = decide(jobs, items, claimed, live, locked.state);
    // Requests whose key an earlier request holds get that request's decisions (read before the write).
    const earlier = new Map<number, RouteResult>();
    for (let j = 0; j < jobs.length; j++) if (!claimed[j]) earlier.set(j, await earlierResult(tx, jobs[j]!));
    // The outbox rows commit with the decisions, or neither does.
    const outbox = await webhookOutboxWrite(tx, "decision.created", decided.rows.map(webhookPayload));
    return {
      // Decisions, shadow differences, loads, rotations, idempotency keys and outbox, then COMMIT: one message.
      writes: [
        decisionsInsert(decided.rows),
        shadowDiffsInsert(decided.diffs),
        stateWrites(locked.state, decided.state),
        idempotencyWrites(jobs, claimed, decided.idsByJob),
        outbox,
      ],
      result: () => {
        rememberState(decided.state);
        return results(jobs, decided, locked.names, earlier);
      },
    };
  });
}
