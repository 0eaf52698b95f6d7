import { describe, expect, it } from "vitest";
import { formatPath } from "./problems";
import { parsePolicyText } from "./policy-yaml";
import { fixturePolicy } from "./test-fixtures";
import { validatePolicy } from "./validate-policy";

type Doc = ReturnType<typeof fixturePolicy>;
const mutate = (fn: (p: Doc) => void): Doc => {
  const p = structuredClone(fixturePolicy());
  fn(p);
  return p;
};
const problemsOf = (doc: unknown) => {
  const r = validatePolicy(doc);
  return r.ok ? [] : r.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
};

describe("validatePolicy", () => {
  it("accepts the fixture", () => {
    expect(problemsOf(fixturePolicy())).toEqual([]);
  });

  it.each<[string, (p: Doc) => void, RegExp]>([
    [
      "undeclared field",
      (p) => (p.rules![0]!.when = { field: "account.arr", op: "gt", value: 5 }),
      /rules\[0\]\.when\.field: field "account\.arr" is not declared/,
    ],
    ["duplicate rule key", (p) => (p.rules![1]!.key = "vip"), /rules\[1\]\.key: rule key "vip" is used twice/],
    [
      "operator that does not fit the type",
      (p) => (p.rules![4]!.when = { field: "segment", op: "gt", value: "smb" }),
      /operator "gt" does not apply to enum field "segment"/,
    ],
    [
      "enum value not allowed",
      (p) => (p.rules![4]!.when = { field: "region", op: "eq", value: "MARS" }),
      /"MARS" is not an allowed value of "region"/,
    ],
    ["unknown list", (p) => (p.rules![0]!.when = { field: "email_domain", op: "in", list: "nope" }), /list "nope" is not defined/],
    [
      "unknown queue",
      (p) => (p.rules![3]!.action = { type: "queue", queue: "ghost" }),
      /rules\[3\]\.action\.queue: queue "ghost" is not defined/,
    ],
    ["catastrophic regex", (p) => (p.rules![3]!.when = { field: "title", op: "matches", value: "(a+)+$" }), /the pattern repeats a group/],
    [
      "between with one bound",
      (p) => (p.rules![5]!.when = { field: "employees", op: "between", value: [1] as never }),
      /"between" needs \[low, high\]/,
    ],
    [
      "overflow loop",
      (p) => {
        p.queues![0]!.overflow = "wrr";
        p.queues![1]!.overflow = "ent";
      },
      /overflow loops back/,
    ],
    ["type not routed", (p) => (p.rules![0]!.appliesTo = ["renewal"]), /object type "renewal" is not routed/],
    ["schema shape: bad key", (p) => (p.rules![0]!.key = "Bad Key!"), /rules\[0\]\.key: use lowercase letters/],
    ["schema shape: unknown property", (p) => ((p.rules![0] as Record<string, unknown>).colour = "red"), /rules\[0\]/],
  ])("rejects %s", (_name, fn, expected) => {
    const problems = problemsOf(mutate(fn));
    expect(problems.join("\n")).toMatch(expected);
  });

  it("lists every problem at once, not just the first", () => {
    const problems = problemsOf(
      mutate((p) => {
        p.rules![0]!.when = { field: "nope", op: "eq", value: 1 };
        p.rules![1]!.key = "vip";
        p.fallback = { queue: "ghost" };
      }),
    );
    expect(problems.length).toBe(3);
  });
});

describe("parsePolicyText", () => {
  it("gives the line of each problem", () => {
    const yaml = [
      "apiVersion: switchyard/v1",
      "name: Lines",
      "objectTypes: [lead]",
      "inputs:",
      "  - { name: segment, type: enum, values: [smb] }",
      "rules:",
      "  - key: r1",
      "    name: R1",
      "    appliesTo: [lead]",
      "    when: { field: region, op: eq, value: NA }",
      "    action: { type: queue, queue: q }",
      "queues: [{ key: q, name: Q }]",
      "fallback: { queue: q }",
      "exceptions: { queue: q }",
    ].join("\n");
    const r = parsePolicyText(yaml);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        expect.objectContaining({ line: 10, path: ["rules", 0, "when", "field"], message: 'field "region" is not declared in inputs' }),
      ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const r = parsePolicyText("apiVersion: switchyard/v1\nname: [unclosed\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.line).toBeGreaterThan(0);
  });
});
