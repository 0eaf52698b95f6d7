import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar } from "@/components/data-table/filter-bar";
import { Pagination } from "@/components/data-table/pagination";
import { age } from "@/components/decisions/outcome-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { hasPermission } from "@/lib/auth/permissions";
import {
  DISPUTE_CATEGORIES,
  DISPUTE_CATEGORY_LABELS,
  DISPUTE_RESOLUTION_LABELS,
  DISPUTE_STATUS_LABELS,
  DISPUTE_STATUSES,
  disputeListQuery,
} from "@/lib/schemas/decisions";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listDisputes } from "@/lib/server/decisions/disputes";

export const metadata: Metadata = { title: "Disputes" };

const TONE = { open: "amber", in_review: "blue", resolved: "green", rejected: "gray" } as const;

export default async function DisputesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage(["disputes:read", "disputes:file"]);
  const triage = hasPermission(user.role, "disputes:triage");
  const raw = searchParamsToObject(await searchParams);
  const query = disputeListQuery.parse(raw);
  const list = await listDisputes(user, query);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Disputes"
        description={
          triage
            ? 'The field\'s "this should not have landed here". Take each into review, then resolve it as a rule, data, interface or policy repair — or reject it — with a note the filer reads.'
            : "Disputes you filed and RevOps' answers. File one from any decision you can see."
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        {DISPUTE_STATUSES.map((s) => (
          <Stat
            key={s}
            label={DISPUTE_STATUS_LABELS[s]}
            value={list.counts[s] ?? 0}
            href={`/disputes?status=${s}`}
            tone={s === "open" && (list.counts[s] ?? 0) > 0 ? "warn" : "default"}
          />
        ))}
      </div>
      <Card>
        <FilterBar
          fields={[
            {
              kind: "select",
              name: "status",
              label: "Status",
              options: DISPUTE_STATUSES.map((s) => ({ value: s, label: DISPUTE_STATUS_LABELS[s] })),
            },
            {
              kind: "select",
              name: "category",
              label: "Category",
              options: DISPUTE_CATEGORIES.map((c) => ({ value: c, label: DISPUTE_CATEGORY_LABELS[c] })),
            },
          ]}
        />
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Record</th>
              <th className="px-4 py-2 font-medium">Category</th>
              <th className="px-4 py-2 font-medium">Routed to → claimed</th>
              <th className="px-4 py-2 font-medium">Filed by</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Age</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="disputes-table">
            {list.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-12 text-center text-slate-500">
                  No disputes match.
                </td>
              </tr>
            ) : (
              list.rows.map((d) => (
                <tr key={d.id} className="align-top hover:bg-slate-50">
                  <td className="px-4 py-2.5">
                    <Link
                      className="font-medium text-brand-700 hover:underline"
                      href={triage ? `/disputes/${d.id}` : `/decisions/${d.decision.id}`}
                    >
                      {d.decision.recordId}
                    </Link>
                    <div className="text-xs text-slate-500">
                      rule {d.decision.ruleKey ?? "—"} · v{d.decision.versionNumber}
                    </div>
                  </td>
                  <td className="px-4 py-2.5">
                    {DISPUTE_CATEGORY_LABELS[d.category as keyof typeof DISPUTE_CATEGORY_LABELS] ?? d.category}
                    <div className="max-w-md truncate text-xs text-slate-500" title={d.text}>
                      {d.text}
                    </div>
                  </td>
                  <td className="px-4 py-2.5">
                    {d.assigneeName ?? (d.decision.queueKey ? `queue ${d.decision.queueKey}` : "—")} →{" "}
                    {d.claimedOwnerName ?? <span className="text-slate-400">not said</span>}
                  </td>
                  <td className="px-4 py-2.5">{d.filedByName}</td>
                  <td className="px-4 py-2.5">
                    <Badge tone={TONE[d.status as keyof typeof TONE] ?? "gray"}>
                      {DISPUTE_STATUS_LABELS[d.status as keyof typeof DISPUTE_STATUS_LABELS] ?? d.status}
                    </Badge>
                    {d.resolution ? (
                      <div className="mt-1 text-xs text-slate-600">
                        {DISPUTE_RESOLUTION_LABELS[d.resolution as keyof typeof DISPUTE_RESOLUTION_LABELS]}
                      </div>
                    ) : null}
                    {d.resolutionNote && !triage ? (
                      <div className="mt-1 max-w-xs text-xs text-slate-600">RevOps: {d.resolutionNote}</div>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{age(d.createdAt, d.resolvedAt ?? now)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <Pagination
          path="/disputes"
          params={raw}
          page={list.page}
          pageSize={25}
          total={list.total}
          pageCount={list.pageCount}
          noun="disputes"
        />
      </Card>
    </>
  );
}
