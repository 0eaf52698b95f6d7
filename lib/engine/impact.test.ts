import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { impactDiff } from "./impact";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";

describe("impactDiff", () => {
  const before = compilePolicy(fixturePolicy());
  const changed = fixturePolicy();
  changed.rules!.find((r) => r.key === "ent-na")!.action = { type: "queue", queue: "wrr" };
  changed.suppressions!.push({
    key: "no-smb",
    name: "No SMB",
    reason: "SMB goes self-serve",
    appliesTo: ["lead"],
    when: { field: "segment", op: "eq", value: "smb" },
  });
  const after = compilePolicy(changed);
  const items = [
    ...Array.from({ length: 6 }, (_, i) => ({
      record: { id: `e${i}`, type: "lead" as const, fields: { segment: "enterprise", region: "NA" } },
      context: null,
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      record: { id: `s${i}`, type: "lead" as const, fields: { segment: "smb", region: "EMEA" } },
      context: null,
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      record: { id: `m${i}`, type: "lead" as const, fields: { segment: "mid_market", region: "EMEA" } },
      context: null,
    })),
    { record: { id: "bad", type: "lead" as const, fields: {} }, context: null },
  ];

  it("counts changed records, gains and losses per queue, new suppressions", () => {
    const report = impactDiff(before, after, items, fixtureState(), NOW);
    expect(report.total).toBe(14);
    expect(report.changed).toBe(9);
    expect(report.byQueue.ent).toEqual({ gained: 0, lost: 6 });
    expect(report.byQueue.wrr).toEqual({ gained: 6, lost: 0 });
    expect(report.newlySuppressed).toBe(3);
    expect(report.byTransition).toEqual([
      { before: "assigned:queue:ent", after: "assigned:queue:wrr", count: 6 },
      { before: "queued:review", after: "suppressed:no-smb", count: 3 },
    ]);
    expect(report.samples.map((s) => s.recordId)).toContain("e0");
  });

  it("reports no change for the same policy", () => {
    const report = impactDiff(before, compilePolicy(fixturePolicy()), items, fixtureState(), NOW);
    expect(report.changed).toBe(0);
  });
});

describe("direct moves and their knock-on", () => {
  // SMB leads move from the review queue to the Enterprise round robin, whose members have room for one each.
  const before = compilePolicy(fixturePolicy());
  const changed = fixturePolicy();
  changed.rules!.find((r) => r.key === "smb")!.action = { type: "queue", queue: "ent" };
  const after = compilePolicy(changed);
  const state = fixtureState();
  for (const m of ["ann", "bob", "cat"]) state.members[m] = { ...state.members[m]!, load: 9, capacity: 10 };
  const lead = (id: string, segment: string) => ({
    record: { id, type: "lead" as const, fields: { segment, region: "NA" } },
    context: null,
  });
  const items = [
    lead("smb-1", "smb"),
    lead("ent-1", "enterprise"),
    lead("ent-2", "enterprise"),
    lead("ent-3", "enterprise"),
    lead("mm-1", "mid_market"),
  ];

  it("separates the records the change moves from those it crowds out, one denominator for all", () => {
    const report = impactDiff(before, after, items, state, NOW);
    expect(report).toMatchObject({ total: 5, changed: 2, direct: 1, knockOn: 1, otherMoves: 0 });
    expect(report.direct + report.knockOn).toBe(report.changed);
    expect(report.moves).toEqual([
      {
        kind: "direct",
        reason: "rule",
        before: { kind: "queued", member: null, queue: "review", rule: "smb", suppression: null, reasonCode: null },
        after: { kind: "assigned", member: null, queue: "ent", rule: "smb", suppression: null, reasonCode: null },
        count: 1,
        samples: ["smb-1"],
      },
      {
        // Still decided by "Enterprise NA", but the room it had went to the SMB lead: it overflows to review.
        kind: "knock_on",
        reason: "capacity",
        before: { kind: "assigned", member: null, queue: "ent", rule: "ent-na", suppression: null, reasonCode: null },
        after: { kind: "queued", member: null, queue: "review", rule: "ent-na", suppression: null, reasonCode: null },
        count: 1,
        samples: ["ent-3"],
      },
    ]);
  });
});
