import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate } from "./evaluate";
import { fixturePolicy, fixtureState, NOW } from "./test-fixtures";
import { runSuite, testCaseFromDecision } from "./test-suite";

const cp = compilePolicy(fixturePolicy());

describe("testCaseFromDecision", () => {
  it.each([
    [
      "an assignment through a relationship",
      { segment: "mid_market", region: "EMEA" },
      { id: "A9", customer_status: "customer", owner_id: "owner1" },
    ],
    ["a queue assignment", { segment: "enterprise", region: "NA" }, null],
    ["a suppression", { segment: "smb", region: "NA" }, { id: "A7", in_procurement: true }],
    ["an exception", {}, null],
  ])("turns %s into a case that passes on the same policy", (_name, fields, account) => {
    const { decision } = evaluate(
      cp,
      { id: "r1", type: "lead", fields },
      account ? { account: account as never } : null,
      fixtureState(),
      NOW,
    );
    const c = testCaseFromDecision(decision, { id: "pinned-1", name: "Pinned" });
    expect(c.expect.kind).toBe(decision.kind);
    const result = runSuite(cp, {
      name: "s",
      now: NOW.toISOString(),
      memberDefaults: { active: true, load: 0, capacity: 10 },
      members: fixtureState().members,
      cases: [c],
    });
    expect(result.results[0]?.diffs).toEqual([]);
  });
});
