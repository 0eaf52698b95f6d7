import { Card, CardHeader } from "@/components/ui/card";
import { monitorVersion } from "@/lib/server/monitor/publish-monitor";

const rate = (n: number, t: number) => (t ? `${Math.round((n / t) * 1000) / 10} %` : "—");

/** On a published version: routing since it went live against the same time before. */
export async function MonitorCard({ versionId }: { versionId: string }) {
  const r = await monitorVersion(versionId);
  if (!r) return null;
  const queues = [...new Set([...Object.keys(r.before.byQueue), ...Object.keys(r.after.byQueue)])]
    .map((q) => ({ q, before: r.before.byQueue[q] ?? 0, after: r.after.byQueue[q] ?? 0 }))
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before))
    .slice(0, 6);
  return (
    <Card>
      <CardHeader title="Post-publish monitor" description={`The ${r.windowMinutes >= 120 ? `${Math.round(r.windowMinutes / 60)} h` : `${r.windowMinutes} min`} after v${r.versionNumber} went live, against the same time before.`} />
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
        <p className="text-xs text-slate-500">
          Thresholds: exception or suppression rate +{r.thresholds.exceptionRatePoints}/+{r.thresholds.suppressionRatePoints} points; a queue or owner at {r.thresholds.volumeRatio}× its baseline and ≥ {r.thresholds.volumeMin} records; judged from {r.thresholds.minDecisions} decisions (set on Insights).
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
