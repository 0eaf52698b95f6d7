"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { startImpactAction } from "@/app/(console)/policies/actions";
import { ImpactMoves } from "@/components/policies/impact-moves";
import { ImpactReportBody } from "@/components/policies/impact-report";
import { RECENT_DECISIONS_LIMIT, type ImpactPopulation } from "@/lib/schemas/policies";
import type { ImpactRunView } from "@/lib/server/impact/impact-view";

const pct1 = (n: number, of: number) => `${(Math.round((n / of) * 1000) / 10).toLocaleString("en-US")} %`;
/** Accounts open their page; recently routed records their decisions in the log. */
const sampleHref = (run: ImpactRunView, id: string) =>
  run.population === "recent_decisions" ? `/decisions?q=${encodeURIComponent(id)}` : `/accounts/${encodeURIComponent(id)}`;
const noun = (run: ImpactRunView) => (run.population === "recent_decisions" ? "recently routed records" : "accounts");

async function fetchRun(id: string): Promise<ImpactRunView> {
  const res = await fetch(`/api/v1/impact-runs/${id}`);
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? "Could not load the impact preview.");
  return res.json() as Promise<ImpactRunView>;
}

/**
 * Runs the version and the live one over every stored account in a background worker; the
 * page shows progress and can be left: the last run is shown again when you come back.
 */
export function ImpactPreview({
  versionId,
  againstLabel,
  initialRunId,
}: {
  versionId: string;
  againstLabel: string;
  initialRunId: string | null;
}) {
  const [runId, setRunId] = useState<string | null>(initialRunId);
  const [error, setError] = useState<string | null>(null);
  const [population, setPopulation] = useState<ImpactPopulation>("accounts");
  const [pending, start] = useTransition();
  const { data: run, error: loadError } = useQuery({
    queryKey: ["impact-run", runId],
    queryFn: () => fetchRun(runId!),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "done" || q.state.data.status === "failed") ? false : 500),
  });
  const busy = run && (run.status === "queued" || run.status === "running");
  const pct = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : 0;
  const r = run?.report;

  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Impact preview">
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Impact preview</h2>
          <p className="mt-0.5 text-sm text-slate-500">Routed by this version and by {againstLabel}: what would change.</p>
        </div>
        <div className="flex items-center gap-2">
          <select
            aria-label="Preview over"
            value={population}
            onChange={(e) => setPopulation(e.target.value as ImpactPopulation)}
            className="rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm"
          >
            <option value="accounts">Every stored account</option>
            <option value="recent_decisions">The last {RECENT_DECISIONS_LIMIT.toLocaleString("en-US")} routed records</option>
          </select>
          <button
            type="button"
            disabled={pending || Boolean(busy)}
            onClick={() =>
              start(async () => {
                setError(null);
                const res = await startImpactAction({ versionId, population });
                if (!res.ok) return setError(res.error.message);
                setRunId(res.data.runId);
              })
            }
            className="whitespace-nowrap rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
          >
            {run ? "Run again" : "Preview impact"}
          </button>
        </div>
      </div>
      <div className="space-y-4 px-5 py-4 text-sm">
        {error || loadError ? (
          <p role="alert" className="text-rose-600">
            {error ?? (loadError as Error).message}
          </p>
        ) : null}
        {!run && !error ? <p className="text-slate-500">Not run yet for this version.</p> : null}
        {run && busy ? (
          <div>
            <div className="mb-1 flex justify-between text-xs text-slate-500">
              <span>
                {run.status === "queued"
                  ? "Waiting for a worker…"
                  : `Routing ${run.processed.toLocaleString("en-US")} of ${run.total.toLocaleString("en-US")} ${noun(run)}…`}
              </span>
              <span>{pct}%</span>
            </div>
            <div
              className="h-2 overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              aria-label="Impact preview progress"
            >
              <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${pct}%` }} />
            </div>
            <p className="mt-2 text-xs text-slate-500">
              You can leave this page; the preview keeps running and is here when you come back.
            </p>
          </div>
        ) : null}
        {run?.status === "failed" ? <p className="text-rose-600">The preview failed: {run.error}</p> : null}
        {run?.status === "done" && r ? (
          <ImpactReportBody
            testId="impact-result"
            report={r}
            samples={r.samples.map((s) => ({
              key: s.recordId,
              label: s.name,
              href: sampleHref(run, s.recordId),
              before: s.before,
              after: s.after,
            }))}
            moves={<ImpactMoves moves={r.moves} noun={noun(run)} otherMoves={r.otherMoves} sampleHref={(id) => sampleHref(run, id)} />}
            headline={
              <>
                <span className="font-semibold">{r.changed.toLocaleString("en-US")}</span> of {r.total.toLocaleString("en-US")} {noun(run)}{" "}
                would route differently
                {r.total ? ` (${pct1(r.changed, r.total)})` : ""}
                {r.changed ? (
                  <span data-testid="impact-split">
                    : {r.direct.toLocaleString("en-US")} because this change decides them differently
                    {r.knockOn
                      ? `, ${r.knockOn.toLocaleString("en-US")} as a knock-on (the same rule, but those moves changed who had room)`
                      : ""}
                  </span>
                ) : null}
                . {(r.total - r.changed).toLocaleString("en-US")} stay as they are. Every figure below counts {noun(run)} out of these{" "}
                {r.total.toLocaleString("en-US")}.
                {run.durationMs !== null ? (
                  <span className="text-sm text-slate-500"> · computed in {(run.durationMs / 1000).toFixed(1)} s</span>
                ) : null}
              </>
            }
          />
        ) : null}
      </div>
    </section>
  );
}
