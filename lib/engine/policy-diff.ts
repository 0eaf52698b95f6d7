/**
 * What changed between two policy documents — rules added, removed, moved or changed down to
 * the condition, suppressions, queues (members, weights, caps), inputs, lists, fallback — and
 * the same in plain sentences for the change note and the field changelog.
 */
import type { Action, Condition, PolicyDocument, Queue, Rule, Suppression } from "./policy-schema";
import { OP_WORDS } from "./explain";
import { canonicalJson } from "./sha256";

export interface ItemChange {
  key: string;
  name: string;
  changes: string[];
}

export interface SectionDiff {
  added: Array<{ key: string; name: string; description: string }>;
  removed: Array<{ key: string; name: string }>;
  moved: Array<{ key: string; name: string; from: number; to: number }>;
  changed: ItemChange[];
}

export interface PolicyDiff {
  rules: SectionDiff;
  suppressions: SectionDiff;
  queues: SectionDiff;
  inputs: SectionDiff;
  lists: SectionDiff;
  other: string[];
  /** Plain-language sentences, most important first. */
  summary: string[];
  unchanged: boolean;
}

function operand(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join(", ") : String(v);
}

/** Conditions as readable lines, one per predicate, groups indented. */
export function conditionLines(c: Condition | undefined, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  if (!c) return [`${pad}every record`];
  if ("all" in c)
    return c.all.length === 0
      ? [`${pad}every record`]
      : depth === 0
        ? c.all.flatMap((x) => conditionLines(x, depth))
        : [`${pad}all of:`, ...c.all.flatMap((x) => conditionLines(x, depth + 1))];
  if ("any" in c) return [`${pad}any of:`, ...c.any.flatMap((x) => conditionLines(x, depth + 1))];
  if ("not" in c) return [`${pad}not:`, ...conditionLines(c.not, depth + 1)];
  const rhs =
    c.op === "exists" || c.op === "missing"
      ? ""
      : ` ${c.list ? `list ${c.list}` : c.ref ? `field ${c.ref}` : c.op === "between" && Array.isArray(c.value) ? `${c.value[0]} and ${c.value[1]}` : operand(c.value)}`;
  return [`${pad}${c.field} ${OP_WORDS[c.op] ?? c.op}${rhs}`];
}

export function conditionText(c: Condition | undefined): string {
  return conditionLines(c)
    .map((l) => l.trim())
    .join(" and ");
}

export function actionText(a: Action): string {
  if (a.type === "assign_member") return `assigns to ${a.member}`;
  if (a.type === "queue") return `sends to queue ${a.queue}`;
  return `assigns to the ${a.relationship.replace(/_/g, " ")}${a.ifUnavailable ? ` (queue ${a.ifUnavailable} when away)` : ""}`;
}

function lineDiff(before: string[], after: string[]): string[] {
  const b = new Set(before);
  const a = new Set(after);
  return [
    ...after.filter((l) => !b.has(l)).map((l) => `added condition: ${l.trim()}`),
    ...before.filter((l) => !a.has(l)).map((l) => `removed condition: ${l.trim()}`),
  ];
}

function section<T extends { key: string; name: string }>(
  before: T[],
  after: T[],
  describe: (x: T) => string,
  changes: (b: T, a: T) => string[],
): SectionDiff {
  const bi = new Map(before.map((x, i) => [x.key, { x, i }]));
  const ai = new Map(after.map((x, i) => [x.key, { x, i }]));
  const out: SectionDiff = { added: [], removed: [], moved: [], changed: [] };
  for (const [key, { x }] of ai) if (!bi.has(key)) out.added.push({ key, name: x.name, description: describe(x) });
  for (const [key, { x }] of bi) if (!ai.has(key)) out.removed.push({ key, name: x.name });
  // Moves: order among the items present in both.
  const common = before.filter((x) => ai.has(x.key)).map((x) => x.key);
  const commonAfter = after.filter((x) => bi.has(x.key)).map((x) => x.key);
  common.forEach((key, from) => {
    const to = commonAfter.indexOf(key);
    if (to !== from) out.moved.push({ key, name: ai.get(key)!.x.name, from: bi.get(key)!.i + 1, to: ai.get(key)!.i + 1 });
  });
  for (const [key, { x: b }] of bi) {
    const a = ai.get(key)?.x;
    if (!a || canonicalJson(a) === canonicalJson(b)) continue;
    const c = changes(b, a);
    if (c.length) out.changed.push({ key, name: a.name, changes: c });
  }
  return out;
}

function ruleChanges(b: Rule, a: Rule): string[] {
  const out: string[] = [];
  if (b.name !== a.name) out.push(`renamed from "${b.name}" to "${a.name}"`);
  if ((b.intent ?? null) !== (a.intent ?? null)) out.push(`intent ${b.intent ?? "none"} → ${a.intent ?? "none"}`);
  if (canonicalJson(b.appliesTo) !== canonicalJson(a.appliesTo))
    out.push(`applies to ${a.appliesTo.join(", ")} (was ${b.appliesTo.join(", ")})`);
  out.push(...lineDiff(conditionLines(b.when), conditionLines(a.when)));
  if (canonicalJson(b.action) !== canonicalJson(a.action)) out.push(`now ${actionText(a.action)} (was: ${actionText(b.action)})`);
  if (String(b.sla ?? "") !== String(a.sla ?? "")) out.push(`SLA ${a.sla ?? "none"} (was ${b.sla ?? "none"})`);
  if (b.enabled !== a.enabled) out.push(a.enabled ? "enabled" : "disabled");
  if (b.description !== a.description) out.push("description edited");
  return out;
}

function suppressionChanges(b: Suppression, a: Suppression): string[] {
  const out: string[] = [];
  if (b.reason !== a.reason) out.push(`reason: "${a.reason}"`);
  if (canonicalJson(b.appliesTo) !== canonicalJson(a.appliesTo))
    out.push(`applies to ${a.appliesTo.join(", ")} (was ${b.appliesTo.join(", ")})`);
  out.push(...lineDiff(conditionLines(b.when), conditionLines(a.when)));
  if (b.enabled !== a.enabled) out.push(a.enabled ? "enabled" : "disabled");
  if (b.name !== a.name) out.push(`renamed to "${a.name}"`);
  return out;
}

function queueChanges(b: Queue, a: Queue): string[] {
  const out: string[] = [];
  if (b.distribution !== a.distribution)
    out.push(`distribution ${b.distribution.replace(/_/g, " ")} → ${a.distribution.replace(/_/g, " ")}`);
  if ((b.overflow ?? null) !== (a.overflow ?? null)) out.push(`overflow ${b.overflow ?? "none"} → ${a.overflow ?? "none"}`);
  if (String(b.sla ?? "") !== String(a.sla ?? "")) out.push(`SLA ${a.sla ?? "none"} (was ${b.sla ?? "none"})`);
  const bm = new Map(b.members.map((m) => [m.member, m]));
  const am = new Map(a.members.map((m) => [m.member, m]));
  for (const [k] of am) if (!bm.has(k)) out.push(`added member ${k}`);
  for (const [k] of bm) if (!am.has(k)) out.push(`removed member ${k}`);
  for (const [k, m] of am) {
    const o = bm.get(k);
    if (!o) continue;
    if (o.weight !== m.weight) out.push(`${k}: weight ${o.weight} → ${m.weight}`);
    if ((o.cap ?? null) !== (m.cap ?? null)) out.push(`${k}: cap ${o.cap ?? "none"} → ${m.cap ?? "none"}`);
  }
  if (b.name !== a.name) out.push(`renamed to "${a.name}"`);
  return out;
}

export function diffPolicies(before: PolicyDocument, after: PolicyDocument): PolicyDiff {
  const rules = section(
    before.rules,
    after.rules,
    (r) => `${r.intent ? `(${r.intent}) ` : ""}${actionText(r.action)} for ${r.appliesTo.join(", ")} when ${conditionText(r.when)}`,
    ruleChanges,
  );
  const suppressions = section(
    before.suppressions,
    after.suppressions,
    (s) => `stops ${s.appliesTo.join(", ")} when ${conditionText(s.when)}: ${s.reason}`,
    suppressionChanges,
  );
  const queues = section(
    before.queues,
    after.queues,
    (q) => `${q.distribution.replace(/_/g, " ")} over ${q.members.length} member${q.members.length === 1 ? "" : "s"}`,
    queueChanges,
  );
  const asItems = (p: PolicyDocument) => p.inputs.map((i) => ({ ...i, key: i.name, name: i.name }));
  const inputs = section(
    asItems(before),
    asItems(after),
    (i) => `${i.type}${i.required ? ", required" : ""}`,
    (b, a) => {
      const out: string[] = [];
      if (b.type !== a.type) out.push(`type ${b.type} → ${a.type}`);
      if (b.required !== a.required) out.push(a.required ? "now required" : "no longer required");
      if (canonicalJson(b.values ?? []) !== canonicalJson(a.values ?? [])) out.push(`allowed values: ${(a.values ?? []).join(", ")}`);
      if (canonicalJson(b.objectTypes ?? []) !== canonicalJson(a.objectTypes ?? []))
        out.push(`required for ${(a.objectTypes ?? ["every type"]).join(", ")}`);
      return out;
    },
  );
  inputs.moved = [];
  const listItems = (p: PolicyDocument) => Object.entries(p.lists).map(([k, v]) => ({ key: k, name: k, v }));
  const lists = section(
    listItems(before),
    listItems(after),
    (l) => `${l.v.length} values`,
    (b, a) => [
      ...a.v.filter((x) => !b.v.includes(x)).map((x) => `added ${x}`),
      ...b.v.filter((x) => !a.v.includes(x)).map((x) => `removed ${x}`),
    ],
  );
  lists.moved = [];

  const other: string[] = [];
  if (canonicalJson(before.fallback) !== canonicalJson(after.fallback))
    other.push(`Records no rule matches now go to ${after.fallback.queue} (was ${before.fallback.queue}).`);
  if (canonicalJson(before.exceptions) !== canonicalJson(after.exceptions))
    other.push(
      `Exceptions now go to ${after.exceptions.queue}, duplicates: ${after.exceptions.duplicates} (was ${before.exceptions.queue}, ${before.exceptions.duplicates}).`,
    );
  if (canonicalJson(before.objectTypes) !== canonicalJson(after.objectTypes))
    other.push(`Routes ${after.objectTypes.join(", ")} (was ${before.objectTypes.join(", ")}).`);
  if (canonicalJson(before.matching) !== canonicalJson(after.matching)) other.push("Account matching settings changed.");

  const summary: string[] = [];
  for (const r of rules.added) summary.push(`New rule "${r.name}": ${r.description}.`);
  for (const r of rules.removed) summary.push(`Rule "${r.name}" removed.`);
  for (const r of rules.changed) summary.push(`Rule "${r.name}": ${r.changes.join("; ")}.`);
  for (const r of rules.moved) summary.push(`Rule "${r.name}" moved from position ${r.from} to ${r.to}.`);
  for (const s of suppressions.added) summary.push(`New suppression "${s.name}": ${s.description}.`);
  for (const s of suppressions.removed) summary.push(`Suppression "${s.name}" removed.`);
  for (const s of suppressions.changed) summary.push(`Suppression "${s.name}": ${s.changes.join("; ")}.`);
  for (const q of queues.added) summary.push(`New queue "${q.name}" (${q.description}).`);
  for (const q of queues.removed) summary.push(`Queue "${q.name}" removed.`);
  for (const q of queues.changed) summary.push(`Queue "${q.name}": ${q.changes.join("; ")}.`);
  for (const i of inputs.added) summary.push(`New input ${i.key} (${i.description}).`);
  for (const i of inputs.removed) summary.push(`Input ${i.key} removed.`);
  for (const i of inputs.changed) summary.push(`Input ${i.key}: ${i.changes.join("; ")}.`);
  for (const l of lists.added) summary.push(`New list ${l.key} (${l.description}).`);
  for (const l of lists.removed) summary.push(`List ${l.key} removed.`);
  for (const l of lists.changed) summary.push(`List ${l.key}: ${l.changes.join(", ")}.`);
  summary.push(...other);
  if (before.name !== after.name) summary.push(`Policy renamed to "${after.name}".`);
  return { rules, suppressions, queues, inputs, lists, other, summary, unchanged: summary.length === 0 };
}
