/**
 * Test cases live in the database (one row per canonical record); the engine runs them as a
 * suite. Suite-wide settings (evaluation time, member defaults) are fixed so results are
 * reproducible on any day.
 */
import type { CompiledPolicy } from "@/lib/engine/compile";
import { runSuite, testCaseSchema, type SuiteResult, type TestCase, type TestSuite } from "@/lib/engine/test-suite";
import { db, type Prisma } from "@/lib/server/db";

export const SUITE_NOW = "2026-01-05T09:00:00Z";
export const SUITE_MEMBER_DEFAULTS = { active: true, load: 5, capacity: 25 };

type Row = {
  key: string;
  name: string;
  description: string;
  tags: string[];
  objectType: string;
  input: Prisma.JsonValue;
  expect: Prisma.JsonValue;
};

/** A stored row as the engine's test case (rows that no longer parse are reported, not dropped). */
export function toEngineCase(row: Row): { ok: true; testCase: TestCase } | { ok: false; key: string; message: string } {
  const input = (row.input ?? {}) as Record<string, unknown>;
  const parsed = testCaseSchema.safeParse({
    id: row.key,
    name: row.name,
    description: row.description,
    tags: row.tags,
    record: { type: row.objectType, fields: input.fields ?? {} },
    account: input.account ?? null,
    parentAccount: input.parentAccount ?? null,
    duplicates: input.duplicates ?? [],
    rolledUpFromWorkspace: input.rolledUpFromWorkspace,
    members: input.members ?? {},
    expect: row.expect,
  });
  if (!parsed.success)
    return { ok: false, key: row.key, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, testCase: parsed.data };
}

/** The engine case as the stored row's columns. */
export function fromEngineCase(c: TestCase): Omit<Row, "key"> & { key: string } {
  return {
    key: c.id,
    name: c.name,
    description: c.description,
    tags: c.tags,
    objectType: c.record.type,
    input: JSON.parse(
      JSON.stringify({
        fields: c.record.fields,
        account: c.account ?? null,
        parentAccount: c.parentAccount ?? null,
        duplicates: c.duplicates,
        members: c.members,
        rolledUpFromWorkspace: c.rolledUpFromWorkspace,
      }),
    ) as Prisma.JsonValue,
    expect: c.expect as Prisma.JsonValue,
  };
}

export async function loadSuite(policyId: string): Promise<{ suite: TestSuite; broken: Array<{ key: string; message: string }> }> {
  const rows = await db().testCase.findMany({ where: { policyId, archived: false }, orderBy: [{ createdAt: "asc" }, { key: "asc" }] });
  const cases: TestCase[] = [];
  const broken: Array<{ key: string; message: string }> = [];
  for (const row of rows) {
    const r = toEngineCase(row);
    if (r.ok) cases.push(r.testCase);
    else broken.push({ key: r.key, message: r.message });
  }
  return {
    suite: {
      name: "Routing test suite",
      now: SUITE_NOW,
      memberDefaults: SUITE_MEMBER_DEFAULTS,
      members: {},
      accounts: [],
      cases,
      sequences: [],
    },
    broken,
  };
}

export interface SuiteSummary {
  passed: number;
  failed: number;
  failing: string[];
}

export function summarise(result: SuiteResult, broken: Array<{ key: string }>): SuiteSummary {
  return {
    passed: result.passed,
    failed: result.failed + broken.length,
    failing: [...result.results.filter((r) => !r.passed).map((r) => r.id), ...broken.map((b) => b.key)],
  };
}

export async function runStoredSuite(policyId: string, compiled: CompiledPolicy) {
  const { suite, broken } = await loadSuite(policyId);
  const result = runSuite(compiled, suite);
  return { suite, result, broken, summary: summarise(result, broken) };
}

export async function listTestCaseRows(policyId: string) {
  return db().testCase.findMany({ where: { policyId, archived: false }, select: { id: true, key: true, updatedAt: true } });
}
