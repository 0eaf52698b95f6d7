/**
 * Creating, editing, cloning and deleting test cases. Each change is validated as the engine
 * will read it and recorded in the audit log.
 */
import { stringify } from "yaml";
import { z } from "zod";
import { OBJECT_TYPES } from "@/lib/engine/policy-schema";
import { parseYaml } from "@/lib/engine/policy-yaml";
import { testCaseFromDecision, testCaseSchema, type TestCase } from "@/lib/engine/test-suite";
import { DECISION_KINDS, type Decision } from "@/lib/engine/types";
import { AppError, type FieldErrors } from "@/lib/errors";
import { matcherFromText, matcherToText, type TestCaseForm } from "@/lib/schemas/test-cases";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db, type Prisma } from "@/lib/server/db";
import { fromEngineCase } from "./test-cases";

function yamlObject(text: string, field: string, errors: FieldErrors): Record<string, unknown> | null {
  if (!text.trim()) return null;
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    errors[field] = parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`);
    return null;
  }
  if (!parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    errors[field] = ["Write field: value pairs, one per line."];
    return null;
  }
  return parsed.value as Record<string, unknown>;
}

/** The form → the engine's test case, or a VALIDATION error naming each field. */
export function caseFromForm(form: TestCaseForm): TestCase {
  const errors: FieldErrors = {};
  const fields = yamlObject(form.fieldsYaml, "fieldsYaml", errors) ?? {};
  const account = yamlObject(form.accountYaml, "accountYaml", errors);
  if (account && typeof account.id !== "string") (errors.accountYaml ??= []).push("The account needs an id (e.g. id: ACC-000123).");
  const e = form.expect;
  const expect: Record<string, unknown> = {};
  for (const k of ["kind", "owner", "queue", "slaMinutes", "suppression", "exception", "ruleKey"] as const) {
    if (e[k]) expect[k] = matcherFromText(e[k], k === "slaMinutes");
  }
  const parsed = testCaseSchema.safeParse({
    id: form.key,
    name: form.name,
    description: form.description,
    tags: form.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    record: { type: form.objectType, fields },
    account,
    expect,
  });
  if (!parsed.success) for (const i of parsed.error.issues) (errors[i.path.join(".") || "_"] ??= []).push(i.message);
  if (Object.keys(errors).length > 0 || !parsed.success)
    throw new AppError("VALIDATION", `Check these fields: ${Object.keys(errors).join(", ")}.`, { fieldErrors: errors });
  return parsed.data;
}

const yamlOf = (x: unknown) => (x && typeof x === "object" && Object.keys(x).length ? stringify(x).trimEnd() : "");

/** The inverse of caseFromForm: a stored case as the form shows it (empty form without one). */
export function formFromCase(policyId: string, objectType: string, stored?: { rowId: string; c: TestCase }): TestCaseForm {
  const c = stored?.c;
  const e = c?.expect ?? {};
  return {
    policyId,
    id: stored?.rowId,
    key: c?.id ?? "",
    name: c?.name ?? "",
    description: c?.description ?? "",
    tags: c?.tags.join(", ") ?? "",
    objectType: c?.record.type ?? objectType,
    fieldsYaml: yamlOf(c?.record.fields),
    accountYaml: yamlOf(c?.account),
    expect: {
      kind: matcherToText(e.kind),
      owner: matcherToText(e.owner),
      queue: matcherToText(e.queue),
      slaMinutes: matcherToText(e.slaMinutes),
      suppression: matcherToText(e.suppression),
      exception: matcherToText(e.exception),
      ruleKey: matcherToText(e.ruleKey),
    },
  };
}

function rowData(c: TestCase) {
  const row = fromEngineCase(c);
  return { ...row, input: row.input as Prisma.InputJsonValue, expect: row.expect as Prisma.InputJsonValue };
}

export async function saveTestCase(user: CurrentUser, form: TestCaseForm) {
  assertCan(user, "tests:manage", "change test cases");
  const c = caseFromForm(form);
  return db().$transaction(async (tx) => {
    const clash = await tx.testCase.findUnique({ where: { policyId_key: { policyId: form.policyId, key: c.id } } });
    if (clash && clash.id !== form.id && !clash.archived)
      throw new AppError("CONFLICT", `A test case with key "${c.id}" exists already.`, { fieldErrors: { key: ["This key is taken."] } });
    if (clash && clash.archived && clash.id !== form.id) await tx.testCase.delete({ where: { id: clash.id } });
    if (form.id) {
      const before = await tx.testCase.findUnique({ where: { id: form.id } });
      if (!before) throw new AppError("NOT_FOUND", "That test case no longer exists.");
      const updated = await tx.testCase.update({ where: { id: form.id }, data: rowData(c) });
      await recordAudit(tx, user, {
        action: "test_case.updated",
        entityType: "test_case",
        entityId: updated.id,
        summary: `Edited test case ${c.id}`,
        before,
        after: updated,
      });
      return updated;
    }
    const created = await tx.testCase.create({ data: { ...rowData(c), policyId: form.policyId, createdById: user.id } });
    await recordAudit(tx, user, {
      action: "test_case.created",
      entityType: "test_case",
      entityId: created.id,
      summary: `Added test case ${c.id}: ${c.name}`,
      after: created,
    });
    return created;
  });
}

export async function cloneTestCase(user: CurrentUser, id: string) {
  assertCan(user, "tests:manage", "change test cases");
  const source = await db().testCase.findUnique({ where: { id } });
  if (!source) throw new AppError("NOT_FOUND", "That test case no longer exists.");
  const taken = new Set((await db().testCase.findMany({ where: { policyId: source.policyId }, select: { key: true } })).map((t) => t.key));
  let key = `${source.key}-copy`;
  for (let n = 2; taken.has(key); n++) key = `${source.key}-copy-${n}`;
  return db().$transaction(async (tx) => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = source;
    const created = await tx.testCase.create({
      data: {
        ...rest,
        key,
        name: `${source.name} (copy)`,
        input: source.input as Prisma.InputJsonValue,
        expect: source.expect as Prisma.InputJsonValue,
        createdById: user.id,
      },
    });
    await recordAudit(tx, user, {
      action: "test_case.created",
      entityType: "test_case",
      entityId: created.id,
      summary: `Cloned test case ${source.key} as ${key}`,
    });
    return created;
  });
}

/** Deleting keeps the row (archived) so the audit trail and history still resolve. */
export async function deleteTestCase(user: CurrentUser, id: string) {
  assertCan(user, "tests:manage", "change test cases");
  return db().$transaction(async (tx) => {
    const before = await tx.testCase.findUnique({ where: { id } });
    if (!before || before.archived) throw new AppError("NOT_FOUND", "That test case no longer exists.");
    await tx.testCase.update({ where: { id }, data: { archived: true } });
    await recordAudit(tx, user, {
      action: "test_case.deleted",
      entityType: "test_case",
      entityId: id,
      summary: `Deleted test case ${before.key}`,
      before,
    });
  });
}

const decisionShape = z
  .object({
    recordId: z.string(),
    objectType: z.enum(OBJECT_TYPES),
    kind: z.enum(DECISION_KINDS),
    inputs: z.record(z.string(), z.unknown()),
    policyHash: z.string().default(""),
    evaluatedAt: z.string().default(""),
  })
  .passthrough();

/** "Pin as test case": a decision's inputs and outcome become a canonical case. */
export async function pinDecision(user: CurrentUser, policyId: string, decisionJson: string, key: string, name: string) {
  assertCan(user, "tests:manage", "change test cases");
  let raw: unknown;
  try {
    raw = JSON.parse(decisionJson);
  } catch {
    throw new AppError("VALIDATION", "That is not JSON: paste the decision as the API or the CLI returns it.", {
      fieldErrors: { decisionJson: ["Not JSON."] },
    });
  }
  const parsed = decisionShape.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION",
      `That does not look like a decision: ${parsed.error.issues.map((i) => i.path.join(".") || "value").join(", ")} missing or wrong.`,
      {
        fieldErrors: { decisionJson: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
      },
    );
  }
  return saveCaseFromDecision(user, policyId, parsed.data as unknown as Decision, { key, name });
}

/**
 * A decision as a stored test case. `expect` replaces the expectation the decision implies —
 * a dispute turned into a case expects the upheld claim, not what routing did.
 */
export async function saveCaseFromDecision(
  user: CurrentUser,
  policyId: string,
  decision: Decision,
  meta: { key: string; name: string; tags?: string[]; description?: string; expect?: TestCase["expect"] },
) {
  assertCan(user, "tests:manage", "change test cases");
  const { key, name } = meta;
  const base = testCaseFromDecision(decision, { id: key, name, tags: meta.tags });
  const c: TestCase = { ...base, description: meta.description ?? base.description, expect: meta.expect ?? base.expect };
  return db().$transaction(async (tx) => {
    const clash = await tx.testCase.findUnique({ where: { policyId_key: { policyId, key } } });
    if (clash && !clash.archived)
      throw new AppError("CONFLICT", `A test case with key "${key}" exists already.`, { fieldErrors: { key: ["This key is taken."] } });
    if (clash) await tx.testCase.delete({ where: { id: clash.id } });
    const created = await tx.testCase.create({ data: { ...rowData(c), policyId, createdById: user.id } });
    await recordAudit(tx, user, {
      action: "test_case.created",
      entityType: "test_case",
      entityId: created.id,
      summary: `Pinned decision on ${c.record.id} as test case ${key}`,
      after: created,
    });
    return created;
  });
}
