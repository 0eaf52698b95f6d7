import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { describeDecision } from "./explain";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import { whyNotMe } from "./why-not";

const cp = compilePolicy(fixturePolicy());

describe("whyNotMe", () => {
  it("lists the rules that could have reached the member, nearest first, with what differed", () => {
    const record = { id: "w", type: "lead" as const, fields: { segment: "mid_market", region: "NA", employees: 50 } };
    const result = whyNotMe(cp, record, null, fixtureState(), NOW, "bob");
    expect(result.decision).toMatchObject({ kind: "queued", ruleKey: "fallback" });
    const keys = result.candidates.map((c) => c.ruleKey);
    // bob is in queues ent (exec-title, ent-na), wrr (big-mm) and least (recent-signup); the
    // relationship rule is listed too (it goes to whoever owns the account).
    expect([...keys].sort()).toEqual(["big-mm", "customer-owner", "ent-na", "exec-title", "recent-signup"]);
    const entNa = result.candidates.find((c) => c.ruleKey === "ent-na")!;
    expect(entNa.status).toBe("conditions_failed");
    expect(entNa.failed).toEqual([expect.objectContaining({ field: "segment", expected: "enterprise", actual: "mid_market", passed: false })]);
    // Nearest first: one failing condition before two.
    const weights = result.candidates.map((c) => c.failed.length);
    expect(weights).toEqual([...weights].sort((a, b) => a - b));
  });

  it("says when the rule matched but the queue chose someone else", () => {
    const record = { id: "w", type: "lead" as const, fields: { segment: "enterprise", region: "NA" } };
    const result = whyNotMe(cp, record, null, fixtureState(), NOW, "bob");
    const entNa = result.candidates.find((c) => c.ruleKey === "ent-na")!;
    expect(entNa.status).toBe("distribution_chose_another");
    expect(entNa.message).toMatch(/round robin gave it to ann/);
  });

  it("says when the member is the one who got it", () => {
    const record = { id: "w", type: "lead" as const, fields: { segment: "enterprise", region: "NA" } };
    expect(whyNotMe(cp, record, null, fixtureState(), NOW, "ann").candidates[0]).toMatchObject({ ruleKey: "ent-na", status: "got_it" });
  });

  it("explains a relationship rule held by someone else", () => {
    const record = { id: "w", type: "lead" as const, fields: { segment: "mid_market", region: "EMEA" } };
    const ctx = { account: { id: "A", customer_status: "customer", owner_id: "owner1" } };
    const result = whyNotMe(cp, record, ctx, fixtureState(), NOW, "cat");
    expect(result.candidates.find((c) => c.ruleKey === "customer-owner")).toMatchObject({ status: "not_the_relationship", message: "The account owner is owner1, not you." });
  });
});

describe("describeDecision", () => {
  it("says who, which rule, its intent and the facts that matched", () => {
    const record = { id: "w", type: "lead" as const, fields: { segment: "enterprise", region: "NA" } };
    const { decision } = whyNotMe(cp, record, null, fixtureState(), NOW, "ann");
    expect(describeDecision(decision, (k) => (k === "ann" ? "Ann Lee" : k))).toBe(
      "Assigned to Ann Lee from queue ent because rule ent-na (intent: territory) matched: segment = enterprise, region in NA (is NA), tags not contains student.",
    );
  });
});
