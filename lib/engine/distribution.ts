/**
 * Queue distribution over members who can take work now: round robin, smooth weighted round
 * robin, least loaded. Skips members who are inactive, out of office or at their cap. Pure:
 * returns the chosen member and the queue's next state; the caller applies it.
 */
import { unavailableReason } from "./availability";
import type { Queue } from "./policy-schema";
import type { MemberState, QueueState, UnavailableReason } from "./types";

export interface CompiledQueue {
  key: string;
  distribution: Queue["distribution"];
  members: Array<{ member: string; weight: number; cap: number | undefined }>;
  overflow: string | null;
  slaMinutes: number | null;
}

export interface Pick {
  chosen: string | null;
  queueState: QueueState;
  skipped: Array<{ member: string; reason: UnavailableReason }>;
}

const NO_SKIPS: Pick["skipped"] = [];
const START: QueueState = { cursor: 0 };

function eligible(q: CompiledQueue, i: number, members: Record<string, MemberState>, now: number, skipped: Pick["skipped"] | null): boolean {
  const m = q.members[i]!;
  const reason = unavailableReason(members[m.member], now, m.cap);
  if (reason !== null && skipped !== null) skipped.push({ member: m.member, reason });
  return reason === null;
}

export function pickMember(q: CompiledQueue, members: Record<string, MemberState>, queueState: QueueState | undefined, now: number, collectSkips: boolean): Pick {
  const n = q.members.length;
  const skips: Pick["skipped"] | null = collectSkips ? [] : null;
  const skipped = skips ?? NO_SKIPS;
  const state = queueState ?? START;

  if (q.distribution === "round_robin") {
    const start = ((state.cursor % n) + n) % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (eligible(q, i, members, now, skips)) return { chosen: q.members[i]!.member, queueState: { cursor: (i + 1) % n }, skipped };
    }
    return { chosen: null, queueState: state, skipped };
  }

  if (q.distribution === "least_loaded") {
    let best = -1;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (!eligible(q, i, members, now, skips)) continue;
      const m = q.members[i]!;
      const s = members[m.member]!;
      const limit = m.cap === undefined ? s.capacity : Math.min(m.cap, s.capacity);
      const ratio = limit > 0 ? s.load / limit : Number.POSITIVE_INFINITY;
      if (ratio < bestRatio) {
        best = i;
        bestRatio = ratio;
      }
    }
    return best < 0 ? { chosen: null, queueState: state, skipped } : { chosen: q.members[best]!.member, queueState: state, skipped };
  }

  // Smooth weighted round robin (as in nginx): deterministic, spreads picks by weight.
  const current: Record<string, number> = { ...(state.current ?? {}) };
  let total = 0;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (!eligible(q, i, members, now, skips)) continue;
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
  return { chosen, queueState: { cursor: state.cursor, current }, skipped };
}
