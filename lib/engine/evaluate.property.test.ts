import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate } from "./evaluate";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { Decision, RecordContext, RoutedRecord } from "./types";

const cp = compilePolicy(fixturePolicy());

const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 3000 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }));
const validLead = fc.record({
  segment: fc.constantFrom("enterprise", "mid_market", "smb"),
  region: fc.constantFrom("NA", "EMEA"),
  employees: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  title: fc.option(fc.constantFrom("VP Sales", "Engineer", "Head of Ops", "chief of staff"), { nil: undefined }),
  email_domain: fc.option(fc.constantFrom("bigco.com", "x.io", "megacorp.io", "gmail.com"), { nil: undefined }),
  tags: fc.option(fc.array(fc.constantFrom("student", "vip", "trial"), { maxLength: 2 }), { nil: undefined }),
  budget: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  min_budget: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});
const context = fc.option(
  fc.record({
    account: fc.record({
      id: fc.constant("A1"),
      customer_status: fc.constantFrom("prospect", "customer"),
      owner_id: fc.option(fc.constantFrom("owner1", "owner2", "ann"), { nil: undefined }),
      in_procurement: fc.boolean(),
    }),
  }),
  { nil: null },
) as fc.Arbitrary<RecordContext | null>;
const anyRecord = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constant(""), fc.integer() as fc.Arbitrary<unknown>),
  type: fc.constantFrom("lead", "product_signal", "agent_action", "renewal", "nonsense"),
  fields: fc.oneof(fc.dictionary(fc.constantFrom("segment", "region", "employees", "title", "tags", "budget", "email_domain", "signed_up_at", "zzz"), value), fc.constant(null) as fc.Arbitrary<unknown>),
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

  it("a suppression beats any rule", () => {
    fc.assert(
      fc.property(validLead, (fields) => {
        const { decision } = evaluate(cp, { id: "s", type: "lead", fields }, { account: { id: "A", customer_status: "customer", owner_id: "ann", in_procurement: true } }, fixtureState(), NOW);
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
