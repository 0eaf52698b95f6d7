import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { describeDecision } from "./explain";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import { whyNotForField, whyNotMe, type WhyNotCandidate } from "./why-not";
import type { FieldVocabulary } from "./explain";

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
    expect(entNa.failed).toEqual([
      expect.objectContaining({ field: "segment", expected: "enterprise", actual: "mid_market", passed: false }),
    ]);
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
    expect(result.candidates.find((c) => c.ruleKey === "customer-owner")).toMatchObject({
      status: "not_the_relationship",
      message: "The account owner is owner1, not you.",
    });
  });
});

describe("whyNotForField", () => {
  const people: Record<string, string> = { ann: "Ann Lee", bob: "Bob Hart", cat: "Cat Diaz", owner1: "Olga Owen" };
  const words: FieldVocabulary = {
    member: (k) => people[k] ?? k,
    rule: (k) => cp.policy.rules.find((r) => r.key === k)?.name ?? null,
    queue: (k) => cp.policy.queues.find((q) => q.key === k)?.name ?? k,
  };
  const keys = new Set([...cp.policy.rules.map((r) => r.key), ...cp.policy.queues.map((q) => q.key), "fallback", ...Object.keys(people)]);
  const sentences = (fields: Record<string, unknown>, member: string, ctx: Parameters<typeof whyNotMe>[2] = null) => {
    const result = whyNotMe(cp, { id: "w", type: "lead", fields }, ctx, fixtureState(), NOW, member);
    return new Map(result.candidates.map((c: WhyNotCandidate) => [c.ruleKey, whyNotForField(c, result.decision, words)]));
  };
  /** No rule key, queue key, member key, status code or "fallback" in what the field reads. */
  const plain = (s: string) => [...keys].filter((k) => new RegExp(`(^|[^\\w“-])${k}([^\\w”-]|$)`).test(s));

  it.each([
    [
      "a condition that did not hold, with what the record had",
      { segment: "mid_market", region: "NA" },
      "bob",
      null,
      "ent-na",
      "“Enterprise NA” did not apply: segment is not enterprise (it is mid market).",
    ],
    [
      "the queue took turns",
      { segment: "enterprise", region: "NA" },
      "bob",
      null,
      "ent-na",
      "“Enterprise NA” applied; the Enterprise queue takes turns, and it was Ann Lee.",
    ],
    ["the member got it", { segment: "enterprise", region: "NA" }, "ann", null, "ent-na", "“Enterprise NA” gave it to you."],
    [
      "the relationship is someone else's, by name",
      { segment: "mid_market", region: "EMEA" },
      "cat",
      { account: { id: "A", customer_status: "customer", owner_id: "owner1" } },
      "customer-owner",
      "“Customers to owner” goes to the account's owner, who is Olga Owen, not you.",
    ],
    [
      "an earlier rule won, by name",
      { segment: "enterprise", region: "NA", employees: 1500 },
      "bob",
      null,
      "big-mm",
      "“Large mid-market” would have applied, but “Enterprise NA” comes first, and the first rule that applies decides.",
    ],
  ] as const)("%s", (_label, fields, member, ctx, rule, sentence) => {
    const s = sentences(fields, member, ctx).get(rule)!;
    expect(s).toBe(sentence);
    expect(plain(s)).toEqual([]);
  });

  it("says the member was unavailable in words, not codes", () => {
    const state = fixtureState();
    state.members.bob = { ...state.members.bob!, outOfOfficeFrom: "2026-01-01T00:00:00Z", outOfOfficeUntil: "2027-01-01T00:00:00Z" };
    const result = whyNotMe(cp, { id: "w", type: "lead", fields: { segment: "enterprise", region: "NA" } }, null, state, NOW, "bob");
    const c = result.candidates.find((x) => x.ruleKey === "ent-na")!;
    expect(whyNotForField(c, result.decision, words)).toBe("“Enterprise NA” applied, but you were out of office then.");
  });

  it("an input exception is told without reason codes", () => {
    const result = whyNotMe(cp, { id: "w", type: "lead", fields: { region: "NA" } }, null, fixtureState(), NOW, "bob");
    const s = whyNotForField(result.candidates[0]!, result.decision, words);
    expect(s).toMatch(/^No rule has run yet: it is waiting for RevOps because information routing needs is missing \(segment\)\.$/);
    expect(s).not.toMatch(/MISSING_INPUT|fallback/);
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
