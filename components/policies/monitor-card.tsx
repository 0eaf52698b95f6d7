import { rollbackAction } from "@/app/(console)/policies/actions";
import { ActionButton } from "@/components/policies/action-button";
import { Card, CardHeader } from "@/components/ui/card";
import { monitorVersion } from "@/lib/server/monitor/publish-monitor";

const rate = (n: number, t: number) => (t ? `${Math.round((n / t) * 1000) / 10} %` : "—");

/**
 * On a published version: routing since it went live against the same time before. On the live
 * version, people who may publish get "Roll back to vN" here too: one click with the alerts as
 * the reason when the monitor raised any, else the rollback form (the reason asked for).
 */
export async function MonitorCard({
  versionId,
  live = false,
  canRollBack = false,
  rollbackThroughReview = false,
}: {
  versionId: string;
  live?: boolean;
  canRollBack?: boolean;
  rollbackThroughReview?: boolean;
}) {
  const r = await monitorVersion(versionId);
  if (!r) return null;
  const queues = [...new Set([...Object.keys(r.before.byQueue), ...Object.keys(r.after.byQueue)])]
    .map((q) => ({ q, before: r.before.byQueue[q] ?? 0, after: r.after.byQueue[q] ?? 0 }))
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before))
    .slice(0, 6);
  return (
    <Card>
      <CardHeader
        title="Post-publish monitor"
        description={`The ${r.windowMinutes >= 120 ? `${Math.round(r.windowMinutes / 60)} h` : `${r.windowMinutes} min`} after v${r.versionNumber} went live, against the same time before.`}
      />
      <div className="space-y-3 px-5 py-4 text-sm" data-testid="monitor-card">
        {r.alerts.length ? (
          <ul className="list-disc space-y-0.5 pl-5 text-amber-800">
            {r.alerts.map((a) => (
              <li key={`${a.metric}-${a.key}`}>{a.message}</li>
            ))}
          </ul>
        ) : (
          <p className="text-emerald-700">No metric beyond its threshold{r.after.total < 20 ? " (too few decisions yet to judge)" : ""}.</p>
        )}
        {live && canRollBack && r.previous ? (
          <div className="flex flex-wrap items-center gap-3" data-testid="monitor-rollback">
            {r.alerts.length ? (
              <ActionButton
                variant="secondary"
                action={rollbackAction}
                input={{ versionId: r.previous.id, reason: `Post-publish monitor: ${r.alerts.map((a) => a.message).join(" ")}` }}
              >
                {rollbackThroughReview ? `Submit a rollback to v${r.previous.number} for review` : `Roll back to v${r.previous.number}`}
              </ActionButton>
            ) : (
              <a
                href="#rollback-reason"
                className="rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
              >
                Roll back to v{r.previous.number}…
              </a>
            )}
            <span className="text-xs text-slate-500">
              {rollbackThroughReview
                ? "Goes through review like any change (policy setting)."
                : "An emergency step: live at once, without review, and labelled so."}
            </span>
          </div>
        ) : null}
        <p className="text-xs text-slate-500">
          Thresholds: exception or suppression rate +{r.thresholds.exceptionRatePoints}/+{r.thresholds.suppressionRatePoints} points; a
          queue or owner at {r.thresholds.volumeRatio}× its baseline and ≥ {r.thresholds.volumeMin} records; judged from{" "}
          {r.thresholds.minDecisions} decisions (set on Insights).
        </p>
        <table className="w-full text-xs">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1 font-medium" />
              <th className="py-1 font-medium">Before</th>
              <th className="py-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr>
              <td className="py-1">Decisions</td>
              <td className="py-1 tabular-nums">{r.before.total}</td>
              <td className="py-1 tabular-nums">{r.after.total}</td>
            </tr>
            <tr>
              <td className="py-1">Exception rate</td>
              <td className="py-1 tabular-nums">{rate(r.before.exceptions, r.before.total)}</td>
              <td className="py-1 tabular-nums">{rate(r.after.exceptions, r.after.total)}</td>
            </tr>
            <tr>
              <td className="py-1">Suppression rate</td>
              <td className="py-1 tabular-nums">{rate(r.before.suppressed, r.before.total)}</td>
              <td className="py-1 tabular-nums">{rate(r.after.suppressed, r.after.total)}</td>
            </tr>
            {queues.map((q) => (
              <tr key={q.q}>
                <td className="py-1 font-mono">{q.q}</td>
                <td className="py-1 tabular-nums">{q.before}</td>
                <td className="py-1 tabular-nums">{q.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
