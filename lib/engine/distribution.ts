/**
 * Queue distribution over members who can take work now: round robin, smooth weighted round
 * robin, least loaded. Skips members who are inactive, out of office or at their cap, and
 * members with weight 0 (in the pool, receive none — under every distribution). Pure: returns
 * the chosen member and the queue's next state; the caller applies it.
 */
import { unavailableReason } from "./availability";
import type { Queue } from "./policy-schema";
import type { MemberState, QueueState, SkipReason } from "./types";

export interface CompiledQueue {
  key: string;
  distribution: Queue["distribution"];
  /** What a member's cap counts: all their open work, or only this queue's (kept in the queue's state). */
  capCounts: "total" | "queue";
  members: Array<{ member: string; weight: number; cap: number | undefined }>;
  overflow: string | null;
  slaMinutes: number | null;
}

export interface Pick {
  chosen: string | null;
  queueState: QueueState;
  skipped: Array<{ member: string; reason: SkipReason }>;
}

const NO_SKIPS: Pick["skipped"] = [];
const START: QueueState = { cursor: 0 };

/** Why member i cannot take this queue's work now (null: they can). */
function skipReason(q: CompiledQueue, i: number, members: Record<string, MemberState>, now: number, state: QueueState): SkipReason | null {
  const m = q.members[i]!;
  if (m.weight === 0) return "zero_weight";
  if (q.capCounts === "total") return unavailableReason(members[m.member], now, m.cap);
  const reason = unavailableReason(members[m.member], now);
  return reason === null && m.cap !== undefined && (state.loads?.[m.member] ?? 0) >= m.cap ? "at_capacity" : reason;
}

function eligible(
  q: CompiledQueue,
  i: number,
  members: Record<string, MemberState>,
  now: number,
  state: QueueState,
  skipped: Pick["skipped"] | null,
): boolean {
  const reason = skipReason(q, i, members, now, state);
  if (reason !== null && skipped !== null) skipped.push({ member: q.members[i]!.member, reason });
  return reason === null;
}

/** How full member i is, 0–1 (least loaded picks the lowest): against their cap in this queue, or all their work against their limit. */
function fullness(q: CompiledQueue, i: number, members: Record<string, MemberState>, state: QueueState): number {
  const m = q.members[i]!;
  const s = members[m.member]!;
  if (q.capCounts === "queue" && m.cap !== undefined) return m.cap > 0 ? (state.loads?.[m.member] ?? 0) / m.cap : Number.POSITIVE_INFINITY;
  const limit = m.cap === undefined || q.capCounts === "queue" ? s.capacity : Math.min(m.cap, s.capacity);
  return limit > 0 ? s.load / limit : Number.POSITIVE_INFINITY;
}

/** The queue's next state after `chosen` got the record: its own loads move too when caps count this queue. */
function after(q: CompiledQueue, next: QueueState, chosen: string): QueueState {
  if (q.capCounts === "total") return next;
  const loads = { ...(next.loads ?? {}) };
  loads[chosen] = (loads[chosen] ?? 0) + 1;
  return { ...next, loads };
}

export function pickMember(
  q: CompiledQueue,
  members: Record<string, MemberState>,
  queueState: QueueState | undefined,
  now: number,
  collectSkips: boolean,
): Pick {
  const n = q.members.length;
  const skips: Pick["skipped"] | null = collectSkips ? [] : null;
  const skipped = skips ?? NO_SKIPS;
  const state = queueState ?? START;
  const carry = (next: QueueState): QueueState => (state.loads && next !== state ? { ...next, loads: state.loads } : next);

  if (q.distribution === "round_robin") {
    const start = ((state.cursor % n) + n) % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (eligible(q, i, members, now, state, skips))
        return { chosen: q.members[i]!.member, queueState: after(q, carry({ cursor: (i + 1) % n }), q.members[i]!.member), skipped };
    }
    return { chosen: null, queueState: state, skipped };
  }

  if (q.distribution === "least_loaded") {
    let best = -1;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (!eligible(q, i, members, now, state, skips)) continue;
      const ratio = fullness(q, i, members, state);
      if (ratio < bestRatio) {
        best = i;
        bestRatio = ratio;
      }
    }
    return best < 0
      ? { chosen: null, queueState: state, skipped }
      : { chosen: q.members[best]!.member, queueState: after(q, state, q.members[best]!.member), skipped };
  }

  // Smooth weighted round robin (as in nginx): deterministic, spreads picks by weight.
  const current: Record<string, number> = { ...(state.current ?? {}) };
  let total = 0;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (!eligible(q, i, members, now, state, skips)) continue;
    const m = q.members[i]!;
    const value = (current[m.member] ?? 0) + m.weight;
    current[m.member] = value;
    total += m.weight;
    if (value > bestValue) {
      best = i;
      bestValue = value;
    }
  }
  if (best < 0) return { chosen: null, queueState: state, skipped };
  const chosen = q.members[best]!.member;
  current[chosen] = (current[chosen] ?? 0) - total;
  return { chosen, queueState: after(q, carry({ cursor: state.cursor, current }), chosen), skipped };
}
