import Link from "next/link";
import type { DecisionListRow } from "@/lib/server/decisions/list-decisions";
import { age, OutcomeBadge, SlaBadge } from "./outcome-badge";

/** The decision log's rows: record, outcome, who/where, rule, version, when. */
export function DecisionTable({
  rows,
  now,
  empty,
  showSla = false,
}: {
  rows: DecisionListRow[];
  now: Date;
  empty: string;
  showSla?: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Record</th>
            <th className="px-4 py-2 font-medium">Outcome</th>
            <th className="px-4 py-2 font-medium">Owner / queue</th>
            <th className="px-4 py-2 font-medium">Rule</th>
            <th className="px-4 py-2 font-medium">Version</th>
            {showSla ? <th className="px-4 py-2 font-medium">SLA</th> : null}
            <th className="px-4 py-2 font-medium">When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" data-testid="decision-rows">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={showSla ? 7 : 6} className="px-4 py-12 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50">
                <td className="px-4 py-2.5">
                  <Link href={`/decisions/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.recordId}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {r.objectType.replace(/_/g, " ")}
                    {r.accountExternalId ? ` · ${r.accountName ?? r.accountExternalId}` : ""}
                  </div>
                </td>
                <td className="px-4 py-2.5">
                  <OutcomeBadge kind={r.kind} reason={r.reasonCode ?? r.suppressionKey} />
                  {r.overrideCount > 0 ? <div className="mt-1 text-xs text-violet-700">overridden</div> : null}
                </td>
                <td className="px-4 py-2.5">
                  {r.currentAssigneeName ??
                    (r.currentQueueKey ? (
                      <span className="text-slate-600">queue {r.currentQueueKey}</span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    ))}
                  {r.overrideCount > 0 && r.assigneeName && r.assigneeName !== r.currentAssigneeName ? (
                    <div className="text-xs text-slate-500 line-through">{r.assigneeName}</div>
                  ) : null}
                </td>
                <td className="px-4 py-2.5">
                  <span className="font-mono text-xs">{r.ruleKey ?? r.suppressionKey ?? "—"}</span>
                  {r.intent ? <div className="text-xs text-slate-500">{r.intent.replace(/_/g, " ")}</div> : null}
                </td>
                <td className="px-4 py-2.5 text-slate-600">v{r.versionNumber}</td>
                {showSla ? (
                  <td className="px-4 py-2.5">
                    <SlaBadge due={r.slaDueAt} resolvedAt={r.resolvedAt} now={now} />
                  </td>
                ) : null}
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600" title={r.createdAt.toISOString()}>
                  {age(r.createdAt, now)} ago
                  <div className="text-xs text-slate-400">{r.source}</div>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Keyset paging: "Older →" carries the cursor; "Newest" goes back to the start. */
export function KeysetPager({
  path,
  params,
  next,
  count,
}: {
  path: string;
  params: Record<string, string>;
  next: string | null;
  count: number;
}) {
  const first = { ...params };
  delete first.after;
  const nextParams = next ? new URLSearchParams({ ...params, after: next }).toString() : null;
  const btn = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
      <span data-testid="page-summary">
        {count} decision{count === 1 ? "" : "s"} on this page{params.after ? " (not the first page)" : ""}
      </span>
      <div className="flex gap-2">
        {params.after ? (
          <Link className={btn} href={`${path}?${new URLSearchParams(first).toString()}`}>
            ← First page
          </Link>
        ) : null}
        {nextParams ? (
          <Link className={btn} href={`${path}?${nextParams}`}>
            Next page →
          </Link>
        ) : (
          <span className="rounded-md border border-slate-200 px-3 py-1.5 text-slate-300">Last page</span>
        )}
      </div>
    </div>
  );
}
