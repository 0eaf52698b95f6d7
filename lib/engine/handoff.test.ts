/**
 * A record keeps its age when it is re-routed or handed on (`receivedAt` starts the SLA clock),
 * and a hand-assignment to a queue goes through that queue's distribution (`manualQueue`).
 */
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { describeDecision, describeForField } from "./explain";
import { evaluate } from "./evaluate";
import { stateFootprint, decidingRule } from "./state-footprint";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { RoutedRecord } from "./types";
import { validatePolicy } from "./validate-policy";

const cp = compilePolicy(fixturePolicy());
const ent: RoutedRecord = { id: "r1", type: "lead", fields: { segment: "enterprise", region: "NA" } };
const hour = 3_600_000;

describe("receivedAt: SLA clocks run from when the record first arrived", () => {
  it.each([
    ["no receivedAt: from now", undefined, NOW.getTime() + 2 * hour],
    ["three hours ago: the 2 h SLA is already an hour late", new Date(NOW.getTime() - 3 * hour).toISOString(), NOW.getTime() - hour],
    ["later than now (clock skew): from now", new Date(NOW.getTime() + 5 * hour).toISOString(), NOW.getTime() + 2 * hour],
    ["unreadable: from now", "yesterday-ish", NOW.getTime() + 2 * hour],
  ] as const)("%s", (_label, receivedAt, due) => {
    const d = evaluate(cp, { ...ent, ...(receivedAt ? { receivedAt } : {}) }, null, fixtureState(), NOW).decision;
    expect(d).toMatchObject({ kind: "assigned", ruleKey: "ent-na", slaMinutes: 120 });
    expect(d.kind === "assigned" && d.slaDueAt).toBe(new Date(due).toISOString());
    // The decision's own time stays the clock's.
    expect(d.evaluatedAt).toBe(NOW.toISOString());
  });
});

describe("manualQueue: a hand-assignment distributes through the queue", () => {
  it("skips the rules and missing inputs; the queue's rotation, availability and caps place it", () => {
    const state = fixtureState();
    // A record no rule would send to `least`, missing a required input.
    const record: RoutedRecord = { id: "r2", type: "lead", fields: { region: "NA" }, manualQueue: "least" };
    const { decision, nextState } = evaluate(cp, record, null, state, NOW);
    // least loaded among ann (5), bob (1), cat (0, cap 2): cat.
    expect(decision).toMatchObject({ kind: "assigned", assignee: "cat", queue: "least", via: "queue", ruleKey: "manual", intent: null });
    expect(nextState.members.cat!.load).toBe(1);
    expect(decision.trace?.map((t) => t.step)).toEqual(["manual", "distribution"]);
    expect(describeDecision(decision)).toBe("Assigned to cat from queue least because it was sent to that queue by hand.");
    expect(
      describeForField(decision, {
        member: (k) => (k === "cat" ? "Cat Diaz" : k),
        rule: () => null,
        queue: (k) => (k === "least" ? "Least loaded" : k),
      }),
    ).toBe("RevOps sent it to the Least loaded queue by hand, and the queue gave it to Cat Diaz.");
  });

  it("overflows when nobody can take it, and waits in a queue without members", () => {
    const state = fixtureState();
    for (const m of ["ann", "bob", "cat"]) state.members[m] = { ...state.members[m]!, load: 10 };
    const overflow = evaluate(cp, { ...ent, manualQueue: "ent" }, null, state, NOW).decision;
    // ent overflows to review, which has no members: it waits there, with review's SLA (none) from arrival.
    expect(overflow).toMatchObject({ kind: "queued", queue: "review", ruleKey: "manual" });
    const waits = evaluate(cp, { ...ent, manualQueue: "review" }, null, fixtureState(), NOW).decision;
    expect(waits).toMatchObject({ kind: "queued", queue: "review", ruleKey: "manual" });
  });

  it("locks the hand-picked queue's members and its overflow chain, not the rule's", () => {
    const record: RoutedRecord = { ...ent, manualQueue: "ent" };
    const probe = evaluate(cp, record, null, { members: {}, queues: {} }, NOW, { trace: false }).decision;
    expect(stateFootprint(cp, decidingRule(probe), null, record)).toEqual({ members: ["ann", "bob", "cat"], queues: ["ent", "review"] });
  });

  it("replays exactly: the same record, state and clock give the same decision", () => {
    const record: RoutedRecord = { ...ent, manualQueue: "wrr", receivedAt: new Date(NOW.getTime() - hour).toISOString() };
    const a = evaluate(cp, record, null, fixtureState(), NOW).decision;
    const b = evaluate(cp, structuredClone(record), null, fixtureState(), NOW).decision;
    expect(b).toEqual(a);
  });

  it("a policy cannot name a rule “manual” or “fallback”", () => {
    for (const key of ["manual", "fallback"]) {
      const doc = fixturePolicy();
      doc.rules![0]!.key = key;
      const v = validatePolicy(doc);
      expect(v.ok).toBe(false);
      expect(!v.ok && v.problems.map((p) => p.message).join(" ")).toMatch(/is reserved/);
    }
  });
});
