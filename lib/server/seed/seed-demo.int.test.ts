import { describe, expect, inject, it } from "vitest";
import { listLiveQueues } from "@/lib/server/members/live-queues";
import { db } from "@/lib/server/db";
import { DEMO_USERS } from "./demo-org";
import { isSeeded } from "./seed-demo";

describe("demo seed (real Postgres)", () => {
  it("marks the database as seeded", async () => {
    expect(await isSeeded()).toBe(true);
  });

  it("has ~40 members in the teams a B2B company runs", async () => {
    const teams = await db().team.findMany({ include: { _count: { select: { members: true } } } });
    expect(teams.map((t) => t.key).sort()).toEqual([
      "cs",
      "ent-apac",
      "ent-emea",
      "ent-na",
      "mid-market",
      "partners",
      "sdr",
      "smb",
      "specialists",
    ]);
    const members = await db().member.count();
    expect(members).toBe(40);
    expect(await db().member.count({ where: { active: false } })).toBeGreaterThan(0);
    const now = new Date(inject("seedNow"));
    expect(await db().member.count({ where: { outOfOfficeFrom: { lte: now }, outOfOfficeUntil: { gt: now } } })).toBeGreaterThan(0);
  });

  it("its live policy has 8+ queues including a review queue and an exceptions queue, with overflow; members are real members", async () => {
    const queues = await listLiveQueues();
    expect(queues.length).toBeGreaterThanOrEqual(8);
    expect(queues.some((q) => q.kind === "review")).toBe(true);
    expect(queues.some((q) => q.kind === "exceptions")).toBe(true);
    expect(new Set(queues.map((q) => q.distribution))).toEqual(new Set(["round_robin", "weighted_round_robin", "least_loaded"]));
    for (const q of queues.filter((x) => x.kind === "routing")) {
      expect(q.members.length).toBeGreaterThan(0);
      expect(q.members.filter((m) => m.id === null)).toEqual([]);
      expect(q.overflow).not.toBeNull();
    }
  });

  it("has 2,000+ accounts with hierarchy, unlinked workspaces, duplicates and gaps", async () => {
    const a = db().account;
    expect(await a.count()).toBeGreaterThanOrEqual(2000);
    expect(await a.count({ where: { parentId: { not: null }, isProductWorkspace: false } })).toBeGreaterThan(100);
    expect(await a.count({ where: { isProductWorkspace: true, parentId: null } })).toBeGreaterThan(20);
    expect(await a.count({ where: { isProductWorkspace: true, parentId: { not: null } } })).toBeGreaterThan(20);
    expect(await a.count({ where: { segment: null, isProductWorkspace: false } })).toBeGreaterThanOrEqual(50);
    expect(await a.count({ where: { partnerOwnerId: { not: null } } })).toBeGreaterThan(50);
    expect(await a.count({ where: { isNamedAccount: true } })).toBeGreaterThan(20);
    expect(await a.count({ where: { hasOpenOpportunity: true, inRenewal: true } })).toBeGreaterThan(0);
    expect(await a.count({ where: { inProcurement: true } })).toBeGreaterThan(0);
    expect(await a.count({ where: { sensitiveEscalation: true } })).toBeGreaterThan(0);
    const dupes = await db().$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM (SELECT domain FROM "Account" WHERE domain IS NOT NULL AND "isProductWorkspace" = false GROUP BY domain HAVING count(*) > 1) d`;
    expect(Number(dupes[0]?.n)).toBeGreaterThanOrEqual(30);
  });

  it("has one demo user per role, and the FIELD user is a member", async () => {
    const users = await db().user.findMany({ include: { member: true } });
    expect(users.map((u) => u.role).sort()).toEqual(["ADMIN", "APPROVER", "FIELD", "REVOPS"]);
    const field = users.find((u) => u.role === "FIELD");
    expect(field?.member?.name).toBe(DEMO_USERS.find((u) => u.role === "FIELD")?.memberName);
  });
});
