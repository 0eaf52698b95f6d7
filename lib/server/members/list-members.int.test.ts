import { describe, expect, inject, it } from "vitest";
import { availabilityOf } from "@/lib/members/availability";
import { memberListQuery } from "@/lib/schemas/members";
import { db } from "@/lib/server/db";
import { listMembers, listTeams } from "./list-members";
import { listLiveQueues, liveQueuesByMember } from "./live-queues";

const q = (raw: Record<string, string>) => memberListQuery.parse(raw);

describe("listMembers (real Postgres)", () => {
  it("splits members into availability groups that add up and agree with availabilityOf", async () => {
    const now = new Date(inject("seedNow"));
    const total = await db().member.count();
    let sum = 0;
    for (const availability of ["available", "at_capacity", "out_of_office", "inactive"] as const) {
      const page = await listMembers(q({ availability, pageSize: "100" }), now);
      sum += page.total;
      for (const m of page.rows) expect(m.availability).toBe(availability);
    }
    expect(sum).toBe(total);
    const all = await db().member.findMany();
    const expected = all.filter((m) => availabilityOf(m, now) === "at_capacity").length;
    expect((await listMembers(q({ availability: "at_capacity" }), now)).total).toBe(expected);
  });

  it("filters by team and sorts by load", async () => {
    const page = await listMembers(q({ team: "sdr", sort: "load", dir: "desc" }));
    expect(page.total).toBe(6);
    for (const m of page.rows) expect(m.team.key).toBe("sdr");
    const loads = page.rows.map((m) => m.activeLoad);
    expect(loads).toEqual([...loads].sort((a, b) => b - a));
  });

  it("lists teams with member counts", async () => {
    const teams = await listTeams();
    expect(teams.reduce((s, t) => s + t.memberCount, 0)).toBe(40);
  });
});

describe("listLiveQueues: the live version's queues", () => {
  it("shows the live document's members, weights, caps, overflow and who is available", async () => {
    const queues = await listLiveQueues(new Date(inject("seedNow")));
    const sdr = queues.find((q) => q.key === "sdr-inbound");
    expect(sdr?.members.length).toBe(6);
    expect(sdr?.members.every((m) => m.cap === 30 && m.id !== null)).toBe(true);
    expect(sdr?.overflow?.key).toBe("routing-review");
    expect(sdr?.policy.versionNumber).toBeGreaterThanOrEqual(1);
    expect(sdr?.availableCount).toBe(sdr?.members.filter((m) => m.available).length);
    const mm = queues.find((q) => q.key === "mid-market-new-logo");
    expect(mm?.members.find((m) => m.key === "sofia.moreno@lumendata.example")?.weight).toBe(2);
    expect(queues.find((q) => q.kind === "exceptions")?.members).toEqual([]);
    expect(queues.find((q) => q.key === "routing-review")?.kind).toBe("review");
    expect((await liveQueuesByMember()).get("sofia.moreno@lumendata.example")).toEqual([{ queue: "mid-market-new-logo", weight: 2 }]);
  });
});
