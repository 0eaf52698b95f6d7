import type { MemberUpdate } from "@/lib/schemas/members";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";

const pick = (m: { capacity: number; active: boolean; outOfOfficeFrom: Date | null; outOfOfficeUntil: Date | null }) => ({
  capacity: m.capacity,
  active: m.active,
  outOfOfficeFrom: m.outOfOfficeFrom?.toISOString() ?? null,
  outOfOfficeUntil: m.outOfOfficeUntil?.toISOString() ?? null,
});

/** Capacity, active and out-of-office (weights live in the policy's queues): routing state, changed with an audit record. */
export async function updateMember(user: CurrentUser, input: MemberUpdate) {
  assertCan(user, "members:manage", "change members");
  return db().$transaction(async (tx) => {
    const before = await tx.member.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("NOT_FOUND", "That member no longer exists.");
    const after = await tx.member.update({
      where: { id: input.id },
      data: {
        capacity: input.capacity,
        active: input.active,
        outOfOfficeFrom: input.outOfOfficeFrom ? new Date(input.outOfOfficeFrom) : null,
        outOfOfficeUntil: input.outOfOfficeUntil ? new Date(input.outOfOfficeUntil) : null,
      },
    });
    const changes = Object.entries(pick(after))
      .filter(([k, v]) => pick(before)[k as keyof ReturnType<typeof pick>] !== v)
      .map(([k]) => k);
    await recordAudit(tx, user, {
      action: "member.updated",
      entityType: "member",
      entityId: after.id,
      summary: changes.length ? `Changed ${after.name}: ${changes.join(", ")}` : `Saved ${after.name} (no change)`,
      before: pick(before),
      after: pick(after),
    });
    return after;
  });
}
