import { describe, expect, it } from "vitest";
import { diffPolicies } from "./policy-diff";
import { policySchema } from "./policy-schema";
import { fixturePolicy } from "./test-fixtures";

const parse = (x: unknown) => policySchema.parse(x);

describe("diffPolicies", () => {
  const before = parse(fixturePolicy());

  it("finds nothing between a policy and itself", () => {
    expect(diffPolicies(before, before)).toMatchObject({ unchanged: true, summary: [] });
  });

  it("reports rules added, removed, moved and changed down to the condition, in plain words", () => {
    const next = fixturePolicy();
    const rules = next.rules!;
    const entNa = rules.find((r) => r.key === "ent-na")!;
    entNa.action = { type: "queue", queue: "wrr" };
    entNa.when = {
      all: [
        { field: "segment", op: "eq", value: "enterprise" },
        { field: "region", op: "in", value: ["NA", "EMEA"] },
      ],
    };
    rules.splice(
      rules.findIndex((r) => r.key === "smb"),
      1,
    );
    rules.unshift({
      key: "new-one",
      name: "New one",
      intent: "capacity",
      appliesTo: ["lead"],
      when: { field: "employees", op: "lt", value: 10 },
      action: { type: "queue", queue: "review" },
      sla: "1h",
    });
    const vip = rules.splice(1, 1)[0]!;
    rules.push(vip);
    const d = diffPolicies(before, parse(next));
    expect(d.rules.added.map((r) => r.key)).toEqual(["new-one"]);
    expect(d.rules.removed.map((r) => r.key)).toEqual(["smb"]);
    expect(d.rules.moved.find((m) => m.key === "vip")).toMatchObject({ from: 1 });
    const change = d.rules.changed.find((c) => c.key === "ent-na")!;
    expect(change.changes).toEqual(
      expect.arrayContaining([
        "added condition: region in NA, EMEA",
        "removed condition: region in NA",
        "removed condition: not:",
        "now sends to queue wrr (was: sends to queue ent)",
      ]),
    );
    expect(d.summary[0]).toBe('New rule "New one": (capacity) sends to queue review for lead when employees < 10.');
    expect(d.summary).toContain('Rule "SMB waits" removed.');
  });

  it("reports queue membership, weights and caps", () => {
    const next = fixturePolicy();
    const wrr = next.queues!.find((q) => q.key === "wrr")!;
    wrr.members = [
      { member: "ann", weight: 1, cap: 5 },
      { member: "dan", weight: 1 },
    ];
    const d = diffPolicies(before, parse(next));
    expect(d.queues.changed[0]).toEqual({
      key: "wrr",
      name: "Weighted",
      changes: ["added member dan", "removed member bob", "ann: weight 3 → 1", "ann: cap none → 5"],
    });
    expect(d.summary).toEqual(['Queue "Weighted": added member dan; removed member bob; ann: weight 3 → 1; ann: cap none → 5.']);
  });

  it("reports suppressions, lists and the fallback", () => {
    const next = fixturePolicy();
    next.lists!.vip_domains = ["bigco.com", "newco.ai"];
    next.suppressions![0]!.reason = "Procurement is running";
    next.fallback = { queue: "exceptions" };
    const d = diffPolicies(before, parse(next));
    expect(d.summary).toEqual([
      'Suppression "No outreach in procurement": reason: "Procurement is running".',
      "List vip_domains: added newco.ai, removed megacorp.io.",
      "Records no rule matches now go to exceptions (was review).",
    ]);
  });
});
