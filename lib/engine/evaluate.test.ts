import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate } from "./evaluate";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { Decision, RecordContext, RoutedRecord } from "./types";

const cp = compilePolicy(fixturePolicy());
const lead = (fields: Record<string, unknown>, id = "r1"): RoutedRecord => ({
  id,
  type: "lead",
  fields: { segment: "mid_market", region: "EMEA", ...fields },
});
const acct = (fields: Record<string, unknown>): RecordContext => ({ account: { id: "A1", ...fields }, matchedBy: "id" });

// Golden table: record (+ context) → the decision it must produce.
const golden: Array<[string, RoutedRecord, RecordContext | null, Partial<Decision> & Record<string, unknown>]> = [
  [
    "VIP domain by list → named member with SLA",
    lead({ email_domain: "BigCo.com" }),
    null,
    {
      kind: "assigned",
      assignee: "vera",
      via: "member",
      ruleKey: "vip",
      intent: "named_account",
      slaMinutes: 30,
      slaDueAt: "2026-03-02T10:30:00.000Z",
    },
  ],
  [
    "customer → account owner",
    lead({}),
    acct({ customer_status: "customer", owner_id: "owner1" }),
    { kind: "assigned", assignee: "owner1", via: "relationship", relationship: "account_owner", ruleKey: "customer-owner" },
  ],
  [
    "customer whose owner is out of office → ifUnavailable queue",
    lead({}),
    acct({ customer_status: "customer", owner_id: "owner2" }),
    { kind: "assigned", assignee: "dan", queue: "overflow-q", via: "queue", ruleKey: "customer-owner" },
  ],
  [
    "customer without owner → relationship empty, falls through to fallback",
    lead({}),
    acct({ customer_status: "customer" }),
    { kind: "queued", queue: "review", ruleKey: "fallback", slaMinutes: 480 },
  ],
  [
    "subsidiary signal → parent account's owner",
    { id: "s1", type: "product_signal", fields: {} },
    { account: { id: "C" }, parentAccount: { id: "P", owner_id: "owner1" } },
    { kind: "assigned", assignee: "owner1", relationship: "parent_account_owner", ruleKey: "parent-owner" },
  ],
  [
    "executive title by safe regex",
    lead({ title: "VP Sales" }),
    null,
    { kind: "assigned", queue: "ent", assignee: "ann", ruleKey: "exec-title", slaMinutes: 60 },
  ],
  [
    "enterprise NA → round robin first member",
    lead({ segment: "enterprise", region: "NA" }),
    null,
    { kind: "assigned", queue: "ent", assignee: "ann", ruleKey: "ent-na", slaMinutes: 120 },
  ],
  [
    "not(tags contains student) blocks the rule",
    lead({ segment: "enterprise", region: "NA", tags: ["Student"] }),
    null,
    { kind: "queued", queue: "review", ruleKey: "fallback" },
  ],
  ["between on employees", lead({ employees: 1500 }), null, { kind: "assigned", queue: "wrr", assignee: "ann", ruleKey: "big-mm" }],
  ["comparison against another field", lead({ budget: 50, min_budget: 40 }), null, { kind: "assigned", queue: "wrr", ruleKey: "big-mm" }],
  [
    "date comparison",
    lead({ signed_up_at: "2026-03-01T12:00:00Z" }),
    null,
    { kind: "assigned", queue: "least", assignee: "cat", ruleKey: "recent-signup" },
  ],
  ["queue without members → queued", lead({ segment: "smb" }), null, { kind: "queued", queue: "review", ruleKey: "smb" }],
  [
    "suppression beats rules",
    lead({ email_domain: "bigco.com" }),
    acct({ in_procurement: true }),
    { kind: "suppressed", suppressionKey: "procurement", reason: "In procurement" },
  ],
  [
    "missing required inputs → exception naming the fields",
    { id: "r9", type: "lead", fields: {} },
    null,
    { kind: "exception", reasonCode: "MISSING_INPUT", fields: ["segment", "region"], queue: "exceptions" },
  ],
  [
    "wrong type → INVALID_INPUT",
    lead({ employees: "lots" }),
    null,
    { kind: "exception", reasonCode: "INVALID_INPUT", fields: ["employees"] },
  ],
  [
    "value outside the enum → INVALID_INPUT",
    lead({ region: "MARS" }),
    null,
    { kind: "exception", reasonCode: "INVALID_INPUT", fields: ["region"] },
  ],
  [
    "duplicate account → DUPLICATE",
    lead({}),
    { account: { id: "A1" }, duplicates: ["A2"] },
    { kind: "exception", reasonCode: "DUPLICATE" },
  ],
  [
    "object type not routed → INVALID_RECORD",
    { id: "x", type: "renewal", fields: {} },
    null,
    { kind: "exception", reasonCode: "INVALID_RECORD" },
  ],
  ["nothing matches → fallback", lead({}), null, { kind: "queued", queue: "review", ruleKey: "fallback" }],
];

describe("evaluate — golden table", () => {
  it.each(golden)("%s", (_name, record, context, expected) => {
    const { decision } = evaluate(cp, record, context, fixtureState(), NOW);
    expect(decision).toMatchObject(expected);
    expect(decision.policyHash).toBe(cp.hash);
    expect(decision.evaluatedAt).toBe(NOW.toISOString());
  });
});

describe("evaluate — trace and evidence", () => {
  it("records every rule looked at with the first failing condition, and the match's evidence", () => {
    const { decision } = evaluate(cp, lead({ segment: "enterprise", region: "NA", title: "Engineer" }), null, fixtureState(), NOW);
    const rules = decision.trace!.filter((t) => t.step === "rule");
    expect(rules.map((r) => r.step === "rule" && [r.key, r.matched])).toEqual([
      ["vip", false],
      ["customer-owner", false],
      ["exec-title", false],
      ["ent-na", true],
    ]);
    expect(rules[0]).toMatchObject({
      evidence: [{ field: "email_domain", op: "in", expected: "list:vip_domains", actual: null, passed: false }],
    });
    expect(rules[3]).toMatchObject({
      evidence: [
        { field: "segment", op: "eq", expected: "enterprise", actual: "enterprise", passed: true },
        { field: "region", op: "in", expected: ["NA"], actual: "NA", passed: true },
        { field: "tags", op: "contains", negated: true, passed: false },
      ],
    });
    expect(decision.trace!.find((t) => t.step === "distribution")).toMatchObject({ queue: "ent", method: "round_robin", chosen: "ann" });
  });

  it("snapshots the declared inputs as read", () => {
    const { decision } = evaluate(cp, lead({ employees: 1200 }), acct({ customer_status: "prospect" }), fixtureState(), NOW);
    expect(decision.inputs).toMatchObject({
      segment: "mid_market",
      region: "EMEA",
      employees: 1200,
      "account.customer_status": "prospect",
      title: null,
    });
  });

  it("the fast path decides the same without a trace", () => {
    for (const [, record, context] of golden) {
      const traced = evaluate(cp, record, context, fixtureState(), NOW).decision;
      const fast = evaluate(cp, record, context, fixtureState(), NOW, { trace: false }).decision;
      expect(fast.trace).toBeNull();
      expect({ ...fast, trace: null }).toEqual({ ...traced, trace: null });
    }
  });
});

describe("evaluate — distribution state", () => {
  it("round robin rotates and skips unavailable members; load goes up", () => {
    let state = fixtureState();
    state.members.bob = { ...state.members.bob!, active: false };
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = evaluate(cp, lead({ segment: "enterprise", region: "NA" }, `r${i}`), null, state, NOW);
      if (r.decision.kind === "assigned") picks.push(r.decision.assignee);
      state = r.nextState;
    }
    expect(picks).toEqual(["ann", "cat", "ann", "cat"]);
    expect(state.members.ann!.load).toBe(7);
    expect(state.members.cat!.load).toBe(2);
  });

  it("weighted round robin follows the weights (3:1)", () => {
    let state = fixtureState();
    state.members.ann = { ...state.members.ann!, load: 0 };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 8; i++) {
      const r = evaluate(cp, lead({ employees: 1500 }, `w${i}`), null, state, NOW);
      if (r.decision.kind === "assigned") counts[r.decision.assignee] = (counts[r.decision.assignee] ?? 0) + 1;
      state = r.nextState;
    }
    expect(counts).toEqual({ ann: 6, bob: 2 });
  });

  it("least loaded picks the lowest load against each member's cap", () => {
    let state = fixtureState();
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = evaluate(cp, lead({ signed_up_at: "2026-03-02" }, `l${i}`), null, state, NOW);
      if (r.decision.kind === "assigned") picks.push(r.decision.assignee);
      state = r.nextState;
    }
    // Lowest load relative to the cap: cat (0 of its queue cap 2), then bob (1/10 < cat's 1/2 < ann's 5/10).
    expect(picks).toEqual(["cat", "bob", "bob", "bob"]);
    expect(state.members.cat!.load).toBe(1);
  });

  it("nobody available → overflow queue; no overflow → NO_AVAILABLE_ASSIGNEE", () => {
    const state = fixtureState();
    for (const k of ["ann", "bob", "cat"]) state.members[k] = { ...state.members[k]!, load: 10 };
    const overflow = evaluate(cp, lead({ segment: "enterprise", region: "NA" }), null, state, NOW).decision;
    expect(overflow).toMatchObject({ kind: "queued", queue: "review", ruleKey: "ent-na" });
    expect(overflow.kind === "queued" && overflow.note).toMatch(/Nobody in ent/);
    const none = evaluate(cp, lead({ employees: 1500 }), null, state, NOW).decision;
    expect(none).toMatchObject({ kind: "exception", reasonCode: "NO_AVAILABLE_ASSIGNEE", ruleKey: "big-mm" });
  });

  it("leaves the input state untouched", () => {
    const state = fixtureState();
    const frozen = JSON.stringify(state);
    evaluate(cp, lead({ segment: "enterprise", region: "NA" }), null, state, NOW);
    expect(JSON.stringify(state)).toBe(frozen);
  });
});

describe("evaluate — bad records never crash", () => {
  it.each([
    ["null", null],
    ["no id", { type: "lead", fields: {} }],
    ["fields not an object", { id: "a", type: "lead", fields: "x" }],
    ["unknown type", { id: "a", type: "spaceship", fields: {} }],
  ])("%s → INVALID_RECORD", (_n, record) => {
    const { decision } = evaluate(cp, record as unknown as RoutedRecord, null, fixtureState(), NOW);
    expect(decision).toMatchObject({ kind: "exception", reasonCode: "INVALID_RECORD" });
  });
});
