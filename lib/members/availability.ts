import { unavailableReason } from "@/lib/engine/availability";
import type { AVAILABILITY } from "@/lib/schemas/members";

export type Availability = (typeof AVAILABILITY)[number];

export interface AvailabilityInput {
  active: boolean;
  activeLoad: number;
  capacity: number;
  outOfOfficeFrom: Date | null;
  outOfOfficeUntil: Date | null;
}

/** Whether routing may hand this member new work right now — the engine's rule, for a DB row. */
export function availabilityOf(m: AvailabilityInput, now: Date): Availability {
  const reason = unavailableReason(
    {
      active: m.active,
      load: m.activeLoad,
      capacity: m.capacity,
      outOfOfficeFrom: m.outOfOfficeFrom?.toISOString() ?? null,
      outOfOfficeUntil: m.outOfOfficeUntil?.toISOString() ?? null,
    },
    now.getTime(),
  );
  return reason === null || reason === "unknown_member" ? "available" : reason;
}
