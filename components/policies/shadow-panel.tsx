"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startShadowAction, stopShadowAction } from "@/app/(console)/policies/actions";
import { ImpactReportBody } from "@/components/policies/impact-report";
import type { ShadowReportView } from "@/lib/server/shadow/shadow-report";

async function fetchReport(id: string): Promise<ShadowReportView> {
  const res = await fetch(`/api/v1/shadow-runs/${id}`);
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? "Could not load the shadow report.");
  return res.json() as Promise<ShadowReportView>;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/**
 * Shadow mode on a version: start it (submitted or approved versions), watch the report fill
 * with real traffic (refreshed every few seconds while it runs), stop it.
 */
export function ShadowPanel({
  versionId,
  eligible,
  canShadow,
  runId,
}: {
  versionId: string;
  eligible: boolean;
  canShadow: boolean;
  runId: string | null;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { data, error: loadError } = useQuery({
    queryKey: ["shadow-run", runId],
    queryFn: () => fetchReport(runId!),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data?.run.active ? 5_000 : false),
  });
  const run = data?.run;
  const r = data?.report;

  const act = (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    start(async () => {
      setError(null);
      const res = await fn();
      if (!res.ok) return setError(res.error?.message ?? "That did not work.");
      await queryClient.invalidateQueries({ queryKey: ["shadow-run"] });
      router.refresh();
    });

  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Shadow mode">
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            Shadow mode
            {run?.active ? (
              <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800">running</span>
            ) : null}
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Every live decision is also evaluated with this version — same record, account and state — and never acted on.
          </p>
        </div>
        {canShadow ? (
          run?.active ? (
            <button
              type="button"
              disabled={pending}
              onClick={() => act(() => stopShadowAction({ runId: run.id }))}
              className="whitespace-nowrap rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
            >
              {pending ? "Stopping…" : "Stop shadow"}
            </button>
          ) : eligible ? (
            <button
              type="button"
              disabled={pending}
              onClick={() => act(() => startShadowAction({ versionId }))}
              className="whitespace-nowrap rounded-lg bg-violet-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-violet-700 disabled:opacity-60"
            >
              {pending ? "Starting…" : run ? "Run in shadow again" : "Run in shadow"}
            </button>
          ) : null
        ) : null}
      </div>
      <div className="space-y-3 px-5 py-4 text-sm">
        {error || loadError ? (
          <p role="alert" className="text-rose-600">
            {error ?? (loadError as Error).message}
          </p>
        ) : null}
        {!runId ? (
          <p className="text-slate-500">
            {eligible
              ? "Not run in shadow yet. Start it to see how this version would have routed real traffic."
              : "Submit this version to run it in shadow."}
          </p>
        ) : null}
        {run ? (
          <p className="text-xs text-slate-500" data-testid="shadow-status">
            {run.stoppedAt
              ? `Ran in shadow from ${when(run.startedAt)} to ${when(run.stoppedAt)} (started by ${run.startedByEmail}; ended: ${run.stopReason ?? "stopped"})`
              : `In shadow since ${when(run.startedAt)} (started by ${run.startedByEmail})`}
            {data.against.length
              ? ` · compared with live ${data.against.map((a) => `v${a.versionNumber} (${a.decisions.toLocaleString("en-US")})`).join(", ")}`
              : ""}
          </p>
        ) : null}
        {run && r ? (
          r.total === 0 ? (
            <p className="text-slate-500">
              No live decision yet since the shadow started{run.active ? "; this refreshes by itself." : "."}
            </p>
          ) : (
            <ImpactReportBody
              testId="shadow-result"
              report={r}
              samples={r.samples.map((s) => ({
                key: s.decisionId,
                label: s.recordId,
                href: `/decisions/${s.decisionId}`,
                before: s.before,
                after: s.after,
              }))}
              headline={
                <>
                  <span className="font-semibold">{r.changed.toLocaleString("en-US")}</span> of {r.total.toLocaleString("en-US")} live
                  decisions would have routed differently
                </>
              }
            />
          )
        ) : null}
      </div>
    </section>
  );
}
