import { validatePolicy } from "@/lib/engine/validate-policy";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";

const person = { select: { id: true, name: true, email: true } } as const;

export async function listPolicies() {
  return db().policy.findMany({
    orderBy: { name: "asc" },
    include: { liveVersion: { include: { publishedBy: person } }, _count: { select: { versions: true, testCases: true } } },
  });
}

export async function getPolicyWithVersions(policyId?: string) {
  const policy = policyId
    ? await db().policy.findUnique({ where: { id: policyId } })
    : await db().policy.findFirst({ orderBy: { createdAt: "asc" } });
  if (!policy) return null;
  const versions = await db().policyVersion.findMany({
    where: { policyId: policy.id },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      status: true,
      changeNote: true,
      summary: true,
      createdAt: true,
      submittedAt: true,
      reviewedAt: true,
      publishedAt: true,
      overrideReason: true,
      rollbackOfId: true,
      author: person,
      reviewer: person,
      publishedBy: person,
    },
  });
  return { policy, versions };
}

export async function getVersion(id: string) {
  const version = await db().policyVersion.findUnique({
    where: { id },
    include: { policy: true, author: person, reviewer: person, publishedBy: person },
  });
  if (!version) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  const base = version.baseVersionId
    ? await db().policyVersion.findUnique({ where: { id: version.baseVersionId }, select: { id: true, number: true, document: true } })
    : null;
  const live = version.policy.liveVersionId
    ? await db().policyVersion.findUnique({
        where: { id: version.policy.liveVersionId },
        select: { id: true, number: true, document: true },
      })
    : null;
  const validation = validatePolicy(version.document);
  return { version, base, live, validation };
}

/** The version that was live before the live one (what a rollback from the live version restores). */
export async function previousLiveVersion(policyId: string, liveVersionId: string): Promise<{ id: string; number: number } | null> {
  return db().policyVersion.findFirst({
    where: { policyId, id: { not: liveVersionId }, status: "SUPERSEDED", publishedAt: { not: null } },
    orderBy: { publishedAt: "desc" },
    select: { id: true, number: true },
  });
}

/** Published versions, newest first: the field changelog. */
export async function listChangelog(limit = 50) {
  return db().policyVersion.findMany({
    where: { publishedAt: { not: null } },
    orderBy: { publishedAt: "desc" },
    take: limit,
    select: {
      id: true,
      number: true,
      status: true,
      changeNote: true,
      summary: true,
      publishedAt: true,
      overrideReason: true,
      rollbackOfId: true,
      policy: { select: { name: true } },
      publishedBy: person,
    },
  });
}
