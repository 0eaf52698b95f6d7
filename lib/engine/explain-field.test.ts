import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate } from "./evaluate";
import { describeForField, type FieldVocabulary } from "./explain";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import type { RecordContext, RoutedRecord } from "./types";

const cp = compilePolicy(fixturePolicy());
const names: FieldVocabulary = {
  member: (k) => ({ ann: "Ann Lee", owner1: "Omar Diaz", vera: "Vera Kim", dan: "Dan Wu" })[k] ?? "someone",
  rule: (k) => cp.policy.rules.find((r) => r.key === k)?.name ?? null,
  queue: (k) => cp.policy.queues.find((q) => q.key === k)?.name ?? k,
};
const lead = (fields: Record<string, unknown>): RoutedRecord => ({
  id: "r",
  type: "lead",
  fields: { segment: "mid_market", region: "EMEA", ...fields },
});
const say = (record: RoutedRecord, context: RecordContext | null = null) =>
  describeForField(evaluate(cp, record, context, fixtureState(), NOW).decision, names);

describe("a decision in the field's words", () => {
  it.each<[string, RoutedRecord, RecordContext | null, string]>([
    [
      "relationship, by rule name, facts in words",
      lead({}),
      { account: { id: "A", customer_status: "customer", owner_id: "owner1" } },
      "Omar Diaz got it as the account owner under the rule “Customers to owner” (customer status is customer).",
    ],
    [
      "from a queue",
      lead({ segment: "enterprise", region: "NA" }),
      null,
      "It went to Ann Lee from the Enterprise queue under the rule “Enterprise NA” (segment is enterprise, region is NA, tags does not contain student).",
    ],
    [
      "by name",
      lead({ email_domain: "bigco.com" }),
      null,
      "The rule “VIP domains” gives these to Vera Kim by name (email domain is on the vip domains list).",
    ],
    ["no rule: no 'fallback'", lead({}), null, "No specific rule applied, so it waits in the Review queue for RevOps to place."],
    [
      "a strategic account, the boolean in words",
      { id: "s", type: "product_signal", fields: {} },
      { account: { id: "C" }, parentAccount: { id: "P", owner_id: "owner1" } },
      "Omar Diaz got it as the parent account owner under the rule “Subsidiary to parent's owner” (owner is set).",
    ],
    ["suppressed", lead({}), { account: { id: "A", in_procurement: true } }, "Nobody was given this on purpose: In procurement"],
    [
      "an exception without its code",
      { id: "r", type: "lead", fields: {} },
      null,
      "It is waiting for RevOps because information routing needs is missing (segment, region).",
    ],
  ])("%s", (_name, record, context, expected) => {
    const sentence = say(record, context);
    expect(sentence).toBe(expected);
    expect(sentence).not.toMatch(/@|fallback|_id\b|MISSING_INPUT|customer-owner|ent-na/);
  });
});
