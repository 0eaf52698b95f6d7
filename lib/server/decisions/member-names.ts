import type { FieldVocabulary } from "@/lib/engine/explain";
import { db } from "@/lib/server/db";

/** Member key (email) → name, for explanations; unknown keys read as themselves. */
export async function memberNames(keys: Iterable<string | null | undefined>): Promise<(key: string) => string> {
  const wanted = [...new Set([...keys].filter((k): k is string => typeof k === "string" && k !== ""))];
  const rows = wanted.length ? await db().member.findMany({ where: { email: { in: wanted } }, select: { email: true, name: true } }) : [];
  const names = new Map(rows.map((r) => [r.email, r.name]));
  return (key: string) => names.get(key) ?? key;
}

/** Every member as { key, name, team } for pickers (override, dispute "who should own it"). */
export async function memberOptions() {
  const rows = await db().member.findMany({
    orderBy: { name: "asc" },
    select: { email: true, name: true, title: true, team: { select: { name: true } } },
  });
  return rows.map((r) => ({ key: r.email, name: r.name, title: r.title, team: r.team.name }));
}

/**
 * Names for the field's sentences (`describeForField`): members by name, and the rules and
 * queues of the versions that decided, by their names.
 */
export async function fieldVocabulary(
  versionIds: Iterable<string>,
  memberKeys: Iterable<string | null | undefined>,
): Promise<FieldVocabulary> {
  const ids = [...new Set(versionIds)];
  const [member, versions] = await Promise.all([
    memberNames(memberKeys),
    ids.length ? db().policyVersion.findMany({ where: { id: { in: ids } }, select: { document: true } }) : [],
  ]);
  const rules = new Map<string, string>();
  const queues = new Map<string, string>();
  for (const v of versions) {
    const doc = v.document as { rules?: Array<{ key?: unknown; name?: unknown }>; queues?: Array<{ key?: unknown; name?: unknown }> };
    for (const r of doc.rules ?? []) if (typeof r.key === "string" && typeof r.name === "string") rules.set(r.key, r.name);
    for (const q of doc.queues ?? []) if (typeof q.key === "string" && typeof q.name === "string") queues.set(q.key, q.name);
  }
  return { member, rule: (k) => rules.get(k) ?? null, queue: (k) => queues.get(k) ?? k.replace(/-/g, " ") };
}
