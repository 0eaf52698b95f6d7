import Link from "next/link";
import type { ReactNode } from "react";
import type { ImpactReport } from "@/lib/engine/impact";

export interface ReportSample {
  key: string;
  label: string;
  href?: string;
  before: string;
  after: string;
}

type Counts = Record<string, { gained: number; lost: number }>;
const byMovement = (m: Counts) => Object.entries(m).sort((a, b) => b[1].gained + b[1].lost - (a[1].gained + a[1].lost));

function Table({ title, rows }: { title: string; rows: Array<[string, { gained: number; lost: number }]> }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <table className="mt-1 w-full text-sm">
        <tbody className="divide-y divide-slate-100">
          {rows.slice(0, 10).map(([k, v]) => (
            <tr key={k}>
              <td className="py-1 pr-2 text-slate-800">{k}</td>
              <td className="py-1 text-right tabular-nums text-emerald-700">+{v.gained}</td>
              <td className="py-1 pl-3 text-right tabular-nums text-rose-700">−{v.lost}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Transitions({ report }: { report: Pick<ImpactReport, "byTransition"> }) {
  return (
    <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-700">
      {report.byTransition.slice(0, 8).map((t) => (
        <li key={`${t.before}${t.after}`}>
          {t.count.toLocaleString("en-US").padStart(6)} {t.before} → {t.after}
        </li>
      ))}
    </ul>
  );
}

/** What an impact preview or a shadow run found: the headline, owners and queues, transitions, examples. */
export function ImpactReportBody({
  report,
  headline,
  samples,
  testId,
  moves,
}: {
  report: Omit<ImpactReport, "samples" | "moves">;
  headline: ReactNode;
  samples: ReportSample[];
  testId: string;
  moves?: ReactNode;
}) {
  return (
    <div className="space-y-4" data-testid={testId}>
      <p className="text-base text-slate-900">{headline}</p>
      {moves}
      {report.newlySuppressed || report.noLongerSuppressed || Object.keys(report.newExceptions).length ? (
        <p className="text-amber-800">
          {report.newlySuppressed ? `${report.newlySuppressed} newly suppressed. ` : ""}
          {report.noLongerSuppressed ? `${report.noLongerSuppressed} no longer suppressed. ` : ""}
          {Object.entries(report.newExceptions)
            .map(([k, v]) => `${v} new ${k} exceptions`)
            .join(", ")}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Table title="By owner" rows={byMovement(report.byOwner)} />
        <Table title="By queue" rows={byMovement(report.byQueue)} />
      </div>
      {report.byTransition.length ? (
        moves ? (
          <details>
            <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">As outcome codes</summary>
            <Transitions report={report} />
          </details>
        ) : (
          <div>
            <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">What moves where</h4>
            <Transitions report={report} />
          </div>
        )
      ) : null}
      {samples.length ? (
        <details>
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">
            Examples ({samples.length})
          </summary>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
            {samples.map((s) => (
              <li key={s.key}>
                {s.href ? (
                  <Link href={s.href} className="font-medium text-brand-700 hover:underline">
                    {s.label}
                  </Link>
                ) : (
                  <span className="font-medium">{s.label}</span>
                )}
                : {s.before} → {s.after}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
