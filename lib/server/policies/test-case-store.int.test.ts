import { describe, expect, it } from "vitest";
import type { TestCaseForm } from "@/lib/schemas/test-cases";
import { db } from "@/lib/server/db";
import { cloneTestCase, deleteTestCase, saveTestCase } from "./test-case-store";
import { loadSuite } from "./test-cases";
import { as, policy, rejects } from "./workflow.test-helpers";

async function form(patch: Partial<TestCaseForm> = {}): Promise<TestCaseForm> {
  return {
    policyId: (await policy()).id,
    key: "emea-mid-market-demo",
    name: "EMEA mid-market demo request goes to mid-market new logo",
    description: "",
    tags: "new-logo, territory",
    objectType: "demo_request",
    fieldsYaml: "segment: mid_market\nregion: EMEA\nfit_score: 72",
    accountYaml: "",
    expect: {
      kind: "assigned",
      owner: "",
      queue: "mid-market-new-logo",
      slaMinutes: "240",
      suppression: "",
      exception: "",
      ruleKey: "mid-market-new-logo",
    },
    ...patch,
  };
}

describe("test cases (real Postgres)", () => {
  it("adds a case that the suite then runs, and records it in the audit log", async () => {
    const before = (await loadSuite((await policy()).id)).suite.cases.length;
    const saved = await saveTestCase(await as.revops(), await form());
    const { suite } = await loadSuite((await policy()).id);
    expect(suite.cases.length).toBe(before + 1);
    expect(suite.cases.find((c) => c.id === "emea-mid-market-demo")).toMatchObject({
      tags: ["new-logo", "territory"],
      record: { type: "demo_request", fields: { segment: "mid_market", region: "EMEA", fit_score: 72 } },
      expect: { kind: "assigned", queue: "mid-market-new-logo", slaMinutes: 240, ruleKey: "mid-market-new-logo" },
    });
    expect(await db().auditEvent.count({ where: { entityId: saved.id, action: "test_case.created" } })).toBe(1);
  });

  it("names the field that is wrong, and refuses a taken key", async () => {
    const revops = await as.revops();
    const bad = await saveTestCase(revops, await form({ key: "broken", fieldsYaml: "segment: [unclosed" })).then(
      () => null,
      (e: { fieldErrors?: Record<string, string[]> }) => e,
    );
    expect(Object.keys(bad?.fieldErrors ?? {})).toContain("fieldsYaml");
    await rejects(saveTestCase(revops, await form({ accountYaml: "customer_status: customer" })), "VALIDATION", /accountYaml/);
    await rejects(saveTestCase(revops, await form()), "CONFLICT", /exists already/);
  });

  it("clones and deletes; a FIELD user can do neither", async () => {
    const revops = await as.revops();
    const original = await db().testCase.findFirstOrThrow({ where: { key: "emea-mid-market-demo" } });
    const copy = await cloneTestCase(revops, original.id);
    expect(copy.key).toBe("emea-mid-market-demo-copy");
    await deleteTestCase(revops, copy.id);
    const { suite } = await loadSuite((await policy()).id);
    expect(suite.cases.some((c) => c.id === "emea-mid-market-demo-copy")).toBe(false);
    await rejects(cloneTestCase(await as.field(), original.id), "FORBIDDEN");
    await rejects(saveTestCase(await as.field(), await form({ key: "field-made" })), "FORBIDDEN");
  });
});

describe("pin a decision as a test case (real Postgres)", () => {
  it("turns a decision from the engine into a stored case that passes on the live version", async () => {
    const { evaluate } = await import("@/lib/engine/evaluate");
    const { compileDocument } = await import("./compiled-cache");
    const { runStoredSuite } = await import("./test-cases");
    const { pinDecision } = await import("./test-case-store");
    const p = await db().policy.findFirstOrThrow({ include: { liveVersion: true } });
    const compiled = compileDocument(p.liveVersion!.document);
    if (!compiled.ok) throw new Error("live invalid");
    const { decision } = evaluate(
      compiled.compiled,
      { id: "L-777", type: "lead", fields: { segment: "mid_market", region: "NA", fit_score: 66, lead_source: "partner" } },
      { account: { id: "ACC-777", customer_status: "prospect", partner_owner_id: "lena.kowalski@lumendata.example" } },
      // The partner owner is a member who can act (an unknown one is never assigned).
      { members: { "lena.kowalski@lumendata.example": { active: true, load: 3, capacity: 25 } }, queues: {} },
      new Date("2026-01-05T09:00:00Z"),
    );
    expect(decision).toMatchObject({ kind: "assigned", assignee: "lena.kowalski@lumendata.example" });
    await pinDecision(await as.revops(), p.id, JSON.stringify(decision), "pinned-partner-lead", "Partner lead pinned from a decision");
    const run = await runStoredSuite(p.id, compiled.compiled);
    expect(run.result.results.find((r) => r.id === "pinned-partner-lead")).toMatchObject({ passed: true });
    await rejects(pinDecision(await as.revops(), p.id, "{not json", "x-1", "Broken input"), "VALIDATION", /not JSON/);
    await rejects(
      pinDecision(await as.revops(), p.id, JSON.stringify({ hello: 1 }), "x-2", "Not a decision"),
      "VALIDATION",
      /does not look like a decision/,
    );
  });
});
