/**
 * Distribution state (member loads, queue rotations) as the routing transaction reads, checks and
 * writes it. Two ways to read it:
 *
 * - **Checked** (the usual way): from this process's copy of the rows — what it last read or wrote.
 *   The transaction then goes as one message: decisions written first, then the state rows locked
 *   FOR UPDATE and compared with the copy (`checkSql`; any difference raises SQLSTATE 40001 and
 *   everything rolls back), then the new state, then COMMIT. Locks are held only for the check,
 *   the update and the commit, not while decisions are written.
 * - **Locked** (after a failed check, and for rows never seen): the rows locked FOR UPDATE first
 *   (`lockSql`), then decided on; slower, and always makes progress.
 *
 * Either way a decision is only stored with the state it was made on.
 */
import type { MemberState, QueueState, RoutingState } from "@/lib/engine/types";
import { pgPool, sqlArray, sqlLiteral, textArray, type WriteFragment } from "@/lib/server/pg";
import { processState } from "@/lib/server/process-state";

/** A Member row as routing reads it (state plus the name explanations use). */
interface MemberRow extends MemberState {
  name: string;
}

/** The process's copy of the state rows it last read or wrote (null: read, and no such member). */
const cache = processState("routing-state", () => ({
  members: new Map<string, MemberRow | null>(),
  queues: new Map<string, QueueState>(),
}));

/** Rows read from the database, as the engine's state (plus names), cached. */
export interface ReadState {
  state: RoutingState;
  names: Map<string, string>;
}

/** One row of `lockSql`'s answer (members and cursors in one result). */
export interface StateRowsRead {
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

/** The state rows (members, then cursors, each in key order, optionally locked) as one result. */
const selectRows = (members: string[], queues: string[], lock: "FOR UPDATE" | "") =>
  `WITH m AS (SELECT email, name, active, "activeLoad", capacity, "outOfOfficeFrom", "outOfOfficeUntil" FROM "Member" WHERE email = ANY(${textArray(members)}) ORDER BY email ${lock}),
        q AS (SELECT "queueKey", cursor, current, loads FROM "QueueCursor" WHERE "queueKey" = ANY(${textArray(queues)}) ORDER BY "queueKey" ${lock})
   SELECT 'm' AS t, email AS key, name, active, "activeLoad" AS load, capacity, "outOfOfficeFrom" AS "oooFrom", "outOfOfficeUntil" AS "oooUntil", NULL::int AS cursor, NULL::jsonb AS current, NULL::jsonb AS loads FROM m
   UNION ALL
   SELECT 'q', "queueKey", NULL, NULL, NULL, NULL, NULL, NULL, cursor, current, loads FROM q`;

/** Member rows then QueueCursor rows locked FOR UPDATE, each in key order, in one statement (the arms run in order). */
export function lockSql(members: string[], queues: string[]): string {
  return selectRows(members, queues, "FOR UPDATE");
}

/**
 * Rows as read (locked or not) for these keys → the engine's state, remembered in the process's
 * copy. Members without a row are absent from the state; a queue without its cursor row is a
 * retryable error (the row is created before routing; someone removed it).
 */
export function stateFromRows(rows: StateRowsRead[], members: string[], queues: string[]): ReadState {
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

/** The state of these keys for a checked transaction: from the process's copy, rows it lacks read first (without locks). */
export async function stateForCheck(members: string[], queues: string[]): Promise<ReadState> {
  const unread = { members: members.filter((k) => !cache.members.has(k)), queues: queues.filter((k) => !cache.queues.has(k)) };
  if (unread.members.length || unread.queues.length) {
    const { rows } = await pgPool().query<StateRowsRead>(selectRows(unread.members, unread.queues, ""));
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

/**
 * The check of a one-message transaction (`switchyard_check_state`, a PL/pgSQL function so its
 * plan is kept per connection): locks the state rows (members, then queues, in key order) and
 * raises 40001 unless each is exactly what the decisions were made on, and the policy still has
 * the live (and shadow) versions they were made with.
 */
export function checkSql(
  seen: ReadState,
  members: string[],
  queues: string[],
  policy: { id: string; liveVersionId: string; shadowRunId: string | null },
): string {
  const present = members.filter((k) => seen.state.members[k]);
  const m = present.map((k) => seen.state.members[k]!);
  const q = queues.map((k) => seen.state.queues[k]!);
  return `SELECT switchyard_check_state(${[
    sqlLiteral(policy.id),
    sqlLiteral(policy.liveVersionId),
    sqlLiteral(policy.shadowRunId),
    textArray(members),
    textArray(present),
    textArray(present.map((k) => seen.names.get(k) ?? k)),
    sqlArray(
      m.map((x) => x.active),
      "boolean",
    ),
    sqlArray(
      m.map((x) => x.load),
      "int",
    ),
    sqlArray(
      m.map((x) => x.capacity),
      "int",
    ),
    sqlArray(
      m.map((x) => x.outOfOfficeFrom),
      "text",
    ),
    sqlArray(
      m.map((x) => x.outOfOfficeUntil),
      "text",
    ),
    textArray(queues),
    sqlArray(
      q.map((x) => x.cursor),
      "int",
    ),
    sqlArray(
      q.map((x) => (x.current ? JSON.stringify(x.current) : null)),
      "jsonb",
    ),
    sqlArray(
      q.map((x) => (x.loads ? JSON.stringify(x.loads) : null)),
      "jsonb",
    ),
  ].join(", ")})`;
}

/** The new member loads and queue rotations (`switchyard_write_state`), or null when nothing moved. */
export function stateWrites(before: RoutingState, after: RoutingState): WriteFragment | null {
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
  const queueLoads: string[] = [];
  for (const [key, q] of Object.entries(after.queues)) {
    if (before.queues[key] === q) continue;
    queueKeys.push(key);
    cursors.push(q.cursor);
    currents.push(JSON.stringify(q.current ?? null));
    queueLoads.push(JSON.stringify(q.loads ?? null));
  }
  if (!memberKeys.length && !queueKeys.length) return null;
  return `SELECT switchyard_write_state(${textArray(memberKeys)}, ${sqlArray(loads, "int")}, ${textArray(queueKeys)}, ${sqlArray(cursors, "int")}, ${sqlArray(currents, "jsonb")}, ${sqlArray(queueLoads, "jsonb")})`;
}
