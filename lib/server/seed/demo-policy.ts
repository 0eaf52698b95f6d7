/**
 * The demo company's routing policy and canonical test cases come from examples/ (the same
 * files the CLI tests run), published as v1 so the console starts with a live version.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { compileValidated } from "@/lib/engine/compile";
import { parsePolicyText, parseYaml } from "@/lib/engine/policy-yaml";
import { runSuite, testSuiteSchema } from "@/lib/engine/test-suite";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { Prisma } from "@/lib/server/db";
import { fromEngineCase, summarise } from "@/lib/server/policies/test-cases";

export const DEMO_POLICY_KEY = "gtm-routing";

export function loadDemoPolicy() {
  const dir = path.join(process.cwd(), "examples");
  const policy = parsePolicyText(readFileSync(path.join(dir, "lumen-policy.yaml"), "utf8"));
  if (!policy.ok) throw new Error(`examples/lumen-policy.yaml is invalid: ${policy.problems.map((p) => p.message).join("; ")}`);
  const suiteYaml = parseYaml(readFileSync(path.join(dir, "lumen-suite.yaml"), "utf8"));
  if (!suiteYaml.ok) throw new Error("examples/lumen-suite.yaml is not valid YAML");
  const suite = testSuiteSchema.parse(suiteYaml.value);
  return { document: policy.policy, suite };
}

export async function seedDemoPolicy(
  tx: Prisma.TransactionClient,
  authorId: string,
  approver: { id: string; email: string },
  now: Date,
): Promise<void> {
  const { document, suite } = loadDemoPolicy();
  const compiled = compileValidated(document);
  const result = runSuite(compiled, suite);
  const policy = await tx.policy.create({ data: { key: DEMO_POLICY_KEY, name: document.name, description: document.description } });
  const version = await tx.policyVersion.create({
    data: {
      policyId: policy.id,
      number: 1,
      status: "PUBLISHED",
      document: JSON.parse(JSON.stringify(document)) as Prisma.InputJsonValue,
      contentHash: compiled.hash,
      changeNote:
        "First routing policy in Switchyard: named and strategic accounts stay with their owners, partner-owned accounts with their partner manager, customers with AM and CS; new logos by segment and territory. No routing into sensitive escalations or procurement.",
      summary: "First version of this policy.",
      authorId,
      submittedAt: now,
      reviewerId: approver.id,
      reviewedAt: now,
      publishedAt: now,
      publishedById: approver.id,
      suiteResult: JSON.parse(JSON.stringify(summarise(result, []))) as Prisma.InputJsonValue,
    },
  });
  await tx.policy.update({ where: { id: policy.id }, data: { liveVersionId: version.id } });
  await tx.testCase.createMany({
    data: suite.cases.map((c) => {
      const row = fromEngineCase(c);
      return {
        ...row,
        input: row.input as Prisma.InputJsonValue,
        expect: row.expect as Prisma.InputJsonValue,
        policyId: policy.id,
        createdById: authorId,
      };
    }),
  });
  await recordAudit(tx, approver, {
    action: "version.published",
    entityType: "policy_version",
    entityId: version.id,
    summary: `Published v1 of ${document.name} (${result.passed} passed, ${result.failed} failed)`,
  });
}
