import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate, outcomeSignature } from "./evaluate";
import { decidingRule, stateFootprint } from "./state-footprint";
import { context, validLead } from "./test-arbitraries";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { MemberState, RoutingState } from "./types";

const cp = compilePolicy(fixturePolicy());

const memberState: fc.Arbitrary<MemberState> = fc.record({
  active: fc.boolean(),
  load: fc.integer({ min: 0, max: 12 }),
  capacity: fc.integer({ min: 0, max: 12 }),
});

function restrict(state: RoutingState, keys: { members: string[]; queues: string[] }) {
  return {
    members: Object.fromEntries(keys.members.map((k) => [k, state.members[k] ?? null])),
    queues: Object.fromEntries(keys.queues.map((k) => [k, state.queues[k] ?? null])),
  };
}

describe("stateFootprint", () => {
  it("covers everything a decision reads: changing state outside it changes nothing", () => {
    fc.assert(
      fc.property(
        validLead,
        context,
        fc.dictionary(fc.constantFrom("ann", "bob", "cat", "dan", "vera", "owner1", "owner2"), memberState),
        fc.integer({ min: 0, max: 5 }),
        (fields, ctx, noise, cursor) => {
          const record = { id: "r", type: "lead" as const, fields };
          const base = fixtureState();
          const first = evaluate(cp, record, ctx, base, NOW).decision;
          const fp = stateFootprint(cp, decidingRule(first), ctx);
          // Same state inside the footprint, anything outside it.
          const other: RoutingState = { members: { ...base.members }, queues: {} };
          for (const [k, v] of Object.entries(noise)) if (!fp.members.includes(k)) other.members[k] = v;
          for (const q of cp.queues.keys()) if (!fp.queues.includes(q)) other.queues[q] = { cursor };
          const a = evaluate(cp, record, ctx, base, NOW);
          const b = evaluate(cp, record, ctx, other, NOW);
          expect(outcomeSignature(b.decision)).toBe(outcomeSignature(a.decision));
          expect(b.decision.trace).toEqual(a.decision.trace);
          expect(restrict(b.nextState, fp)).toEqual(restrict(a.nextState, fp));
        },
      ),
    );
  });

  it("is empty for suppressions and input exceptions, and follows overflow chains", () => {
    expect(stateFootprint(cp, null, null)).toEqual({ members: [], queues: [] });
    const fallback = stateFootprint(cp, "fallback", null);
    expect(fallback.queues).toContain(cp.fallback.queue);
    for (const [key, q] of cp.queues) {
      if (!q.overflow) continue;
      const rule = cp.policy.rules.find((r) => r.action.type === "queue" && r.action.queue === key);
      if (!rule) continue;
      const fp = stateFootprint(cp, rule.key, null);
      expect(fp.queues).toEqual(expect.arrayContaining([key, q.overflow]));
    }
  });
});
