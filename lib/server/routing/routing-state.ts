/**
 * Distribution state (member loads, queue rotations) as the routing transaction reads, checks and
 * writes it. Two ways to read it:
 *
 * - **Checked** (the usual way): from this process's copy of the rows — what it last read or wrote.
 *   The commit (routing-commit.ts) then writes the decisions, locks the state rows FOR UPDATE and
 *   compares them with the copy (`stateCheck`; any difference raises SQLSTATE 40001 and everything
 *   rolls back), then writes the new state — one statement, its own transaction. Locks are held
 *   only for the check, the update and the commit.
 * - **Locked** (after failed checks): the rows locked FOR UPDATE first (`readLocked`) inside a
 *   transaction, then decided on and committed the same way; slower, and always makes progress.
 *
 * Either way a decision is only stored with the state it was made on.
 */
import type { MemberState, QueueState, RoutingState } from "@/lib/engine/types";
import { pgPool, sql, type PgClient } from "@/lib/server/pg";
import { processState } from "@/lib/server/process-state";
import type { PolicyPointer } from "./live-policy";

/** A Member row as routing reads it (state plus the name explanations use). */
export interface MemberRow extends MemberState {
  name: string;
}

/** The process's copy of the state rows it last read or wrote (null: read, and no such member). */
const cache = processState("routing-state", () => ({ members: new Map(), queues: new Map() }));

/** Rows read from the database, as the engine's state (plus names), cached. */
export interface ReadState {
  state: RoutingState;
  names: Map<string, string>;
}

/** One row of the state read (members and cursors in one result). */
interface StateRowsRead {
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
  loads: Record<string, number> | null;
}

/** The state rows (members, then cursors, each in key order; locked when asked) as one result. */
function selectRows(members: string[], queues: string[], lock: boolean) {
  const forUpdate = lock ? sql`FOR UPDATE` : sql``;
  return sql`WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY(${members}::text[]) ORDER BY email ${forUpdate}),
        q AS (SELECT "queueKey", cursor, current, loads FROM "QueueCursor" WHERE "queueKey" = ANY(${queues}::text[]) ORDER BY "queueKey" ${forUpdate})
   SELECT 'm' AS t, email AS key, name, active, "activeLoad" AS load, capacity, "outOfOfficeFrom" AS "oooFrom", "outOfOfficeUntil" AS "oooUntil", NULL::int AS cursor, NULL::jsonb AS current, NULL::jsonb AS loads FROM m
   UNION ALL
   SELECT 'q', "queueKey", NULL, NULL, NULL, NULL, NULL, NULL, cursor, current, loads FROM q`;
}

/**
 * Inside a transaction, in one statement: the policy row's pointer (`policyKey`, default the
 * first policy), then member rows and QueueCursor rows locked FOR UPDATE (each in key order), as
 * the engine's state.
 */
export async function readLocked(
  client: PgClient,
  policyKey: string | null,
  members: string[],
  queues: string[],
): Promise<ReadState & { pointer: PolicyPointer | undefined }> {
  const { rows } = await client.query<StateRowsRead & { live: string | null; shadow: string | null }>(sql`
    WITH p AS (SELECT id, key, "liveVersionId", "shadowRunId" FROM "Policy" WHERE ${policyKey}::text IS NULL OR key = ${policyKey}::text ORDER BY "createdAt" LIMIT 1),
         m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY(${members}::text[]) ORDER BY email FOR UPDATE),
         q AS (SELECT "queueKey", cursor, current, loads FROM "QueueCursor" WHERE "queueKey" = ANY(${queues}::text[]) ORDER BY "queueKey" FOR UPDATE)
    SELECT 'p' AS t, id AS key, key AS name, NULL::boolean AS active, NULL::int AS load, NULL::int AS capacity, NULL::timestamp(3) AS "oooFrom", NULL::timestamp(3) AS "oooUntil", NULL::int AS cursor, NULL::jsonb AS current, NULL::jsonb AS loads, "liveVersionId" AS live, "shadowRunId" AS shadow FROM p
    UNION ALL
    SELECT 'm', email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil", NULL, NULL, NULL, NULL, NULL FROM m
    UNION ALL
    SELECT 'q', "queueKey", NULL, NULL, NULL, NULL, NULL, NULL, cursor, current, loads, NULL, NULL FROM q`);
  const policy = rows.find((r) => (r.t as string) === "p");
  const read = stateFromRows(
    rows.filter((r) => (r.t as string) !== "p"),
    members,
    queues,
  );
  return {
    ...read,
    pointer: policy ? { id: policy.key, key: policy.name!, liveVersionId: policy.live, shadowRunId: policy.shadow } : undefined,
  };
}

/**
 * Rows as read (locked or not) for these keys → the engine's state, remembered in the process's
 * copy. Members without a row are absent from the state; a queue without its cursor row is a
 * retryable error (the row is created before routing; someone removed it).
 */
function stateFromRows(rows: StateRowsRead[], members: string[], queues: string[]): ReadState {
  const state: RoutingState = { members: {}, queues: {} };
  const names = new Map<string, string>();
  for (const k of members) cache.members.set(k, null);
  for (const r of rows) {
    if (r.t === "m") {
      const m: MemberRow = {
        name: r.name ?? r.key,
        active: r.active ?? false,
        load: r.load ?? 0,
        capacity: r.capacity ?? 0,
        outOfOfficeFrom: r.oooFrom?.toISOString() ?? null,
        outOfOfficeUntil: r.oooUntil?.toISOString() ?? null,
      };
      cache.members.set(r.key, m);
      names.set(r.key, m.name);
      state.members[r.key] = memberState(m);
    } else {
      const q: QueueState = { cursor: r.cursor ?? 0 };
      if (r.current) q.current = r.current;
      if (r.loads) q.loads = r.loads;
      cache.queues.set(r.key, q);
      state.queues[r.key] = q;
    }
  }
  const gone = queues.filter((q) => !state.queues[q]);
  if (gone.length) throw new MissingCursorRows(gone);
  return { state, names };
}

/** A routing transaction that should simply run again (with locks, or with what is live now). */
export class RetryRouting extends Error {}

/** Queue cursor rows that should exist and do not (retried: they are created again). */
export class MissingCursorRows extends RetryRouting {
  constructor(readonly queues: string[]) {
    super(`queue cursor rows missing for ${queues.join(", ")}`);
  }
}

const memberState = (m: MemberRow): MemberState => ({
  active: m.active,
  load: m.load,
  capacity: m.capacity,
  outOfOfficeFrom: m.outOfOfficeFrom,
  outOfOfficeUntil: m.outOfOfficeUntil,
});

/**
 * The state of these keys for a checked transaction: from the process's copy, rows it lacks read
 * first (without locks). A group failing meanwhile may forget rows while this one reads: those
 * are read again, so every key is in the copy when the state is taken from it.
 */
export async function stateForCheck(members: string[], queues: string[]): Promise<ReadState> {
  for (let round = 1; ; round++) {
    const unread = { members: members.filter((k) => !cache.members.has(k)), queues: queues.filter((k) => !cache.queues.has(k)) };
    if (!unread.members.length && !unread.queues.length) break;
    if (round > 3) throw new RetryRouting("the state copy kept being forgotten while it was read");
    const { rows } = await pgPool().query<StateRowsRead>(selectRows(unread.members, unread.queues, false));
    stateFromRows(rows, unread.members, unread.queues);
  }
  const state: RoutingState = { members: {}, queues: {} };
  const names = new Map<string, string>();
  for (const k of members) {
    const m = cache.members.get(k);
    if (!m) continue; // read, and no such member
    state.members[k] = memberState(m);
    names.set(k, m.name);
  }
  for (const k of queues) state.queues[k] = cache.queues.get(k)!;
  return { state, names };
}

/** After a commit: the copy holds the state this process wrote. */
export function rememberState(after: RoutingState): void {
  for (const [k, m] of Object.entries(after.members)) {
    const row = cache.members.get(k);
    if (row) cache.members.set(k, { ...row, ...m });
  }
  for (const [k, q] of Object.entries(after.queues)) cache.queues.set(k, q);
}

/** After a failed check (or any failure): these rows are read again next time. */
export function forgetState(members: string[], queues: string[]): void {
  for (const k of members) cache.members.delete(k);
  for (const k of queues) cache.queues.delete(k);
}

/** The state rows as decided on, for the commit to lock and compare (names included: explanations used them). */
export interface StateCheck {
  policyId: string;
  liveVersionId: string;
  shadowRunId: string | null;
  /** Every member key the decisions could touch (those without a row must still have none). */
  members: string[];
  seenMembers: Array<{
    email: string;
    name: string;
    active: boolean;
    activeLoad: number;
    capacity: number;
    outOfOfficeFrom: string | null;
    outOfOfficeUntil: string | null;
  }>;
  queues: QueueRow[];
}

/** A QueueCursor row as the commit reads and writes it. */
interface QueueRow {
  queueKey: string;
  cursor: number;
  current: Record<string, number> | null;
  loads: Record<string, number> | null;
}

const queueRow = (queueKey: string, q: QueueState): QueueRow => ({
  queueKey,
  cursor: q.cursor,
  current: q.current ?? null,
  loads: q.loads ?? null,
});

/**
 * What the commit compares (members, then queues, in key order, locked): each row exactly as the
 * decisions were made on it, and the policy still with the live (and shadow) versions they used.
 */
export function stateCheck(
  seen: ReadState,
  members: string[],
  queues: string[],
  policy: { id: string; liveVersionId: string; shadowRunId: string | null },
): StateCheck {
  return {
    policyId: policy.id,
    liveVersionId: policy.liveVersionId,
    shadowRunId: policy.shadowRunId,
    members,
    seenMembers: members
      .filter((k) => seen.state.members[k])
      .map((k) => {
        const m = seen.state.members[k]!;
        return {
          email: k,
          name: seen.names.get(k) ?? k,
          active: m.active,
          activeLoad: m.load,
          capacity: m.capacity,
          outOfOfficeFrom: m.outOfOfficeFrom ?? null,
          outOfOfficeUntil: m.outOfOfficeUntil ?? null,
        };
      }),
    queues: queues.map((k) => queueRow(k, seen.state.queues[k]!)),
  };
}

/** The new member loads and queue rotations (only what moved). */
export interface StateWrites {
  members: Array<{ email: string; activeLoad: number }>;
  queues: QueueRow[];
}

export function stateWrites(before: RoutingState, after: RoutingState): StateWrites {
  const members: StateWrites["members"] = [];
  for (const [email, m] of Object.entries(after.members)) {
    if (before.members[email] && before.members[email]!.load !== m.load) members.push({ email, activeLoad: m.load });
  }
  const queues: QueueRow[] = [];
  for (const [key, q] of Object.entries(after.queues)) if (before.queues[key] !== q) queues.push(queueRow(key, q));
  return { members, queues };
}
