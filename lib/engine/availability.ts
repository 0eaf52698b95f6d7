import type { MemberState, UnavailableReason } from "./types";

/** Why a member cannot take new work at `now` (ms), or null when they can. */
export function unavailableReason(m: MemberState | undefined, now: number, cap?: number): UnavailableReason | null {
  if (!m) return "unknown_member";
  if (!m.active) return "inactive";
  if (m.outOfOfficeFrom) {
    const from = Date.parse(m.outOfOfficeFrom);
    const until = m.outOfOfficeUntil ? Date.parse(m.outOfOfficeUntil) : Number.POSITIVE_INFINITY;
    if (from <= now && now < until) return "out_of_office";
  }
  const limit = cap === undefined ? m.capacity : Math.min(cap, m.capacity);
  if (m.load >= limit) return "at_capacity";
  return null;
}
