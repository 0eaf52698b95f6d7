/** Seeded generator for the engine benchmark: a 200-rule + 20-suppression policy and records. */
import { seededRandom } from "@/lib/random";
import type { PolicyInputDocument, Predicate } from "@/lib/engine/policy-schema";
import type { RoutedRecord } from "@/lib/engine/types";

export const SEGMENTS = ["enterprise", "mid_market", "smb"];
export const REGIONS = ["NA", "EMEA", "APAC", "LATAM"];
export const INDUSTRIES = ["software", "finance", "health", "retail", "energy", "media", "education", "logistics", "telecom", "public"];
export const SOURCES = ["inbound_demo", "content", "event", "outbound", "partner", "product"];
export const MEMBERS = Array.from({ length: 40 }, (_, i) => `m${i}`);

export interface BenchRule {
  key: string;
  kind: "rule" | "suppression";
  preds: Predicate[];
}

export function generateBench(ruleCount = 200, suppressionCount = 20, seed = 7) {
  const r = seededRandom(seed);
  const pickN = (list: string[], n: number) => {
    const copy = [...list];
    const out: string[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(r.int(0, copy.length - 1), 1)[0]!);
    return out;
  };
  const extra = (): Predicate => {
    switch (r.int(0, 3)) {
      case 0:
        return { field: "employees", op: "gte", value: r.pick([50, 200, 1000, 5000, 20000]) };
      case 1:
        return { field: "fit", op: "lt", value: r.int(20, 90) };
      case 2:
        return { field: "industry", op: "eq", value: r.pick(INDUSTRIES) };
      default:
        return { field: "source", op: "in", value: pickN(SOURCES, 2) };
    }
  };
  const rules: BenchRule[] = Array.from({ length: ruleCount }, (_, i) => ({
    key: `rule-${i}`,
    kind: "rule" as const,
    preds: [
      { field: "segment", op: "eq", value: r.pick(SEGMENTS) },
      { field: "region", op: "in", value: pickN(REGIONS, 2) },
      extra(),
      ...(r.chance(0.5) ? [extra()] : []),
    ] as Predicate[],
  }));
  const suppressions: BenchRule[] = Array.from({ length: suppressionCount }, (_, i) => ({
    key: `supp-${i}`,
    kind: "suppression" as const,
    preds: [
      { field: "customer", op: "eq", value: true },
      { field: "industry", op: "eq", value: r.pick(INDUSTRIES) },
      { field: "fit", op: "lt", value: r.int(5, 15) },
    ] as Predicate[],
  }));

  const policy: PolicyInputDocument = {
    apiVersion: "switchyard/v1",
    name: "Benchmark policy",
    objectTypes: ["lead"],
    inputs: [
      { name: "segment", type: "enum", values: SEGMENTS, required: true },
      { name: "region", type: "enum", values: REGIONS, required: true },
      { name: "industry", type: "enum", values: INDUSTRIES },
      { name: "source", type: "enum", values: SOURCES },
      { name: "employees", type: "number" },
      { name: "fit", type: "number" },
      { name: "customer", type: "boolean" },
    ],
    suppressions: suppressions.map((s) => ({ key: s.key, name: s.key, reason: "benchmark", appliesTo: ["lead"], when: { all: s.preds } })),
    rules: rules.map((x, i) => ({
      key: x.key,
      name: x.key,
      intent: "territory",
      appliesTo: ["lead"],
      when: { all: x.preds },
      action: i % 5 === 0 ? { type: "queue", queue: `q${i % 4}` } : { type: "assign_member", member: MEMBERS[i % MEMBERS.length]! },
    })),
    queues: [
      ...Array.from({ length: 4 }, (_, q) => ({
        key: `q${q}`,
        name: `Queue ${q}`,
        distribution: (["round_robin", "weighted_round_robin", "least_loaded", "round_robin"] as const)[q],
        members: MEMBERS.slice(q * 10, q * 10 + 10).map((m) => ({ member: m })),
      })),
      { key: "review", name: "Review" },
      { key: "exceptions", name: "Exceptions" },
    ],
    fallback: { queue: "review" },
    exceptions: { queue: "exceptions" },
  };

  const records = (n: number): RoutedRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `rec-${i}`,
      type: "lead" as const,
      fields: {
        segment: r.pick(SEGMENTS),
        region: r.pick(REGIONS),
        industry: r.pick(INDUSTRIES),
        source: r.pick(SOURCES),
        employees: r.int(5, 60000),
        fit: r.int(0, 100),
        customer: r.chance(0.3),
      },
    }));

  return { policy, rules, suppressions, records };
}
