import type { AVAILABILITY } from "@/lib/schemas/members";

export type Availability = (typeof AVAILABILITY)[number];

export interface AvailabilityInput {
  active: boolean;
  activeLoad: number;
  capacity: number;
  outOfOfficeFrom: Date | null;
  outOfOfficeUntil: Date | null;
}

/** Whether routing may hand this member new work right now. Time is an argument. */
export function availabilityOf(m: AvailabilityInput, now: Date): Availability {
  if (!m.active) return "inactive";
  const t = now.getTime();
  const oooStarted = m.outOfOfficeFrom !== null && m.outOfOfficeFrom.getTime() <= t;
  const oooNotOver = m.outOfOfficeUntil === null || m.outOfOfficeUntil.getTime() > t;
  if (m.outOfOfficeFrom !== null && oooStarted && oooNotOver) return "out_of_office";
  if (m.activeLoad >= m.capacity) return "at_capacity";
  return "available";
}
