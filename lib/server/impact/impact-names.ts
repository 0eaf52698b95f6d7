/**
 * Names for an impact report's sentences: members, and the rules, queues and suppressions of the
 * two versions compared, by name; samples by company. Keys stay for links.
 */
import type { ImpactMove, OutcomeRef } from "@/lib/engine/impact";
import { memberNames } from "@/lib/server/decisions/member-names";
import { policyNames } from "@/lib/server/policies/policy-names";

export interface Named {
  key: string;
  name: string;
}

export interface OutcomeView {
  kind: OutcomeRef["kind"];
  member: Named | null;
  queue: Named | null;
  /** null for the fallback; absent rule for suppressions and input exceptions. */
  rule: Named | null;
  fallback: boolean;
  suppression: Named | null;
  reasonCode: string | null;
}

export interface MoveView extends Omit<ImpactMove, "before" | "after" | "samples"> {
  before: OutcomeView;
  after: OutcomeView;
  samples: Array<{ id: string; name: string }>;
}

/** The moves of a report with everything named (the newer version's names first). */
export async function nameMoves(moves: ImpactMove[], versionIds: string[], sampleNames: Map<string, string>): Promise<MoveView[]> {
  const [names, member] = await Promise.all([
    policyNames(versionIds),
    memberNames(moves.flatMap((m) => [m.before.member, m.after.member])),
  ]);
  const named = (key: string | null, map: Map<string, string>): Named | null => (key ? { key, name: map.get(key) ?? key } : null);
  const outcome = (r: OutcomeRef): OutcomeView => ({
    kind: r.kind,
    member: r.member ? { key: r.member, name: member(r.member) } : null,
    queue: named(r.queue, names.queues),
    rule: r.rule && r.rule !== "fallback" ? named(r.rule, names.rules) : null,
    fallback: r.rule === "fallback",
    suppression: named(r.suppression, names.suppressions),
    reasonCode: r.reasonCode,
  });
  return moves.map((m) => ({
    kind: m.kind,
    reason: m.reason,
    count: m.count,
    before: outcome(m.before),
    after: outcome(m.after),
    samples: m.samples.map((id) => ({ id, name: sampleNames.get(id) ?? id })),
  }));
}
