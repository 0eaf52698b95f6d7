/**
 * Routing test suites: canonical records with the outcome each must get. `runSuite` evaluates
 * every case from the same starting state and reports pass/fail with a readable diff.
 */
import { z } from "zod";
import type { CompiledPolicy } from "./compile";
import { evaluate } from "./evaluate";
import { OBJECT_TYPES } from "./policy-schema";
import type { AccountContext, Decision, MemberState, RoutingState } from "./types";

const memberStateSchema = z.object({
  active: z.boolean().default(true),
  load: z.number().int().min(0).default(0),
  capacity: z.number().int().min(0).default(25),
  outOfOfficeFrom: z.string().nullable().optional(),
  outOfOfficeUntil: z.string().nullable().optional(),
});

const accountSchema = z.object({ id: z.string().min(1) }).catchall(z.unknown());

export const expectationSchema = z
  .object({
    kind: z.enum(["assigned", "queued", "suppressed", "exception"]).optional(),
    owner: z.string().optional(),
    queue: z.string().optional(),
    slaMinutes: z.number().int().optional(),
    suppression: z.string().optional(),
    exception: z.enum(["MISSING_INPUT", "INVALID_INPUT", "INVALID_RECORD", "DUPLICATE", "NO_AVAILABLE_ASSIGNEE"]).optional(),
    ruleKey: z.string().optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, "say at least one thing the outcome must be");
export type Expectation = z.infer<typeof expectationSchema>;

export const testCaseSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(""),
    tags: z.array(z.string()).default([]),
    record: z.object({ type: z.enum(OBJECT_TYPES), id: z.string().optional(), fields: z.record(z.string(), z.unknown()).default({}) }),
    account: accountSchema.nullable().optional(),
    parentAccount: accountSchema.nullable().optional(),
    duplicates: z.array(z.string()).default([]),
    /** The product workspace this record came from, when the account is its rolled-up company. */
    rolledUpFromWorkspace: z.string().optional(),
    /** Member states for this case only, on top of the suite's. */
    members: z.record(z.string(), memberStateSchema).default({}),
    expect: expectationSchema,
  })
  .strict();
export type TestCase = z.infer<typeof testCaseSchema>;

export const testSuiteSchema = z
  .object({
    name: z.string().default("Routing test suite"),
    /** The moment the suite evaluates at (SLA due times depend on it). */
    now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "use an ISO date-time").default("2026-01-05T09:00:00Z"),
    /** State of every member the policy names that is not listed in `members`. */
    memberDefaults: memberStateSchema.default({ active: true, load: 0, capacity: 25 }),
    members: z.record(z.string(), memberStateSchema).default({}),
    cases: z.array(testCaseSchema),
  })
  .strict();
export type TestSuite = z.infer<typeof testSuiteSchema>;

export interface CaseDiff {
  field: keyof Expectation;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  id: string;
  name: string;
  tags: string[];
  passed: boolean;
  diffs: CaseDiff[];
  decision: Decision;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  results: CaseResult[];
}

/** The decision seen through the fields a test case can expect. */
export function actualFor(d: Decision): Record<keyof Expectation, unknown> {
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

export function compareOutcome(expect: Expectation, d: Decision): CaseDiff[] {
  const actual = actualFor(d);
  const diffs: CaseDiff[] = [];
  for (const field of Object.keys(expect) as Array<keyof Expectation>) {
    const want = expect[field];
    if (want === undefined) continue;
    const got = actual[field] ?? null;
    if (got !== want) diffs.push({ field, expected: want, actual: got });
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

export function stateFor(cp: CompiledPolicy, suite: Pick<TestSuite, "members" | "memberDefaults">, c: Pick<TestCase, "members" | "account" | "parentAccount">): RoutingState {
  const members: Record<string, MemberState> = {};
  const owners = [c.account, c.parentAccount].flatMap((a) => (a ? [a.owner_id, a.csm_id, a.partner_owner_id] : [])).filter((x): x is string => typeof x === "string");
  for (const key of [...policyMembers(cp), ...owners]) members[key] = { ...suite.memberDefaults };
  Object.assign(members, suite.members, c.members);
  return { members, queues: {} };
}

export function runCase(cp: CompiledPolicy, suite: Pick<TestSuite, "members" | "memberDefaults" | "now">, c: TestCase): CaseResult {
  const { decision } = evaluate(
    cp,
    { id: c.record.id ?? c.id, type: c.record.type, fields: c.record.fields },
    {
      account: (c.account ?? null) as AccountContext | null,
      parentAccount: (c.parentAccount ?? null) as AccountContext | null,
      duplicates: c.duplicates,
      matchedBy: c.account ? (c.rolledUpFromWorkspace ? "workspace_domain" : "id") : null,
      rolledUpFromWorkspace: c.rolledUpFromWorkspace ?? null,
    },
    stateFor(cp, suite, c),
    new Date(suite.now),
  );
  const diffs = compareOutcome(c.expect, decision);
  return { id: c.id, name: c.name, tags: c.tags, passed: diffs.length === 0, diffs, decision };
}

export function runSuite(cp: CompiledPolicy, suite: TestSuite): SuiteResult {
  const results = suite.cases.map((c) => runCase(cp, suite, c));
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}

export function formatDiff(d: CaseDiff): string {
  return `${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`;
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
  const keys = d.kind === "assigned" && d.via === "queue" ? (["queue", "slaMinutes", "ruleKey"] as const) : (["owner", "queue", "slaMinutes", "suppression", "exception", "ruleKey"] as const);
  for (const key of keys) {
    const v = actual[key];
    if (v !== null && v !== undefined) (expect as Record<string, unknown>)[key] = v;
  }
  const asAccount = (o: Record<string, unknown>, fallbackId: string) => (Object.keys(o).length ? { ...o, id: typeof o.id === "string" ? o.id : fallbackId } : null);
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
