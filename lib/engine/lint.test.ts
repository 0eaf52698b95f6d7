import { describe, expect, it } from "vitest";
import { contradiction, lintPolicy } from "./lint";
import { fixturePolicy } from "./test-fixtures";

type Doc = ReturnType<typeof fixturePolicy>;
const withRules = (fn: (p: Doc) => void) => {
  const p = structuredClone(fixturePolicy());
  fn(p);
  return lintPolicy(p).map((x) => `${x.severity}: ${x.message}`);
};

describe("lintPolicy", () => {
  it("passes the fixture except for its unreachable exceptions-only queues", () => {
    expect(lintPolicy(fixturePolicy())).toEqual([]);
  });

  it("flags a rule without intent", () => {
    expect(withRules((p) => delete p.rules![0]!.intent)).toEqual([expect.stringMatching(/warning: rule vip has no intent/)]);
  });

  it("flags a rule shadowed by an earlier, broader rule", () => {
    const out = withRules((p) =>
      p.rules!.splice(5, 0, {
        key: "ent-na-big",
        name: "Big enterprise NA",
        intent: "territory",
        appliesTo: ["lead"],
        when: {
          all: [
            { field: "segment", op: "eq", value: "enterprise" },
            { field: "region", op: "in", value: ["NA"] },
            { not: { field: "tags", op: "contains", value: "student" } },
            { field: "employees", op: "gt", value: 5000 },
          ],
        },
        action: { type: "queue", queue: "ent" },
      }),
    );
    expect(out.join("\n")).toMatch(/rule ent-na-big is shadowed by ent-na/);
  });

  it("flags a catch-all rule that is not last", () => {
    const out = withRules((p) =>
      p.rules!.splice(1, 0, {
        key: "everything",
        name: "All",
        intent: "capacity",
        appliesTo: ["lead"],
        action: { type: "queue", queue: "review" },
      }),
    );
    expect(out.join("\n")).toMatch(/rule everything matches every lead record but is not last/);
  });

  it("flags contradictory conditions", () => {
    const out = withRules(
      (p) =>
        (p.rules![5]!.when = {
          all: [
            { field: "employees", op: "gt", value: 5 },
            { field: "employees", op: "lt", value: 3 },
          ],
        }),
    );
    expect(out.join("\n")).toMatch(/rule big-mm can never match: no value of employees/);
  });

  it("flags an unreachable queue", () => {
    const out = withRules((p) => p.queues!.push({ key: "orphan", name: "Orphan", members: [{ member: "ann" }] }));
    expect(out).toEqual(["warning: queue orphan is unreachable: no rule, overflow, fallback or exception path sends work to it"]);
  });

  it("returns validation errors first (undeclared fields, duplicate keys)", () => {
    const out = withRules((p) => {
      p.rules![1]!.key = "vip";
      p.rules![2]!.when = { field: "ghost", op: "exists" };
    });
    expect(out.every((x) => x.startsWith("error:"))).toBe(true);
    expect(out.length).toBe(2);
  });
});

describe("contradiction", () => {
  it.each([
    [
      [
        { field: "x", op: "eq" as const, value: "a" },
        { field: "x", op: "eq" as const, value: "b" },
      ],
      /cannot equal both/,
    ],
    [
      [
        { field: "x", op: "eq" as const, value: "a" },
        { field: "x", op: "not_in" as const, value: ["a"] },
      ],
      /also excluded/,
    ],
    [
      [
        { field: "x", op: "in" as const, value: ["a"] },
        { field: "x", op: "in" as const, value: ["b"] },
      ],
      /nothing in common/,
    ],
    [
      [
        { field: "n", op: "gte" as const, value: 10 },
        { field: "n", op: "lt" as const, value: 10 },
      ],
      /no value of n/,
    ],
    [
      [
        { field: "n", op: "between" as const, value: [1, 5] },
        { field: "n", op: "gt" as const, value: 7 },
      ],
      /no value of n/,
    ],
    [
      [
        { field: "x", op: "exists" as const },
        { field: "x", op: "missing" as const },
      ],
      /both set and missing/,
    ],
  ])("%j", (preds, expected) => {
    expect(contradiction(preds)).toMatch(expected);
  });

  it("accepts satisfiable ranges", () => {
    expect(
      contradiction([
        { field: "n", op: "gte", value: 10 },
        { field: "n", op: "lte", value: 10 },
      ]),
    ).toBeNull();
  });
});
