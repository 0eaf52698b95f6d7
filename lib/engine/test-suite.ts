/**
 * Routing test suites: canonical records with the outcome each must get (equal to a value, not
 * it, or one of several), and sequences — records routed in order on one distribution state,
 * with counts per member, queue, kind and exception. A suite may carry stored accounts: records
 * without an account of their own are matched against them as routing does (domains, ids,
 * workspace roll-up, duplicates). `runSuite` evaluates every case from the same starting state
 * and reports pass/fail with a readable diff.
 */
import { z } from "zod";
import type { CompiledPolicy } from "./compile";
import { evaluate, evaluateMany } from "./evaluate";
import { buildAccountIndex, matchingOptionsFor, matchRecord, type AccountIndex } from "./matching";
import { OBJECT_TYPES } from "./policy-schema";
import { locate, parseYaml } from "./policy-yaml";
import type { Problem } from "./problems";
import {
  DECISION_KINDS,
  EXCEPTION_CODES,
  type AccountContext,
  type Decision,
  type MemberState,
  type RecordContext,
  type RoutedRecord,
  type RoutingState,
} from "./types";
import { zodProblems } from "./validate-policy";

const memberStateSchema = z.object({
  active: z.boolean().default(true),
  load: z.number().int().min(0).default(0),
  capacity: z.number().int().min(0).default(25),
  outOfOfficeFrom: z.string().nullable().optional(),
  outOfOfficeUntil: z.string().nullable().optional(),
});
/** A member's state for a case; `null` says "not a member at all" (an owner id routing does not know). */
const memberStatesSchema = z.record(z.string(), memberStateSchema.nullable());

const accountSchema = z.object({ id: z.string().min(1) }).catchall(z.unknown());

const KINDS = DECISION_KINDS;

/** A value the outcome must have: equal to it, `{ not: x }` (or a list: none of them), or `{ one_of: [a, b] }`. */
function matcher<T extends z.ZodType>(value: T) {
  return z.union([
    value,
    z.object({ not: z.union([value, z.array(value).min(1)]) }).strict(),
    z.object({ one_of: z.array(value).min(1, "one_of needs at least one value") }).strict(),
  ]);
}
export type Matcher<T> = T | { not: T | T[] } | { one_of: T[] };

export const expectationSchema = z
  .object({
    kind: matcher(z.enum(KINDS)).optional(),
    owner: matcher(z.string()).optional(),
    queue: matcher(z.string()).optional(),
    slaMinutes: matcher(z.number().int()).optional(),
    suppression: matcher(z.string()).optional(),
    exception: matcher(z.enum(EXCEPTION_CODES)).optional(),
    ruleKey: matcher(z.string()).optional(),
    /** Undeclared record fields the decision warns about (exactly these, in any order). */
    warnings: z.array(z.string()).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, "say at least one thing the outcome must be");
export type Expectation = z.infer<typeof expectationSchema>;
type OutcomeField = Exclude<keyof Expectation, "warnings">;

const recordSchema = z.object({
  type: z.enum(OBJECT_TYPES),
  id: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});

export const testCaseSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(""),
    tags: z.array(z.string()).default([]),
    record: recordSchema,
    /** The matched account as routing would see it; leave it out in a suite with `accounts` to match the record against them. */
    account: accountSchema.nullable().optional(),
    parentAccount: accountSchema.nullable().optional(),
    duplicates: z.array(z.string()).default([]),
    /** The product workspace this record came from, when the account is its rolled-up company. */
    rolledUpFromWorkspace: z.string().optional(),
    /** Member states for this case only, on top of the suite's. */
    members: memberStatesSchema.default({}),
    expect: expectationSchema,
  })
  .strict();
export type TestCase = z.infer<typeof testCaseSchema>;

const countsSchema = z.record(z.string(), z.number().int().min(0));

/** Records routed in order against one distribution state (rotations, caps, overflow), with what they must add up to. */
export const sequenceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(""),
    tags: z.array(z.string()).default([]),
    /** Member states for this sequence, on top of the suite's. */
    members: memberStatesSchema.default({}),
    /** In order; `repeat: n` sends the same record n times (ids get -1, -2…). */
    records: z
      .array(recordSchema.extend({ repeat: z.number().int().min(1).max(10_000).default(1) }).strict())
      .min(1, "a sequence needs at least one record"),
    expect: z
      .object({
        /** Assignments per member (members not listed are not checked). */
        assigned: countsSchema.optional(),
        /** Decisions per queue they landed in (assigned from it or waiting in it). */
        queues: countsSchema.optional(),
        /** Decisions per kind: assigned, queued, suppressed, exception. */
        kinds: z
          .object(
            Object.fromEntries(KINDS.map((k) => [k, z.number().int().min(0).optional()])) as Record<
              (typeof KINDS)[number],
              z.ZodOptional<z.ZodNumber>
            >,
          )
          .strict()
          .optional(),
        /** Exceptions per reason code. */
        exceptions: z.record(z.enum(EXCEPTION_CODES), z.number().int().min(0)).optional(),
      })
      .strict()
      .refine((e) => Object.keys(e).length > 0, "say at least one count the sequence must add up to"),
  })
  .strict();
export type TestSequence = z.infer<typeof sequenceSchema>;

export const testSuiteSchema = z
  .object({
    name: z.string().default("Routing test suite"),
    /** The moment the suite evaluates at (SLA due times depend on it). */
    now: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), "use an ISO date-time")
      .default("2026-01-05T09:00:00Z"),
    /** State of every member the policy names that is not listed in `members`. */
    memberDefaults: memberStateSchema.default({ active: true, load: 0, capacity: 25 }),
    members: memberStatesSchema.default({}),
    /**
     * Stored accounts (companies and product workspaces: `is_product_workspace: true`, `parent_id`),
     * as the accounts API writes them but with the engine's names (owner_id, csm_id…). Cases without
     * their own `account`, and every sequence record, are matched against them as routing does.
     */
    accounts: z.array(accountSchema).default([]),
    cases: z.array(testCaseSchema).default([]),
    sequences: z.array(sequenceSchema).default([]),
  })
  .strict()
  .refine((s) => s.cases.length + s.sequences.length > 0, { message: "a suite needs at least one case or sequence", path: ["cases"] });
export type TestSuite = z.infer<typeof testSuiteSchema>;
type SuiteSettings = Pick<TestSuite, "members" | "memberDefaults" | "now"> & { accounts?: TestSuite["accounts"] };

export interface CaseDiff {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  id: string;
  name: string;
  tags: string[];
  passed: boolean;
  diffs: CaseDiff[];
  /** The case's decision (a sequence's last). */
  decision: Decision;
  /** A sequence's decisions, in order. */
  decisions?: Decision[];
}

export interface SuiteResult {
  passed: number;
  failed: number;
  results: CaseResult[];
}

/** The decision seen through the fields a test case can expect. */
export function actualFor(d: Decision): Record<OutcomeField, unknown> {
  return {
    kind: d.kind,
    owner: d.kind === "assigned" ? d.assignee : null,
    queue: d.kind === "suppressed" ? null : d.queue,
    slaMinutes: d.kind === "assigned" || d.kind === "queued" ? d.slaMinutes : null,
    suppression: d.kind === "suppressed" ? d.suppressionKey : null,
    exception: d.kind === "exception" ? d.reasonCode : null,
    ruleKey: d.kind === "suppressed" ? null : d.ruleKey,
  };
}

function holds(want: Matcher<unknown>, got: unknown): boolean {
  if (want !== null && typeof want === "object" && !Array.isArray(want)) {
    if ("not" in want) return !(Array.isArray(want.not) ? want.not : [want.not]).includes(got);
    if ("one_of" in want) return (want.one_of as unknown[]).includes(got);
  }
  return got === want;
}

export function compareOutcome(expect: Expectation, d: Decision): CaseDiff[] {
  const actual = actualFor(d);
  const diffs: CaseDiff[] = [];
  for (const field of Object.keys(expect) as Array<keyof Expectation>) {
    const want = expect[field];
    if (want === undefined) continue;
    if (field === "warnings") {
      const got = (d.warnings ?? []).map((w) => w.field).sort();
      const wanted = [...(want as string[])].sort();
      if (got.join("\n") !== wanted.join("\n")) diffs.push({ field, expected: wanted, actual: got });
      continue;
    }
    const got = actual[field] ?? null;
    if (!holds(want, got)) diffs.push({ field, expected: want, actual: got });
  }
  return diffs;
}

/** Every member key the policy can assign to: queue members and members named in rules. */
export function policyMembers(cp: CompiledPolicy): string[] {
  const keys = new Set<string>();
  for (const q of cp.policy.queues) for (const m of q.members) keys.add(m.member);
  for (const r of cp.policy.rules) if (r.action.type === "assign_member") keys.add(r.action.member);
  return [...keys];
}

/** Members the policy names and the owners of these accounts at the suite's defaults, then the suite's and the case's states (null: not a member). */
export function stateFor(
  cp: CompiledPolicy,
  suite: Pick<TestSuite, "members" | "memberDefaults">,
  c: { members: TestCase["members"]; accounts: Array<Record<string, unknown> | null | undefined> },
): RoutingState {
  const members: Record<string, MemberState> = {};
  const owners = c.accounts
    .flatMap((a) => (a ? [a.owner_id, a.csm_id, a.partner_owner_id] : []))
    .filter((x): x is string => typeof x === "string");
  for (const key of [...policyMembers(cp), ...owners]) members[key] = { ...suite.memberDefaults };
  for (const [key, m] of [...Object.entries(suite.members), ...Object.entries(c.members)]) {
    if (m === null) delete members[key];
    else members[key] = m;
  }
  return { members, queues: {} };
}

/** The suite's stored accounts as an index routing matches against (null when it has none). */
function suiteIndex(cp: CompiledPolicy, suite: SuiteSettings): AccountIndex | null {
  return suite.accounts?.length ? buildAccountIndex(suite.accounts as AccountContext[], matchingOptionsFor(cp.policy)) : null;
}

function caseContext(c: TestCase, record: RoutedRecord, index: AccountIndex | null): RecordContext {
  if (c.account !== undefined || !index) {
    return {
      account: (c.account ?? null) as AccountContext | null,
      parentAccount: (c.parentAccount ?? null) as AccountContext | null,
      duplicates: c.duplicates,
      matchedBy: c.account ? (c.rolledUpFromWorkspace ? "workspace_domain" : "id") : null,
      rolledUpFromWorkspace: c.rolledUpFromWorkspace ?? null,
    };
  }
  return matchRecord(record, index);
}

export function runCase(
  cp: CompiledPolicy,
  suite: SuiteSettings,
  c: TestCase,
  index: AccountIndex | null = suiteIndex(cp, suite),
): CaseResult {
  const record: RoutedRecord = { id: c.record.id ?? c.id, type: c.record.type, fields: c.record.fields };
  const context = caseContext(c, record, index);
  const { decision } = evaluate(
    cp,
    record,
    context,
    stateFor(cp, suite, { members: c.members, accounts: [context.account, context.parentAccount] }),
    new Date(suite.now),
  );
  const diffs = compareOutcome(c.expect, decision);
  return { id: c.id, name: c.name, tags: c.tags, passed: diffs.length === 0, diffs, decision };
}

function countDiffs(prefix: string, want: Record<string, number> | undefined, got: Map<string, number>): CaseDiff[] {
  if (!want) return [];
  return Object.entries(want).flatMap(([k, n]) =>
    (got.get(k) ?? 0) === n ? [] : [{ field: `${prefix}.${k}`, expected: n, actual: got.get(k) ?? 0 }],
  );
}

/** A sequence: its records in order on one state (matched against the suite's accounts), then the counts compared. */
export function runSequence(
  cp: CompiledPolicy,
  suite: SuiteSettings,
  s: TestSequence,
  index: AccountIndex | null = suiteIndex(cp, suite),
): CaseResult {
  const items: Array<{ record: RoutedRecord; context: RecordContext | null }> = [];
  for (const [i, r] of s.records.entries()) {
    for (let k = 1; k <= r.repeat; k++) {
      const base = r.id ?? `${s.id}-${i + 1}`;
      const record: RoutedRecord = { id: r.repeat > 1 ? `${base}-${k}` : base, type: r.type, fields: r.fields };
      items.push({ record, context: index ? matchRecord(record, index) : null });
    }
  }
  const accounts = items.flatMap((it) => [it.context?.account, it.context?.parentAccount]);
  const { decisions } = evaluateMany(cp, items, stateFor(cp, suite, { members: s.members, accounts }), new Date(suite.now));
  const tally = (key: (d: Decision) => string | null) => {
    const m = new Map<string, number>();
    for (const d of decisions) {
      const k = key(d);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const diffs = [
    ...countDiffs(
      "assigned",
      s.expect.assigned,
      tally((d) => (d.kind === "assigned" ? d.assignee : null)),
    ),
    ...countDiffs(
      "queues",
      s.expect.queues,
      tally((d) => (d.kind === "assigned" || d.kind === "queued" ? d.queue : null)),
    ),
    ...countDiffs(
      "kinds",
      s.expect.kinds as Record<string, number> | undefined,
      tally((d) => d.kind),
    ),
    ...countDiffs(
      "exceptions",
      s.expect.exceptions,
      tally((d) => (d.kind === "exception" ? d.reasonCode : null)),
    ),
  ];
  return { id: s.id, name: s.name, tags: s.tags, passed: diffs.length === 0, diffs, decision: decisions[decisions.length - 1]!, decisions };
}

export function runSuite(
  cp: CompiledPolicy,
  suite: SuiteSettings & { cases: TestCase[]; sequences?: TestSequence[]; name?: string },
): SuiteResult {
  const index = suiteIndex(cp, suite);
  const results = [
    ...suite.cases.map((c) => runCase(cp, suite, c, index)),
    ...(suite.sequences ?? []).map((s) => runSequence(cp, suite, s, index)),
  ];
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

function describeExpected(x: unknown): string {
  if (x !== null && typeof x === "object" && !Array.isArray(x)) {
    if ("not" in x) return `not ${JSON.stringify((x as { not: unknown }).not)}`;
    if ("one_of" in x) return `one of ${JSON.stringify((x as { one_of: unknown }).one_of)}`;
  }
  return JSON.stringify(x);
}

export function formatDiff(d: CaseDiff): string {
  return `${d.field}: expected ${describeExpected(d.expected)}, got ${JSON.stringify(d.actual)}`;
}

/** A suite file (YAML) → the suite, or every problem with its line (like a policy's). */
export function parseSuiteText(text: string): { ok: true; suite: TestSuite } | { ok: false; problems: Problem[] } {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const suite = testSuiteSchema.safeParse(parsed.value);
  if (!suite.success) return { ok: false, problems: locate(parsed.doc, parsed.counter, zodProblems(suite.error)) };
  return { ok: true, suite: suite.data };
}

/**
 * A decision as a test case: its input snapshot becomes the record (and the matched account's
 * fields), its outcome the expectation — so the routing it got is locked in (or, edited, the
 * routing it should have got).
 */
export function testCaseFromDecision(d: Decision, meta: { id: string; name: string; tags?: string[] }): TestCase {
  const fields: Record<string, unknown> = {};
  const account: Record<string, unknown> = {};
  const parent: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.inputs)) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("account.")) account[k.slice("account.".length)] = v;
    else if (k.startsWith("parent_account.")) parent[k.slice("parent_account.".length)] = v;
    else fields[k] = v;
  }
  const actual = actualFor(d);
  const expect: Expectation = { kind: d.kind };
  // From a queue, who got it depends on the rotation at the time: the queue is what to pin.
  const keys =
    d.kind === "assigned" && d.via === "queue"
      ? (["queue", "slaMinutes", "ruleKey"] as const)
      : (["owner", "queue", "slaMinutes", "suppression", "exception", "ruleKey"] as const);
  for (const key of keys) {
    const v = actual[key];
    if (v !== null && v !== undefined) (expect as Record<string, unknown>)[key] = v;
  }
  const asAccount = (o: Record<string, unknown>, fallbackId: string) =>
    Object.keys(o).length ? { ...o, id: typeof o.id === "string" ? o.id : fallbackId } : null;
  return {
    id: meta.id,
    name: meta.name,
    description: `Pinned from decision on ${d.recordId} (${d.evaluatedAt}, policy ${d.policyHash.slice(0, 12)}).`,
    tags: meta.tags ?? ["pinned"],
    record: { type: d.objectType, id: d.recordId, fields },
    account: asAccount(account, `${d.recordId}-account`),
    parentAccount: asAccount(parent, `${d.recordId}-parent`),
    duplicates: [],
    members: {},
    expect,
  };
}
