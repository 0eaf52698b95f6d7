/**
 * The correctness repairs: nobody inactive or unknown is ever assigned, weight 0 receives none,
 * undeclared fields are warned about or refused, normalised inputs compare like matching.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate, evaluateMany } from "./evaluate";
import { lintPolicy } from "./lint";
import type { PolicyInputDocument } from "./policy-schema";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import { nearestDeclared } from "./undeclared-fields";
import type { Decision, MemberState, RecordContext, RoutedRecord, RoutingState } from "./types";
import { validatePolicy } from "./validate-policy";

const lead = (fields: Record<string, unknown>, id = "r1"): RoutedRecord => ({
  id,
  type: "lead",
  fields: { segment: "mid_market", region: "EMEA", ...fields },
});
const customer = (owner: string): RecordContext => ({
  account: { id: "A1", customer_status: "customer", owner_id: owner },
  matchedBy: "id",
});
const withMember = (key: string, m: Partial<MemberState>): RoutingState => {
  const s = fixtureState();
  s.members[key] = { active: true, load: 0, capacity: 10, ...m };
  return s;
};
const noAway = (): PolicyInputDocument => {
  const p = fixturePolicy();
  p.rules = p.rules!.map((r) =>
    r.key === "customer-owner" ? { ...r, action: { type: "assign_relationship", relationship: "account_owner" } } : r,
  );
  return p;
};

describe("never route to someone who cannot act", () => {
  const withQueue = compilePolicy(fixturePolicy()); // customer-owner has ifUnavailable: overflow-q
  const without = compilePolicy(noAway());
  const away = { outOfOfficeFrom: "2026-03-01T00:00:00Z", outOfOfficeUntil: "2026-03-09T00:00:00Z" };

  it.each<[string, typeof withQueue, Partial<MemberState> | null, Record<string, unknown>]>([
    [
      "inactive owner, no when-away queue → OWNER_INACTIVE naming them",
      without,
      { active: false },
      { kind: "exception", reasonCode: "OWNER_INACTIVE", ruleKey: "customer-owner", fields: ["account.owner_id"], queue: "exceptions" },
    ],
    [
      "inactive owner with a when-away queue → that queue",
      withQueue,
      { active: false },
      { kind: "assigned", via: "queue", queue: "overflow-q", assignee: "dan", ruleKey: "customer-owner" },
    ],
    [
      "unknown owner, no when-away queue → UNKNOWN_OWNER",
      without,
      null,
      { kind: "exception", reasonCode: "UNKNOWN_OWNER", ruleKey: "customer-owner", fields: ["account.owner_id"] },
    ],
    [
      "unknown owner with a when-away queue → that queue, reason in the note",
      withQueue,
      null,
      { kind: "assigned", queue: "overflow-q", note: "The account owner zed is not a known member; sent to overflow-q." },
    ],
    [
      "out-of-office owner, no when-away queue → assigned anyway (the policy's choice)",
      without,
      away,
      { kind: "assigned", assignee: "zed", via: "relationship" },
    ],
    [
      "owner at capacity, no when-away queue → assigned anyway",
      without,
      { load: 10, capacity: 10 },
      { kind: "assigned", assignee: "zed", note: "The account owner is at capacity; assigned anyway (relationship rule)." },
    ],
    [
      "out-of-office owner with a when-away queue → that queue",
      withQueue,
      away,
      { kind: "assigned", queue: "overflow-q", assignee: "dan" },
    ],
  ])("%s", (_name, cp, member, expected) => {
    const state = member ? withMember("zed", member) : fixtureState();
    const d = evaluate(cp, lead({}), customer("zed"), state, NOW).decision;
    expect(d).toMatchObject(expected);
    if (d.kind === "exception") expect(d.message).toContain("zed");
    // The fast path decides the same.
    expect(evaluate(cp, lead({}), customer("zed"), state, NOW, { trace: false }).decision).toMatchObject(expected);
  });

  it("a member named by a rule who is inactive or unknown is never assigned", () => {
    const cp = compilePolicy(fixturePolicy());
    const inactive = evaluate(cp, lead({ email_domain: "bigco.com" }), null, withMember("vera", { active: false }), NOW).decision;
    expect(inactive).toMatchObject({ kind: "exception", reasonCode: "OWNER_INACTIVE", ruleKey: "vip" });
    const state = fixtureState();
    delete state.members.vera;
    expect(evaluate(cp, lead({ email_domain: "bigco.com" }), null, state, NOW).decision).toMatchObject({
      kind: "exception",
      reasonCode: "UNKNOWN_OWNER",
      ruleKey: "vip",
    });
  });

  it("property: whatever the state, no decision assigns an inactive or unknown member", () => {
    const cp = compilePolicy(noAway());
    const memberArb = fc.record({ active: fc.boolean(), load: fc.integer({ min: 0, max: 12 }), capacity: fc.integer({ min: 0, max: 10 }) });
    const names = ["ann", "bob", "cat", "dan", "vera", "zed"];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), memberArb),
        fc.constantFrom(...names),
        fc.constantFrom("enterprise", "mid_market", "smb"),
        fc.constantFrom("bigco.com", "other.com"),
        fc.boolean(),
        (members, owner, segment, domain, isCustomer) => {
          const state: RoutingState = { members, queues: {} };
          const context: RecordContext = { account: { id: "A", owner_id: owner, customer_status: isCustomer ? "customer" : "prospect" } };
          const { decisions } = evaluateMany(
            cp,
            [
              { record: lead({ segment, region: "NA", email_domain: domain }), context },
              { record: lead({ segment: "enterprise", region: "NA" }), context: null },
            ],
            state,
            NOW,
          );
          for (const d of decisions) {
            if (d.kind !== "assigned") continue;
            expect(members[d.assignee]?.active, `${d.assignee} was assigned by ${d.ruleKey}`).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("weight 0: in the pool, receives none", () => {
  const policy = (distribution: "round_robin" | "weighted_round_robin" | "least_loaded", weights: number[]): PolicyInputDocument => {
    const p = fixturePolicy();
    p.queues = p.queues!.map((q) =>
      q.key === "ent"
        ? { ...q, distribution, overflow: undefined, members: ["ann", "bob", "cat"].map((member, i) => ({ member, weight: weights[i] })) }
        : q,
    );
    return p;
  };
  const route = (p: PolicyInputDocument, n: number) => {
    const cp = compilePolicy(p);
    const items = Array.from({ length: n }, (_, i) => ({ record: lead({ segment: "enterprise", region: "NA" }, `r${i}`) }));
    return evaluateMany(cp, items, { members: fixtureState().members, queues: {} }, NOW).decisions;
  };
  const counts = (ds: Decision[]) =>
    ds.reduce<Record<string, number>>(
      (acc, d) => ((acc[d.kind === "assigned" ? d.assignee : d.kind] = (acc[d.kind === "assigned" ? d.assignee : d.kind] ?? 0) + 1), acc),
      {},
    );

  it("is a valid weight", () => {
    expect(validatePolicy(policy("weighted_round_robin", [0, 1, 2])).ok).toBe(true);
    expect(validatePolicy(policy("weighted_round_robin", [-1, 1, 2])).ok).toBe(false);
  });

  it.each(["round_robin", "weighted_round_robin", "least_loaded"] as const)("%s never picks a weight-0 member", (distribution) => {
    const c = counts(route(policy(distribution, [0, 1, 1]), 12));
    expect(c.ann).toBeUndefined();
    expect((c.bob ?? 0) + (c.cat ?? 0)).toBe(12);
  });

  it("weighted shares follow the other weights exactly", () => {
    expect(counts(route(policy("weighted_round_robin", [0, 1, 3]), 12))).toEqual({ bob: 3, cat: 9 });
  });

  it("all weights 0 → nobody, NO_AVAILABLE_ASSIGNEE; the trace says why; lint warns", () => {
    const p = policy("weighted_round_robin", [0, 0, 0]);
    const [d] = route(p, 1);
    expect(d).toMatchObject({ kind: "exception", reasonCode: "NO_AVAILABLE_ASSIGNEE" });
    const step = d!.trace!.find((t) => t.step === "distribution");
    expect(step).toMatchObject({
      skipped: [
        { member: "ann", reason: "zero_weight" },
        { member: "bob", reason: "zero_weight" },
        { member: "cat", reason: "zero_weight" },
      ],
    });
    expect(lintPolicy(p).some((w) => w.message.includes("every member of queue ent has weight 0"))).toBe(true);
  });
});

describe("undeclared fields", () => {
  const withMode = (mode: "ignore" | "warn" | "reject") => compilePolicy({ ...fixturePolicy(), unknownFields: mode });

  it("warn (the default): stored on the decision, the near-miss named, routing unchanged", () => {
    const cp = compilePolicy(fixturePolicy());
    const d = evaluate(cp, lead({ employes: 1500, utm_campaign: "x" }), null, fixtureState(), NOW).decision;
    expect(d).toMatchObject({ kind: "queued", ruleKey: "fallback" });
    expect(d.warnings).toEqual([
      {
        code: "UNDECLARED_FIELD",
        field: "employes",
        suggestion: "employees",
        message: '"employes" is not a declared input; did you mean "employees"? It was not read.',
      },
      {
        code: "UNDECLARED_FIELD",
        field: "utm_campaign",
        suggestion: null,
        message: '"utm_campaign" is not a declared input; no rule reads it.',
      },
    ]);
    expect(evaluate(cp, lead({ employes: 1500 }), null, fixtureState(), NOW, { trace: false }).decision.warnings).toHaveLength(1);
  });

  it("declared inputs and matching fields are not warned about", () => {
    const d = evaluate(
      withMode("warn"),
      lead({ employees: 5, email: "a@b.com", website: "b.com", account_id: "A1" }),
      null,
      fixtureState(),
      NOW,
    ).decision;
    expect(d.warnings).toBeUndefined();
  });

  it("reject: the record is refused naming the field", () => {
    const d = evaluate(withMode("reject"), lead({ fit_scor: 80 }), null, fixtureState(), NOW).decision;
    expect(d).toMatchObject({ kind: "exception", reasonCode: "INVALID_RECORD", fields: ["fit_scor"] });
  });

  it("ignore: nothing said, and lint says that is risky", () => {
    expect(evaluate(withMode("ignore"), lead({ fit_scor: 80 }), null, fixtureState(), NOW).decision.warnings).toBeUndefined();
    expect(lintPolicy({ ...fixturePolicy(), unknownFields: "ignore" }).some((w) => w.path[0] === "unknownFields")).toBe(true);
  });

  it.each([
    ["fit_scor", ["fit_score", "segment"], "fit_score"],
    ["Segmnet", ["fit_score", "segment"], "segment"],
    ["regoin", ["region"], "region"],
    ["utm_source", ["fit_score", "segment"], null],
    ["ab", ["cd"], null],
  ])("nearest declared to %s", (field, declared, expected) => {
    expect(nearestDeclared(field, declared)).toBe(expected);
  });
});

describe("declared normalisation", () => {
  const policy = (): PolicyInputDocument => {
    const p = fixturePolicy();
    p.inputs = p.inputs!.map((i) =>
      i.name === "email_domain"
        ? { ...i, normalize: "domain" }
        : i.name === "segment"
          ? { ...i, normalize: "lowercase" }
          : i.name === "title"
            ? { ...i, normalize: "trim" }
            : i,
    );
    p.rules = [
      {
        key: "vip-literal",
        name: "VIP by literal",
        intent: "named_account",
        appliesTo: ["lead"],
        when: { field: "email_domain", op: "eq", value: "WWW.BigCo.com" },
        action: { type: "assign_member", member: "vera" },
      },
      ...p.rules!,
    ];
    return p;
  };
  const cp = compilePolicy(policy());

  it.each([
    ["an email address in a domain field meets a domain literal", { email_domain: "  ana@Sales.BIGCO.com " }, "vip-literal"],
    ["a multi-label suffix is kept", { email_domain: "luis@ventas.bigco.com.mx" }, "fallback"],
  ])("%s", (_name, fields, ruleKey) => {
    for (const trace of [true, false])
      expect(evaluate(cp, lead(fields), null, fixtureState(), NOW, { trace }).decision).toMatchObject({ ruleKey });
  });

  it("lowercase makes an enum value in another case valid; the snapshot holds the clean value, the record is untouched", () => {
    const record = lead({ segment: " Enterprise ", region: "NA" });
    const d = evaluate(cp, record, null, fixtureState(), NOW).decision;
    expect(d).toMatchObject({ kind: "assigned", ruleKey: "ent-na" });
    expect(d.inputs.segment).toBe("enterprise");
    expect(record.fields.segment).toBe(" Enterprise ");
  });

  it("trim applies before a regex", () => {
    expect(evaluate(cp, lead({ title: "   VP Sales" }), null, fixtureState(), NOW).decision).toMatchObject({ ruleKey: "exec-title" });
    expect(evaluate(compilePolicy(fixturePolicy()), lead({ title: "   VP Sales" }), null, fixtureState(), NOW).decision).toMatchObject({
      ruleKey: "fallback",
    });
  });

  it("is refused where it cannot apply", () => {
    const p = fixturePolicy();
    p.inputs = p.inputs!.map((i) => (i.name === "employees" ? { ...i, normalize: "domain" } : i));
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((x) => x.path.join("."))).toContain("inputs.2.normalize");
  });
});

describe("caps: counted in total (default) or in this queue", () => {
  const policy = (
    capCounts: "total" | "queue" | undefined,
    distribution: "round_robin" | "weighted_round_robin" | "least_loaded" = "round_robin",
  ): PolicyInputDocument => {
    const p = fixturePolicy();
    p.queues = p.queues!.map((q) =>
      q.key === "ent"
        ? {
            ...q,
            distribution,
            capCounts,
            members: [
              { member: "ann", cap: 2 },
              { member: "bob", cap: 1 },
            ],
          }
        : q,
    );
    return p;
  };
  // ann already holds 5 open records from elsewhere (capacity 10), bob 1.
  const route = (p: PolicyInputDocument, n: number) =>
    evaluateMany(
      compilePolicy(p),
      Array.from({ length: n }, (_, i) => ({ record: lead({ segment: "enterprise", region: "NA" }, `c${i}`) })),
      fixtureState(),
      NOW,
    );
  const who = (ds: Decision[]) =>
    ds.map((d) => (d.kind === "assigned" ? d.assignee : `${d.kind}:${d.kind === "queued" || d.kind === "exception" ? d.queue : ""}`));

  it("total: a cap counts everything the member holds (ann at 5 is over her cap of 2; bob at 1 is at his)", () => {
    expect(who(route(policy(undefined), 2).decisions)).toEqual(["queued:review", "queued:review"]);
    expect(who(route(policy("total"), 1).decisions)).toEqual(["queued:review"]);
  });

  it.each(["round_robin", "weighted_round_robin", "least_loaded"] as const)(
    "queue (%s): only this queue's work counts, tracked in the queue's state",
    (distribution) => {
      const { decisions, nextState } = route(policy("queue", distribution), 5);
      const got = who(decisions);
      expect(got.filter((x) => x === "ann")).toHaveLength(2);
      expect(got.filter((x) => x === "bob")).toHaveLength(1);
      expect(got.filter((x) => x === "queued:review")).toHaveLength(2);
      expect(nextState.queues.ent?.loads).toEqual({ ann: 2, bob: 1 });
      expect(nextState.members.ann?.load).toBe(7);
    },
  );

  it("queue: the member's own capacity still bounds the total", () => {
    const state = fixtureState();
    state.members.ann = { ...state.members.ann!, load: 10 };
    const d = evaluate(compilePolicy(policy("queue")), lead({ segment: "enterprise", region: "NA" }), null, state, NOW).decision;
    expect(d).toMatchObject({ kind: "assigned", assignee: "bob" });
    expect(d.trace!.find((t) => t.step === "distribution")).toMatchObject({ skipped: [{ member: "ann", reason: "at_capacity" }] });
  });
});
