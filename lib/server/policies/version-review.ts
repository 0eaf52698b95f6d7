/**
 * Everything the version page shows about one version: validation and lint, the stored suite
 * run on exactly this document, and the diff against another version (chosen, else live —
 * or, for the live version, its base). One place, so the page only renders.
 */
import { lintPolicy } from "@/lib/engine/lint";
import { diffPolicies } from "@/lib/engine/policy-diff";
import { validatePolicy } from "@/lib/engine/validate-policy";
import { db } from "@/lib/server/db";
import { compileDocument } from "./compiled-cache";
import { getVersion } from "./queries";
import { loadSuite, runStoredSuite } from "./test-cases";

export async function getVersionReview(id: string, againstId?: string) {
  const { version, base, live, validation } = await getVersion(id);
  const isLive = version.policy.liveVersionId === version.id;
  const compiled = compileDocument(version.document);
  const suiteRun = compiled.ok ? await runStoredSuite(version.policyId, compiled.compiled) : null;
  const chosen =
    againstId && againstId !== version.id
      ? await db().policyVersion.findFirst({
          where: { id: againstId, policyId: version.policyId },
          select: { id: true, number: true, document: true },
        })
      : null;
  const against = chosen ?? (isLive ? base : live);
  const againstDoc = against ? validatePolicy(against.document) : null;
  return {
    version,
    live,
    isLive,
    validation,
    warnings: validation.ok ? lintPolicy(version.document) : [],
    suiteRun,
    /** The cases, for editors that run them as you type (also when the document does not compile). */
    suite: suiteRun?.suite ?? (await loadSuite(version.policyId)).suite,
    against,
    diff: validation.ok && againstDoc?.ok ? diffPolicies(againstDoc.policy, validation.policy) : null,
  };
}
