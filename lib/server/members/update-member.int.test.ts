import { describe, expect, it } from "vitest";
import { memberUpdateInput } from "@/lib/schemas/members";
import { db } from "@/lib/server/db";
import { as, rejects } from "@/lib/server/policies/workflow.test-helpers";
import { updateMember } from "./update-member";

describe("updateMember (real Postgres)", () => {
  it("changes capacity and out of office, and audits before/after", async () => {
    const m = await db().member.findFirstOrThrow({ where: { email: "ethan.clarke@lumendata.example" } });
    const input = memberUpdateInput.parse({
      id: m.id,
      capacity: "40",
      active: true,
      outOfOfficeFrom: "2026-12-22",
      outOfOfficeUntil: "2027-01-04",
    });
    await updateMember(await as.revops(), input);
    const after = await db().member.findUniqueOrThrow({ where: { id: m.id } });
    expect(after).toMatchObject({ capacity: 40 });
    expect(after.outOfOfficeFrom?.toISOString()).toBe("2026-12-22T00:00:00.000Z");
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: m.id, action: "member.updated" } });
    expect(event.summary).toMatch(/capacity/);
    expect(event.before).toMatchObject({ capacity: m.capacity });
    expect(event.after).toMatchObject({ capacity: 40 });
  });

  it("names the wrong field, and a FIELD user cannot change members", async () => {
    const bad = memberUpdateInput.safeParse({
      id: "x",
      capacity: "-3",
      active: true,
      outOfOfficeFrom: "2026-12-22",
      outOfOfficeUntil: "2026-12-01",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["capacity", "outOfOfficeUntil"]));
    const m = await db().member.findFirstOrThrow();
    await rejects(updateMember(await as.field(), memberUpdateInput.parse({ id: m.id, capacity: 1, active: true })), "FORBIDDEN");
  });
});
