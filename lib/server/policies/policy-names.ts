/** Rule, queue and suppression names by key, read from policy versions' documents. */
import { db } from "@/lib/server/db";

export interface PolicyNames {
  rules: Map<string, string>;
  queues: Map<string, string>;
  suppressions: Map<string, string>;
}

/** The names in these versions; where two name one key differently, the version listed first wins. */
export async function policyNames(versionIds: Iterable<string>): Promise<PolicyNames> {
  const ids = [...new Set(versionIds)];
  const rows = ids.length ? await db().policyVersion.findMany({ where: { id: { in: ids } }, select: { id: true, document: true } }) : [];
  const names: PolicyNames = { rules: new Map(), queues: new Map(), suppressions: new Map() };
  for (const id of ids) {
    const doc = rows.find((r) => r.id === id)?.document as
      Record<"rules" | "queues" | "suppressions", Array<{ key?: unknown; name?: unknown }> | undefined> | undefined;
    if (!doc) continue;
    for (const [list, map] of [
      [doc.rules, names.rules],
      [doc.queues, names.queues],
      [doc.suppressions, names.suppressions],
    ] as const) {
      for (const x of list ?? []) if (typeof x.key === "string" && typeof x.name === "string" && !map.has(x.key)) map.set(x.key, x.name);
    }
  }
  return names;
}
