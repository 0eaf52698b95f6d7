import type { ImpactReport } from "@/lib/engine/impact";
import { db } from "@/lib/server/db";
import { memberNames } from "@/lib/server/decisions/member-names";
import { getImpactRun } from "./impact-runs";
import { policyNames } from "@/lib/server/policies/policy-names";
import { nameMoves, type MoveView } from "./impact-names";

export interface ImpactRunView {
  id: string;
  status: string;
  population: string;
  total: number;
  processed: number;
  error: string | null;
  durationMs: number | null;
  report:
    | (Omit<ImpactReport, "samples" | "moves"> & {
        samples: Array<{ recordId: string; name: string; before: string; after: string }>;
        moves: MoveView[];
      })
    | null;
}

/** What the console shows of a run: counts, the moves in names, and samples named by account. */
export async function impactRunView(id: string): Promise<ImpactRunView> {
  const run = await getImpactRun(id);
  const report = run.report as unknown as ImpactReport | null;
  let samples: Array<{ recordId: string; name: string; before: string; after: string }> = [];
  let byOwner: ImpactReport["byOwner"] = {};
  let moves: MoveView[] = [];
  let byQueue: ImpactReport["byQueue"] = {};
  if (report) {
    // Owners by name: the report keys are member keys (emails), as in policies.
    const name = await memberNames(Object.keys(report.byOwner));
    byOwner = Object.fromEntries(Object.entries(report.byOwner).map(([k, v]) => [name(k), v]));
    const { queues } = await policyNames([run.versionId, run.againstVersionId]);
    byQueue = Object.fromEntries(Object.entries(report.byQueue).map(([k, v]) => [queues.get(k) ?? k, v]));
    // Account previews: record ids are account external ids; recent-record previews: the records' own ids.
    const moves0 = report.moves ?? [];
    const names = new Map(
      (
        await db().account.findMany({
          where: { externalId: { in: [...report.samples.map((s) => s.recordId), ...moves0.flatMap((m) => m.samples)] } },
          select: { externalId: true, name: true },
        })
      ).map((a) => [a.externalId, a.name]),
    );
    samples = report.samples.map((s) => ({
      recordId: s.recordId,
      name: names.get(s.recordId) ?? s.recordId,
      before: s.before,
      after: s.after,
    }));
    moves = await nameMoves(moves0, [run.versionId, run.againstVersionId], names);
  }
  return {
    id: run.id,
    status: run.status,
    population: run.population,
    total: run.total,
    processed: run.processed,
    error: run.error,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    // Reports stored before moves were counted have none (and no direct/knock-on split).
    report: report
      ? {
          ...report,
          direct: report.direct ?? report.changed,
          knockOn: report.knockOn ?? 0,
          otherMoves: report.otherMoves ?? 0,
          byOwner,
          byQueue,
          samples,
          moves,
        }
      : null,
  };
}
