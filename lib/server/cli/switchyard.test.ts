import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli.mjs", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(path.join(tmpdir(), "switchyard-cli-"));
const POLICY = "examples/lumen-policy.yaml";
const SUITE = "examples/lumen-suite.yaml";

describe("switchyard CLI", () => {
  it("validates the reference policy", () => {
    const r = cli("validate", POLICY);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid — 17 rules, 3 suppressions/);
  });

  it("runs the reference suite green and writes JUnit", () => {
    const junit = path.join(tmp, "junit.xml");
    const r = cli("test", POLICY, SUITE, "--junit", junit);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n17 passed, 0 failed\n/);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain('tests="17" failures="0"');
    expect(xml).toContain("workspace-not-linked");
  });

  it("fails a suite whose expectation is wrong, with a readable diff, exit 1", () => {
    const suite = readFileSync(SUITE, "utf8").replace(
      "owner: priya.natarajan@lumendata.example, ruleKey: strategic-account-owner",
      "owner: marcus.bell@lumendata.example, ruleKey: strategic-account-owner",
    );
    const file = path.join(tmp, "broken-suite.yaml");
    writeFileSync(file, suite);
    const r = cli("test", POLICY, file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ named-strategic-account/);
    expect(r.out).toMatch(/owner: expected "marcus.bell@lumendata.example", got "priya.natarajan@lumendata.example"/);
    expect(r.out).toMatch(/16 passed, 1 failed/);
  });

  it("runs the routing-repairs suite green: cases matched against its stored accounts, sequences, not / one_of, warnings", () => {
    const r = cli("test", "examples/repairs-policy.yaml", "examples/repairs-suite.yaml");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ inactive-owner/);
    expect(r.out).toMatch(/✓ caps-then-overflow/);
    expect(r.out).toMatch(/\n12 passed, 0 failed\n/);
  });

  it("a sequence whose counts are off, and a `not` that holds the wrong way, fail with readable diffs", () => {
    const suite = readFileSync("examples/repairs-suite.yaml", "utf8")
      .replace(
        "assigned: { ana.lima@example.com: 6, ben.okoro@example.com: 2, cleo.new@example.com: 0 }",
        "assigned: { ana.lima@example.com: 4, ben.okoro@example.com: 2, cleo.new@example.com: 2 }",
      )
      .replace("owner: { not: lee.left@example.com }", "owner: { one_of: [lee.left@example.com] }");
    const file = path.join(tmp, "repairs-broken.yaml");
    writeFileSync(file, suite);
    const r = cli("test", "examples/repairs-policy.yaml", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("assigned.ana.lima@example.com: expected 4, got 6");
    expect(r.out).toContain("assigned.cleo.new@example.com: expected 2, got 0");
    expect(r.out).toContain('owner: expected one of ["lee.left@example.com"], got null');
    expect(r.out).toMatch(/10 passed, 2 failed/);
  });

  it("suite problems name the file and the line, exit 2", () => {
    const suite = readFileSync("examples/repairs-suite.yaml", "utf8").replace(
      "expect: { kind: exception, exception: UNKNOWN_OWNER, ruleKey: named-account-owner }",
      "expect: { kind: exceptoin, exception: UNKNOWN_OWNER }",
    );
    const file = path.join(tmp, "repairs-invalid.yaml");
    writeFileSync(file, suite);
    const line = suite.split("\n").findIndex((l) => l.includes("kind: exceptoin")) + 1;
    const r = cli("test", "examples/repairs-policy.yaml", file);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toContain(`${file}:${line}: error: cases[5].expect.kind`);
  });

  it("rejects an invalid policy listing every problem with file and line, exit 1", () => {
    const text = readFileSync(POLICY, "utf8")
      .replace("{ field: account.is_strategic, op: eq, value: true }", "{ field: account.is_strategc, op: eq, value: yes }")
      .replace("queue: enterprise-apac }", "queue: enterprise-japan }");
    const file = path.join(tmp, "bad-policy.yaml");
    writeFileSync(file, text);
    const r = cli("validate", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-policy\.yaml:\d+: error: rules\[0\]\.when\.field: field "account\.is_strategc" is not declared/);
    expect(r.err).toMatch(/queue "enterprise-japan" is not defined/);
    expect(r.err).toMatch(/2 problems/);
  });

  it("routes JSONL to JSONL decisions, matching accounts by domain; bad lines become exceptions", () => {
    const records = path.join(tmp, "records.jsonl");
    const accounts = path.join(tmp, "accounts.jsonl");
    writeFileSync(
      accounts,
      [
        {
          id: "ACC-1",
          name: "Northwind",
          domain: "northwind.com",
          segment: "enterprise",
          region: "NA",
          customer_status: "customer",
          owner_id: "marcus.bell@lumendata.example",
        },
      ]
        .map((a) => JSON.stringify(a))
        .join("\n"),
    );
    writeFileSync(
      records,
      [
        JSON.stringify({
          id: "L1",
          type: "lead",
          fields: { email_domain: "sales.northwind.com", segment: "enterprise", region: "NA", fit_score: 70 },
        }),
        "{ not json",
        JSON.stringify({ id: "L2", type: "demo_request", fields: { segment: "smb", region: "EMEA", fit_score: 90 } }),
      ].join("\n"),
    );
    const r = cli("route", POLICY, records, "--accounts", accounts, "--now", "2026-01-05T09:00:00Z", "--no-trace");
    expect(r.code).toBe(0);
    const decisions = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(decisions).toHaveLength(3);
    expect(decisions[0]).toMatchObject({
      recordId: "L1",
      kind: "assigned",
      assignee: "marcus.bell@lumendata.example",
      ruleKey: "customer-expansion-owner",
    });
    expect(decisions[1]).toMatchObject({ kind: "exception", reasonCode: "INVALID_RECORD" });
    expect(decisions[2]).toMatchObject({
      recordId: "L2",
      kind: "assigned",
      queue: "smb-pool",
      assignee: "tyler.brooks@lumendata.example",
      ruleKey: "smb-new-logo",
    });
  });

  it("diffs two policies over records", () => {
    const after = readFileSync(POLICY, "utf8").replace(
      "action: { type: queue, queue: smb-pool }",
      "action: { type: queue, queue: sdr-inbound }",
    );
    const afterFile = path.join(tmp, "after.yaml");
    writeFileSync(afterFile, after);
    const records = path.join(tmp, "smb.jsonl");
    writeFileSync(
      records,
      Array.from({ length: 5 }, (_, i) =>
        JSON.stringify({ id: `S${i}`, type: "lead", fields: { segment: "smb", region: "NA", fit_score: 60 } }),
      ).join("\n"),
    );
    const r = cli("diff", POLICY, afterFile, records, "--json", "--now", "2026-01-05T09:00:00Z");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ total: 5, changed: 5 });
    expect(report.byTransition).toEqual([{ before: "assigned:queue:smb-pool", after: "assigned:queue:sdr-inbound", count: 5 }]);
    expect(report.byQueue["smb-pool"]).toEqual({ gained: 0, lost: 5 });
  });

  it("answers usage errors with exit 2", () => {
    expect(cli("frobnicate").code).toBe(2);
    expect(cli("test", POLICY).code).toBe(2);
    expect(cli("validate", "does/not/exist.yaml").code).toBe(2);
  });
});
