import type { FieldVocabulary } from "@/lib/engine/explain";
import { db } from "@/lib/server/db";
import { policyNames } from "@/lib/server/policies/policy-names";

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
  const [member, names] = await Promise.all([memberNames(memberKeys), policyNames(versionIds)]);
  return { member, rule: (k) => names.rules.get(k) ?? null, queue: (k) => names.queues.get(k) ?? k.replace(/-/g, " ") };
}
