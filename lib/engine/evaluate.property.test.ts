import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate, evaluateMany } from "./evaluate";
import { context, validLead } from "./test-arbitraries";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { Decision, RoutedRecord } from "./types";

const cp = compilePolicy(fixturePolicy());
const closuresOnly = compilePolicy(fixturePolicy(), { codegen: false });

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 3000 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
);
const anyRecord = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constant(""), fc.integer() as fc.Arbitrary<unknown>),
  type: fc.constantFrom("lead", "product_signal", "agent_action", "renewal", "nonsense"),
  fields: fc.oneof(
    fc.dictionary(
      fc.constantFrom("segment", "region", "employees", "title", "tags", "budget", "email_domain", "signed_up_at", "zzz"),
      value,
    ),
    fc.constant(null) as fc.Arbitrary<unknown>,
  ),
}) as unknown as fc.Arbitrary<RoutedRecord>;

const holds = (e: { passed: boolean; negated?: boolean }) => (e.negated ? !e.passed : e.passed);

function ruleKeyOf(d: Decision): string | null {
  return d.kind === "assigned" || d.kind === "queued" ? d.ruleKey : null;
}

describe("evaluate — properties", () => {
  it("is deterministic: same inputs, same decision", () => {
    fc.assert(
      fc.property(validLead, context, (fields, ctx) => {
        const record = { id: "p", type: "lead" as const, fields };
        expect(evaluate(cp, record, ctx, fixtureState(), NOW)).toEqual(evaluate(cp, record, ctx, fixtureState(), NOW));
      }),
    );
  });

  it("never throws on a valid policy, whatever the record", () => {
    fc.assert(
      fc.property(anyRecord, context, (record, ctx) => {
        const { decision } = evaluate(cp, record, ctx, fixtureState(), NOW);
        expect(["assigned", "queued", "suppressed", "exception"]).toContain(decision.kind);
      }),
      { numRuns: 500 },
    );
  });

  it("generated code and closures decide identically, traced and untraced, with identical traces", () => {
    expect(cp.plans.lead?.fast).not.toBeNull();
    expect(closuresOnly.plans.lead?.fast).toBeNull();
    fc.assert(
      fc.property(
        fc.oneof(
          validLead.map((fields) => ({ id: "f", type: "lead" as const, fields }) as RoutedRecord),
          anyRecord,
        ),
        context,
        (record, ctx) => {
          const fast = evaluate(cp, record, ctx, fixtureState(), NOW, { trace: false });
          const traced = evaluate(cp, record, ctx, fixtureState(), NOW, { trace: true });
          const closureTraced = evaluate(closuresOnly, record, ctx, fixtureState(), NOW, { trace: true });
          const closureFast = evaluate(closuresOnly, record, ctx, fixtureState(), NOW, { trace: false });
          expect({ ...fast.decision, trace: null }).toEqual({ ...traced.decision, trace: null });
          expect(fast.nextState).toEqual(traced.nextState);
          expect({ ...closureTraced.decision, policyHash: "" }).toEqual({ ...traced.decision, policyHash: "" });
          expect({ ...closureFast.decision, policyHash: "" }).toEqual({ ...fast.decision, policyHash: "" });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("evaluateMany threads state exactly like evaluate one by one, without touching the input", () => {
    fc.assert(
      fc.property(fc.array(validLead, { minLength: 1, maxLength: 30 }), (list) => {
        const items = list.map((fields, i) => ({ record: { id: `m${i}`, type: "lead" as const, fields }, context: null }));
        const start = fixtureState();
        const frozen = JSON.stringify(start);
        const batch = evaluateMany(cp, items, start, NOW, { trace: false });
        let state = start;
        const single = items.map((it) => {
          const r = evaluate(cp, it.record, it.context, state, NOW, { trace: false });
          state = r.nextState;
          return r.decision;
        });
        expect(batch.decisions).toEqual(single);
        expect(batch.nextState).toEqual(state);
        expect(JSON.stringify(start)).toBe(frozen);
      }),
      { numRuns: 200 },
    );
  });

  it("a suppression beats any rule", () => {
    fc.assert(
      fc.property(validLead, (fields) => {
        const { decision } = evaluate(
          cp,
          { id: "s", type: "lead", fields },
          { account: { id: "A", customer_status: "customer", owner_id: "ann", in_procurement: true } },
          fixtureState(),
          NOW,
        );
        expect(decision).toMatchObject({ kind: "suppressed", suppressionKey: "procurement" });
      }),
    );
  });

  it("a disabled rule never matches", () => {
    fc.assert(
      fc.property(validLead, context, (fields, ctx) => {
        const { decision } = evaluate(cp, { id: "d", type: "lead", fields }, ctx, fixtureState(), NOW);
        expect(ruleKeyOf(decision)).not.toBe("disabled");
        expect(decision.trace?.some((t) => t.step === "rule" && t.key === "disabled")).toBe(false);
      }),
    );
  });

  it("the trace explains the outcome", () => {
    fc.assert(
      fc.property(validLead, context, (fields, ctx) => {
        const { decision } = evaluate(cp, { id: "t", type: "lead", fields }, ctx, fixtureState(), NOW);
        const trace = decision.trace!;
        const rules = trace.filter((t) => t.step === "rule");
        const key = ruleKeyOf(decision);
        if (decision.kind === "suppressed") {
          const s = trace.find((t) => t.step === "suppression" && t.key === decision.suppressionKey);
          expect(s?.step === "suppression" && s.matched && s.evidence.every(holds)).toBe(true);
          expect(rules).toEqual([]);
        } else if (key && key !== "fallback") {
          const last = rules.at(-1)!;
          expect(last.step === "rule" && last.key === key && last.matched).toBe(true);
          if (last.step === "rule") expect(last.evidence.every(holds)).toBe(true);
          // Every rule before it was looked at and did not decide.
          for (const r of rules.slice(0, -1)) expect(r.step === "rule" && !r.matched).toBe(true);
        } else if (key === "fallback") {
          expect(rules.every((r) => r.step === "rule" && !r.matched)).toBe(true);
          expect(trace.some((t) => t.step === "fallback")).toBe(true);
        }
        // Failing rules show the failing condition with its actual value.
        for (const r of rules) if (r.step === "rule" && !r.matched && !r.note) expect(r.evidence.some((e) => !holds(e))).toBe(true);
      }),
    );
  });
});
