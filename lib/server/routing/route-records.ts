/**
 * Routing with persistence. Every decision is written in the same transaction that moves the
 * distribution state it used (member loads, queue rotations), so under concurrent requests no
 * member goes over a cap and no rotation slot is handed out twice.
 *
 * How: concurrent requests are grouped (group commit) and each group is read → decide → commit:
 *   1. read: the live version (as last seen by this process), the account index, and which rule
 *      decides each record — conditions never read state, so this needs no lock — and from it
 *      the members and queues the record can touch (`stateFootprint`); then that state:
 *      **checked** (first attempt) from this process's copy of the rows, **locked** (after a
 *      conflict, or while recent checks mostly failed) FOR UPDATE inside a transaction;
 *   2. decide: the engine, traced, record by record on that state; each decision keeps the state
 *      it saw (its footprint) for exact replay;
 *   3. commit: one statement with one JSON argument (routing-commit.ts) writes the decisions,
 *      shadow differences, outbox rows, idempotency keys and what a re-route replaces, then —
 *      checked — locks the state rows and compares them with the copy and the live version (a
 *      difference raises 40001, nothing is kept, and the group is read again), then the new
 *      loads and rotations. Checked, that statement is its own transaction; locked, it runs in
 *      the transaction that holds the locks, then COMMIT.
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
import type { WebhookEvent } from "@/lib/server/webhooks/webhooks";
import { countDecision, countRoutingTransaction, observeRoutingLatency } from "@/lib/server/metrics/registry";
import { processState } from "@/lib/server/process-state";
import { pgPool, pgTransaction, sql } from "@/lib/server/pg";
import {
  forgetState,
  MissingCursorRows,
  readLocked,
  rememberState,
  RetryRouting,
  stateCheck,
  stateForCheck,
  stateWrites,
  type ReadState,
} from "./routing-state";
import { earlierResults, idempotencyRows, sharesAKey, type ReplayedResult } from "./idempotency";
import { countingQueue, type HeldWork } from "./held-work";
import { commitRouting, type AuditRow, type DecisionClose, type OverrideRow, type RoutingCommit } from "./routing-commit";
import { accountIndexFor } from "./account-index";
import { ConflictMeter } from "./conflict-meter";
import { webhookOutboxRows } from "@/lib/server/webhooks/webhooks";
import { decisionRow, decisionView, webhookPayload, type DecisionInsert, type DecisionSource, type DecisionView } from "./decision-record";
import { livePolicy, policiesFromPointer, samePointer, type PolicyPointer, type RoutingPolicies } from "./live-policy";
import { shadowDiffRow, type ShadowDiffInsert } from "@/lib/server/shadow/shadow-diffs";

export interface RouteJob {
  records: RoutedRecord[];
  source: DecisionSource;
  policyKey?: string | null;
  apiKeyId?: string | null;
  idempotency?: { key: string; requestHash: string } | null;
  requestId?: string | null;
  /** Re-routes and hand-assignments: the decisions the records replace, closed in the same commit. */
  replaces?: Replaces;
  /** The clock (tests and the demo seed pass one; it is also the decision's createdAt); default: now. */
  now?: Date;
}

/** The decision each record of a re-route replaces (same order as the records), and what says so. */
export interface Replaces {
  decisions: ReplacedDecision[];
  resolution: DecisionClose["resolution"];
  /** Hand-assignments to a queue: where the replaced decisions now sit. */
  toQueue?: string | null;
  /** The override rows, audit events and webhook events that record the change, given the new decisions' ids (committed with them). */
  records?: (
    newDecisionIds: string[],
    at: Date,
  ) => { overrides?: OverrideRow[]; audit?: AuditRow[]; events?: Array<{ event: WebhookEvent; payloads: unknown[] }> };
}

/** A decision as read before it is replaced: who holds it now, and (to release a queue's count) who it first went to. */
export interface ReplacedDecision extends HeldWork {
  id: string;
}

export interface RouteResult {
  decisionIds: string[];
  /** The stored decisions as the API returns them (absent for idempotent replays: read them by id). */
  views?: DecisionView[];
  /** True when an Idempotency-Key matched an earlier request: these are its decisions. */
  replayed: boolean;
}

export interface Pending {
  job: RouteJob;
  resolve: (r: RouteResult) => void;
  reject: (e: unknown) => void;
}

const MAX_RECORDS_PER_TRANSACTION = 2_000;
/** Queue keys whose QueueCursor row this process has seen created (rows are never deleted by the app). */
const knownCursors = processState("queue-cursors", () => new Set<string>());
/** The group-commit queue, one per process (shared by the console's bundles and the fast path). */
const router = processState("router", () => ({ queue: [], inFlight: 0 }));

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

async function flushWithRetry(group: Pending[], policyKey: string | null, keysTakenLikely = false): Promise<void> {
  // Two requests with one Idempotency-Key: the second is answered with the first's decisions, so
  // they go one after the other, each looking for an earlier answer first.
  if (group.length > 1 && sharesAKey(group.map((p) => p.job))) {
    for (const p of group) await flushWithRetry([p], policyKey, true);
    return;
  }
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
        attempt > 1 || keysTakenLikely,
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
        for (const p of group) await flushWithRetry([p], policyKey, keysTakenLikely);
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
  /** The record's position in its job. */
  position: number;
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
  at: Date;
}

/**
 * What a replaced decision gives back before its record is routed again: one open assignment of
 * the member who holds it, and — still with the member its queue gave it to — that queue's count
 * for them (queues whose caps count their own work).
 */
function release(state: RoutingState, replaced: ReplacedDecision): RoutingState {
  const member = replaced.currentAssigneeKey;
  if (!member) return state;
  let next = state;
  const m = state.members[member];
  if (m) next = { ...next, members: { ...next.members, [member]: { ...m, load: Math.max(0, m.load - 1) } } };
  const queue = countingQueue(replaced);
  const q = queue ? state.queues[queue] : undefined;
  if (queue && q?.loads && q.loads[member] !== undefined)
    next = { ...next, queues: { ...next.queues, [queue]: { ...q, loads: { ...q.loads, [member]: Math.max(0, q.loads[member]! - 1) } } } };
  return next;
}

/** The engine over the group's records in order, each on the state the ones before it left (traced; shadow beside it). */
function decide(jobs: RouteJob[], items: Item[], answered: Map<number, unknown>, live: RoutingPolicies, start: RoutingState): Decided {
  const shadow = live.shadow;
  let state = start;
  const at = new Date();
  const rows: DecisionInsert[] = [];
  const diffs: ShadowDiffInsert[] = [];
  const idsByJob: string[][] = jobs.map(() => []);
  for (const item of items) {
    const job = jobs[item.job]!;
    if (answered.has(item.job)) continue;
    const replaced = job.replaces?.decisions[item.position];
    if (replaced) state = release(state, replaced);
    const seen = restrict(state, item.footprint);
    const createdAt = job.now ?? at;
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
        reroutedFromId: replaced?.id ?? null,
        shadowRunId: shadow?.runId ?? null,
      }),
    );
  }
  return { rows, diffs, idsByJob, state, at };
}

/** Everything the group writes, for one commit: the decisions and their company, the new state, what re-routes replace. */
async function commitOf(
  jobs: RouteJob[],
  decided: Decided,
  answered: Map<number, unknown>,
  before: RoutingState,
  check: RoutingCommit["check"],
  client: Parameters<typeof webhookOutboxRows>[0],
): Promise<RoutingCommit> {
  // The outbox rows commit with the decisions, or neither does.
  const outbox = await webhookOutboxRows(client, "decision.created", decided.rows.map(webhookPayload));
  const commit: RoutingCommit = {
    decisions: decided.rows,
    shadowDiffs: decided.diffs,
    outbox,
    idempotencyKeys: idempotencyRows(jobs, decided.idsByJob, answered),
    check,
    state: stateWrites(before, decided.state),
    closes: [],
    overrides: [],
    audit: [],
  };
  for (const [j, job] of jobs.entries()) {
    const replaces = job.replaces;
    if (!replaces || answered.has(j)) continue;
    const at = job.now ?? decided.at;
    for (const d of replaces.decisions)
      commit.closes.push({
        id: d.id,
        resolution: replaces.resolution,
        toQueue: replaces.toQueue ?? null,
        wasAssignee: d.currentAssigneeKey,
        wasQueue: d.currentQueueKey,
        at,
      });
    const said = replaces.records?.(decided.idsByJob[j]!, at);
    commit.overrides.push(...(said?.overrides ?? []));
    commit.audit.push(...(said?.audit ?? []));
    for (const e of said?.events ?? []) commit.outbox.push(...(await webhookOutboxRows(client, e.event, e.payloads)));
  }
  return commit;
}

/** The committed group as results, in job order (stored decisions as the API shows them; earlier answers for replayed keys). */
function results(jobs: RouteJob[], decided: Decided, names: Map<string, string>, answered: Map<number, ReplayedResult>): RouteResult[] {
  const name = (k: string) => names.get(k) ?? k;
  const views = new Map<string, DecisionView>();
  for (const row of decided.rows) views.set(row.id, decisionView({ ...row, overrideCount: 0, resolution: null }, name));
  return jobs.map(
    (_, j) =>
      answered.get(j) ?? { decisionIds: decided.idsByJob[j]!, views: decided.idsByJob[j]!.map((id) => views.get(id)!), replayed: false },
  );
}

/** The group's records with what each can touch, and all the member and queue keys to read (sorted: the lock order). */
interface Plan {
  items: Item[];
  members: string[];
  queues: string[];
}

async function plan(jobs: RouteJob[], live: RoutingPolicies): Promise<Plan> {
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
    job.records.forEach((record, position) => {
      const context =
        record && typeof record === "object" && record.fields && typeof record.fields === "object" ? matchRecord(record, index) : null;
      const footprint = touch(live.compiled, record, context, job.now ?? new Date());
      // The shadow reads state too: what it can touch is read (and locked) with live's.
      if (live.shadow) touch(live.shadow.compiled, record, context, job.now ?? new Date());
      // What a replaced decision gives back is read (and locked) too.
      const replaced = job.replaces?.decisions[position];
      if (replaced?.currentAssigneeKey) {
        memberKeys.add(replaced.currentAssigneeKey);
        const queue = countingQueue(replaced);
        if (queue) queueKeys.add(queue);
      }
      items.push({ job: j, position, record, context, footprint });
    });
  });
  return { items, members: [...memberKeys].sort(), queues: [...queueKeys].sort() };
}

async function flush(jobs: RouteJob[], policyKey: string | null, mode: "checked" | "locked", lookUpKeys: boolean): Promise<RouteResult[]> {
  // Route with the versions last seen; the commit checks the policy row again (or the locked read
  // reads it) and, if a publish or shadow run changed it since, this is retried with the new versions.
  const cacheKey = policyKey ?? "";
  let live = lastPolicies.get(cacheKey);
  if (!live) {
    live = await livePolicy(policyKey);
    lastPolicies.set(cacheKey, live);
  }
  refuseUndeclaredFields(live.compiled, jobs);
  // A retry (a commit may have failed on a taken Idempotency-Key): those requests get the earlier request's decisions.
  const answered = lookUpKeys ? await earlierResults(jobs) : new Map<number, ReplayedResult>();
  const { items, members, queues } = await plan(jobs, live);
  const missing = queues.filter((q) => !knownCursors.has(q));
  if (missing.length) {
    // Rotation rows exist before anyone locks them (outside the transaction: inserts do not wait on locks).
    await pgPool().query(
      sql`INSERT INTO "QueueCursor" ("queueKey", "updatedAt") SELECT unnest(${missing}::text[]), now() ON CONFLICT DO NOTHING`,
    );
    for (const q of missing) knownCursors.add(q);
  }
  try {
    return mode === "checked"
      ? await routeChecked(jobs, items, answered, live, members, queues)
      : await routeLocked(jobs, items, answered, live, policyKey, members, queues);
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

/** Checked: decided on the process's copy of the state; the commit (its own transaction) locks and compares it. */
async function routeChecked(
  jobs: RouteJob[],
  items: Item[],
  answered: Map<number, ReplayedResult>,
  live: RoutingPolicies,
  members: string[],
  queues: string[],
): Promise<RouteResult[]> {
  const seen = await stateForCheck(members, queues);
  const decided = decide(jobs, items, answered, live, seen.state);
  const check = stateCheck(seen, members, queues, {
    id: live.pointer.id,
    liveVersionId: live.versionId,
    shadowRunId: live.pointer.shadowRunId,
  });
  const commit = await commitOf(jobs, decided, answered, seen.state, check, null);
  // The next group may start from this one's outcome; if this one fails, it fails its check too.
  rememberState(decided.state);
  await commitRouting(commit);
  return results(jobs, decided, seen.names, answered);
}

/** Locked: in one transaction, the policy row read with the state rows locked (one statement), decided on, committed. */
async function routeLocked(
  jobs: RouteJob[],
  items: Item[],
  answered: Map<number, ReplayedResult>,
  live: RoutingPolicies,
  policyKey: string | null,
  members: string[],
  queues: string[],
): Promise<RouteResult[]> {
  const { decided, locked } = await pgTransaction(async (client) => {
    // The policy row and the locked state rows in one round trip.
    const locked: ReadState & { pointer: PolicyPointer | undefined } = await readLocked(client, policyKey, members, queues);
    if (!samePointer(live, locked.pointer)) {
      // Published or shadowed since: the next attempt routes with what is live now.
      lastPolicies.set(policyKey ?? "", await policiesFromPointer(locked.pointer, policyKey));
      throw new RetryRouting("the live version changed while routing");
    }
    const decided = decide(jobs, items, answered, live, locked.state);
    await commitRouting(await commitOf(jobs, decided, answered, locked.state, null, client), client);
    return { decided, locked };
  });
  rememberState(decided.state);
  return results(jobs, decided, locked.names, answered);
}
