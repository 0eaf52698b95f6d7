/**
 * A shadow run's report: how many live decisions it saw, how many the shadow version would
 * have changed and how — counted by the same ImpactAccumulator as the impact preview, so the
 * two read alike (and agree on the same inputs: lib/server/shadow/shadow.int.test.ts).
 */
import { readStoredDecision } from "@/lib/server/decisions/stored-decision";
import { describeDecision } from "@/lib/engine/explain";
import { ImpactAccumulator, sameActionIn, type ImpactReport, type SameAction } from "@/lib/engine/impact";
import { compileDocument } from "@/lib/server/policies/compiled-cache";
import type { Decision } from "@/lib/engine/types";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { memberNames } from "@/lib/server/decisions/member-names";

const PAGE = 5_000;
const SAMPLES = 40;

export interface ShadowSample {
  decisionId: string;
  recordId: string;
  before: string;
  after: string;
}

export interface ShadowReportView {
  run: {
    id: string;
    versionId: string;
    versionNumber: number;
    startedAt: string;
    startedByEmail: string;
    stoppedAt: string | null;
    stoppedByEmail: string | null;
    stopReason: string | null;
    active: boolean;
  };
  /** The live versions the run was compared with, and how many decisions each made. */
  against: Array<{ versionNumber: number; decisions: number }>;
  report: Omit<ImpactReport, "samples"> & { samples: ShadowSample[] };
}

/** The engine's report over the run: every difference read (newest first), the rest counted as unchanged. */
export async function shadowImpactReport(runId: string): Promise<ImpactReport> {
  return (await readRun(runId)).report;
}

/**
 * Direct or knock-on, as the impact preview tells them: a rule acts the same when it does in the
 * shadow version and in every live version the run was compared with.
 */
async function sameActionForRun(runId: string): Promise<SameAction> {
  const run = await db().shadowRun.findUnique({ where: { id: runId }, select: { versionId: true } });
  if (!run) return () => false;
  const liveIds = (await db().decision.groupBy({ by: ["policyVersionId"], where: { shadowRunId: runId } })).map((g) => g.policyVersionId);
  const versions = await db().policyVersion.findMany({
    where: { id: { in: [run.versionId, ...liveIds] } },
    select: { id: true, document: true },
  });
  const compiled = (id: string) => {
    const c = compileDocument(versions.find((v) => v.id === id)?.document);
    return c.ok ? c.compiled : null;
  };
  const shadow = compiled(run.versionId);
  const lives = liveIds.map(compiled);
  if (!shadow || lives.some((l) => l === null)) return () => false;
  const checks = lives.map((live) => sameActionIn(live!, shadow));
  return (ruleKey) => checks.every((same) => same(ruleKey));
}

/** The report, and the record ids of its samples (whose ids are decision ids: what examples link to). */
async function readRun(runId: string): Promise<{ report: ImpactReport; recordIds: Map<string, string> }> {
  const acc = new ImpactAccumulator(SAMPLES, await sameActionForRun(runId));
  const recordIds = new Map<string, string>();
  let differences = 0;
  let cursor: { createdAt: Date; decisionId: string } | null = null;
  for (;;) {
    const page: Array<{ decisionId: string; recordId: string; createdAt: Date; liveDecision: unknown; shadowDecision: unknown }> =
      await db().shadowDiff.findMany({
        where: {
          runId,
          ...(cursor
            ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, decisionId: { lt: cursor.decisionId } }] }
            : {}),
        },
        orderBy: [{ createdAt: "desc" }, { decisionId: "desc" }],
        take: PAGE,
        select: { decisionId: true, recordId: true, createdAt: true, liveDecision: true, shadowDecision: true },
      });
    for (const d of page) {
      acc.add(d.decisionId, d.liveDecision as Decision, d.shadowDecision as Decision);
      if (recordIds.size < SAMPLES) recordIds.set(d.decisionId, d.recordId);
    }
    differences += page.length;
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    cursor = { createdAt: last.createdAt, decisionId: last.decisionId };
  }
  const evaluated = await db().decision.count({ where: { shadowRunId: runId } });
  acc.addUnchanged(Math.max(0, evaluated - differences));
  return { report: acc.result(), recordIds };
}

export async function shadowReport(runId: string): Promise<ShadowReportView> {
  const run = await db().shadowRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("NOT_FOUND", "That shadow run does not exist.");
  const [version, { report: counts, recordIds }, against, policy] = await Promise.all([
    db().policyVersion.findUniqueOrThrow({ where: { id: run.versionId }, select: { number: true } }),
    readRun(runId),
    db().decision.groupBy({
      by: ["versionNumber"],
      where: { shadowRunId: runId },
      _count: { _all: true },
      orderBy: { versionNumber: "asc" },
    }),
    db().policy.findUnique({ where: { id: run.policyId }, select: { shadowRunId: true } }),
  ]);
  const names = await memberNames(Object.keys(counts.byOwner));
  return {
    run: {
      id: run.id,
      versionId: run.versionId,
      versionNumber: version.number,
      startedAt: run.startedAt.toISOString(),
      startedByEmail: run.startedByEmail,
      stoppedAt: run.stoppedAt?.toISOString() ?? null,
      stoppedByEmail: run.stoppedByEmail,
      stopReason: run.stopReason,
      active: policy?.shadowRunId === run.id,
    },
    against: against.map((a) => ({ versionNumber: a.versionNumber, decisions: a._count._all })),
    report: {
      ...counts,
      byOwner: Object.fromEntries(Object.entries(counts.byOwner).map(([k, v]) => [names(k), v])),
      // The accumulator's sample ids are decision ids (what the examples link to).
      samples: counts.samples.map((s) => ({
        decisionId: s.recordId,
        recordId: recordIds.get(s.recordId) ?? s.recordId,
        before: s.before,
        after: s.after,
      })),
    },
  };
}

/** On a decision page: what the shadow version would have done instead (null when it agreed or none ran). */
export async function shadowDifferenceOf(decisionId: string) {
  const diff = await db().shadowDiff.findUnique({ where: { decisionId } });
  if (!diff) return null;
  const run = await db().shadowRun.findUnique({ where: { id: diff.runId }, select: { versionId: true } });
  const version = run ? await db().policyVersion.findUnique({ where: { id: run.versionId }, select: { id: true, number: true } }) : null;
  const shadow = readStoredDecision(diff.shadowDecision, diff.decisionId);
  const name = await memberNames([shadow.kind === "assigned" ? shadow.assignee : null]);
  return { before: diff.before, after: diff.after, explanation: describeDecision(shadow, name), version };
}
