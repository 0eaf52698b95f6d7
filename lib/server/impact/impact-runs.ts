/**
 * Impact preview: the version and the one it is compared with (usually live) both route every
 * stored account — each as an inbound lead from that company, matched and rolled up as the
 * engine does — and the differences are counted: per owner, per queue, new suppressions, new
 * exceptions, with samples. Runs in a pg-boss worker in chunks, writing progress as it goes.
 */
import { evaluateMany } from "@/lib/engine/evaluate";
import { ImpactAccumulator, sameActionIn, type ImpactItem } from "@/lib/engine/impact";
import { buildAccountIndex, matchingOptionsFor, matchRecord } from "@/lib/engine/matching";
import type { ObjectType } from "@/lib/engine/policy-schema";
import type { AccountContext, RoutedRecord, RoutingState } from "@/lib/engine/types";
import { AppError } from "@/lib/errors";
import { RECENT_DECISIONS_LIMIT, type ImpactPopulation } from "@/lib/schemas/policies";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { db, type Prisma } from "@/lib/server/db";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";
import { compileDocument } from "@/lib/server/policies/compiled-cache";
import { loadAccountContexts, loadRoutingState } from "@/lib/server/routing/routing-context";

const CHUNK = 5_000;
const PREFERRED_TYPES: ObjectType[] = ["lead", "demo_request", "product_signal", "partner_referral", "agent_action", "renewal", "account"];

/** An account as the record an impact preview routes: an inbound lead from that company. */
export function accountAsRecord(a: AccountContext, type: ObjectType): RoutedRecord {
  return {
    id: String(a.id),
    type,
    fields: {
      account_id: a.id,
      email_domain: a.domain ?? null,
      segment: a.segment ?? null,
      region: a.region ?? null,
      fit_score: a.fit_score ?? null,
      lead_source: "inbound_demo",
      signal_score: a.fit_score ?? null,
    },
  };
}

/** Decisions made by any version of the policy (a preview replays that policy's own traffic). */
async function ofPolicy(policyId: string) {
  const versions = await db().policyVersion.findMany({ where: { policyId }, select: { id: true } });
  return { policyVersionId: { in: versions.map((v) => v.id) } };
}

export async function requestImpactRun(
  user: CurrentUser,
  versionId: string,
  againstVersionId?: string,
  population: ImpactPopulation = "accounts",
) {
  assertCan(user, "policies:read", "preview impact");
  const version = await db().policyVersion.findUnique({ where: { id: versionId }, include: { policy: true } });
  if (!version) throw new AppError("NOT_FOUND", "That policy version does not exist.");
  const against = againstVersionId ?? version.policy.liveVersionId;
  if (!against) throw new AppError("VALIDATION", "There is no live version to compare with.");
  if (!compileDocument(version.document).ok) throw new AppError("VALIDATION", "Fix the version's problems before previewing its impact.");
  const total =
    population === "accounts"
      ? await db().account.count()
      : Math.min(RECENT_DECISIONS_LIMIT, await db().decision.count({ where: await ofPolicy(version.policyId) }));
  if (total === 0)
    throw new AppError(
      "VALIDATION",
      population === "accounts"
        ? "There are no stored accounts to preview on."
        : "Nothing has been routed yet: preview on the stored accounts instead.",
    );
  const run = await db().impactRun.create({
    data: { versionId, againstVersionId: against, requestedByEmail: user.email, total, population },
  });
  await (await getBoss()).send(QUEUES.impactPreview, { runId: run.id }, { retryLimit: 1, expireInSeconds: 15 * 60 });
  return run;
}

export async function getImpactRun(id: string) {
  const run = await db().impactRun.findUnique({ where: { id } });
  if (!run) throw new AppError("NOT_FOUND", "That impact preview does not exist.");
  return run;
}

export async function latestImpactRun(versionId: string) {
  return db().impactRun.findFirst({ where: { versionId }, orderBy: { createdAt: "desc" } });
}

/**
 * The last finished impact preview of a version, as the publish confirmation states it; `stale`
 * when it ran before the version was submitted (the draft may have changed after it).
 */
export async function impactSummary(
  versionId: string,
): Promise<{ changed: number; total: number; against: number; stale: boolean } | null> {
  const run = await db().impactRun.findFirst({ where: { versionId, status: "done" }, orderBy: { createdAt: "desc" } });
  if (!run) return null;
  const report = run.report as { total?: number; changed?: number } | null;
  const [against, version] = await Promise.all([
    db().policyVersion.findUnique({ where: { id: run.againstVersionId }, select: { number: true } }),
    db().policyVersion.findUnique({ where: { id: versionId }, select: { submittedAt: true } }),
  ]);
  return {
    changed: report?.changed ?? 0,
    total: report?.total ?? run.total,
    against: against?.number ?? 0,
    stale: Boolean(version?.submittedAt && run.createdAt < version.submittedAt),
  };
}

/** The worker's job: compute the report in chunks, recording progress. */
export async function executeImpactRun(runId: string, now = new Date()): Promise<void> {
  const run = await getImpactRun(runId);
  if (run.status === "done") return;
  await db().impactRun.update({ where: { id: runId }, data: { status: "running", startedAt: new Date(), processed: 0, error: null } });
  try {
    const [version, against] = await Promise.all([
      db().policyVersion.findUniqueOrThrow({ where: { id: run.versionId } }),
      db().policyVersion.findUniqueOrThrow({ where: { id: run.againstVersionId } }),
    ]);
    const after = compileDocument(version.document);
    const before = compileDocument(against.document);
    if (!after.ok || !before.ok) throw new Error("One of the versions is not a valid policy.");
    const t0 = performance.now();
    const [accounts, state] = await Promise.all([loadAccountContexts(), loadRoutingState()]);
    const tLoaded = performance.now();
    const type = PREFERRED_TYPES.find((t) => after.compiled.policy.objectTypes.includes(t)) ?? after.compiled.policy.objectTypes[0]!;
    const index = buildAccountIndex(accounts, matchingOptionsFor(after.compiled.policy));
    const records: RoutedRecord[] =
      run.population === "recent_decisions"
        ? // The records of the latest decisions, as they came in (matched against today's accounts), oldest first.
          (
            await db().decision.findMany({
              where: await ofPolicy(version.policyId),
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              take: RECENT_DECISIONS_LIMIT,
              select: { record: true },
            })
          )
            .map((d) => d.record as unknown as RoutedRecord)
            .reverse()
        : accounts.filter((a) => a.is_product_workspace !== true).map((a) => accountAsRecord(a, type));
    const items: ImpactItem[] = records.map((record) => ({
      record,
      context: record?.fields && typeof record.fields === "object" ? matchRecord(record, index) : null,
    }));
    const tMatched = performance.now();
    await db().impactRun.update({ where: { id: runId }, data: { total: items.length } });

    const acc = new ImpactAccumulator(40, sameActionIn(before.compiled, after.compiled));
    let stateA: RoutingState = state;
    let stateB: RoutingState = state;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      const a = evaluateMany(before.compiled, chunk, stateA, now, { trace: false });
      const b = evaluateMany(after.compiled, chunk, stateB, now, { trace: false });
      stateA = a.nextState;
      stateB = b.nextState;
      chunk.forEach((item, j) => acc.add(item.record.id, a.decisions[j]!, b.decisions[j]!));
      await db().impactRun.update({ where: { id: runId }, data: { processed: Math.min(items.length, i + CHUNK) } });
    }
    const report = acc.result();
    if (process.env.SWITCHYARD_TIMINGS === "1") {
      console.log(
        `[impact] load ${Math.round(tLoaded - t0)} ms · match ${Math.round(tMatched - tLoaded)} ms · route ${Math.round(performance.now() - tMatched)} ms`,
      );
    }
    await db().impactRun.update({
      where: { id: runId },
      data: {
        status: "done",
        finishedAt: new Date(),
        processed: items.length,
        report: JSON.parse(JSON.stringify(report)) as Prisma.InputJsonValue,
      },
    });
  } catch (error) {
    await db().impactRun.update({
      where: { id: runId },
      data: { status: "failed", finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
}
