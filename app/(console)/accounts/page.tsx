import Link from "next/link";
import type { Metadata } from "next";
import { FilterBar } from "@/components/data-table/filter-bar";
import { Pagination } from "@/components/data-table/pagination";
import { PlainHeader, SortHeader } from "@/components/data-table/sort-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import {
  ACCOUNT_FLAGS,
  accountListQuery,
  CUSTOMER_STATUSES,
  FLAG_LABELS,
  REGIONS,
  SEGMENT_LABELS,
  SEGMENTS,
  STATUS_LABELS,
} from "@/lib/schemas/accounts";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { requirePage } from "@/lib/server/auth/with-permission";
import { hasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Accounts" };

const FLAG_TONES: Record<string, BadgeTone> = {
  strategic: "violet",
  named: "violet",
  open_opportunity: "blue",
  in_renewal: "blue",
  in_procurement: "amber",
  sensitive_escalation: "red",
  partner_owned: "green",
  workspace: "gray",
  unlinked_workspace: "amber",
  missing_firmographics: "amber",
};

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("accounts:read");
  const raw = searchParamsToObject(await searchParams);
  const query = accountListQuery.parse(raw);
  const result = await listAccounts(query);
  const path = "/accounts";
  const sortProps = { path, params: raw, sort: query.sort, dir: query.dir };

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The account context routing reads: firmographics, customer status, owners, partner ownership and hierarchy. Kept in sync from your CRM (PUT /api/v1/accounts/{externalId}) or by CSV import."
        actions={
          hasPermission(user.role, "accounts:import") ? (
            <Link
              href="/accounts/import"
              className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
            >
              Import CSV
            </Link>
          ) : null
        }
      />
      <Card>
        <FilterBar
          fields={[
            { kind: "search", name: "q", label: "Search", placeholder: "Name, domain or ACC- id" },
            { kind: "select", name: "segment", label: "Segment", options: SEGMENTS.map((s) => ({ value: s, label: SEGMENT_LABELS[s] })) },
            { kind: "select", name: "region", label: "Region", options: REGIONS.map((r) => ({ value: r, label: r })) },
            {
              kind: "select",
              name: "status",
              label: "Status",
              options: CUSTOMER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
            },
            { kind: "select", name: "flag", label: "Context", options: ACCOUNT_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] })) },
          ]}
        />
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <SortHeader label="Account" column="name" {...sortProps} />
                <SortHeader label="Segment" column="segment" {...sortProps} />
                <SortHeader label="Region" column="region" {...sortProps} />
                <SortHeader label="Employees" column="employees" align="right" {...sortProps} />
                <SortHeader label="Status" column="status" {...sortProps} />
                <SortHeader label="Fit" column="fit" align="right" {...sortProps} />
                <PlainHeader label="Owner" />
                <PlainHeader label="Context" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="accounts-table">
              {result.rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="px-4 py-12 text-center text-slate-500">
                    No accounts match these filters.
                  </td>
                </tr>
              ) : (
                result.rows.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50/60">
                    <td className="px-4 py-2.5">
                      <Link
                        href={`/accounts/${encodeURIComponent(a.externalId)}`}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {a.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {a.externalId}
                        {a.domain ? ` · ${a.domain}` : " · no domain"}
                        {a.parent ? ` · child of ${a.parent.name}` : ""}
                        {a.childCount > 0 ? ` · ${a.childCount} child account${a.childCount > 1 ? "s" : ""}` : ""}
                      </div>
                    </td>
                    <td className="px-4 py-2.5">
                      {a.segment ? (
                        SEGMENT_LABELS[a.segment as keyof typeof SEGMENT_LABELS]
                      ) : (
                        <span className="text-amber-700">unknown</span>
                      )}
                    </td>
                    <td className="px-4 py-2.5">{a.region ?? <span className="text-amber-700">unknown</span>}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{a.employeeCount?.toLocaleString("en-US") ?? "—"}</td>
                    <td className="px-4 py-2.5">{STATUS_LABELS[a.customerStatus as keyof typeof STATUS_LABELS] ?? a.customerStatus}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{a.fitScore ?? "—"}</td>
                    <td className="px-4 py-2.5">
                      {a.owner?.name ?? <span className="text-slate-400">none</span>}
                      {a.csm ? <div className="text-xs text-slate-500">CSM {a.csm.name}</div> : null}
                      {a.partnerOwner ? <div className="text-xs text-slate-500">Partner {a.partnerOwner.name}</div> : null}
                    </td>
                    <td className="px-4 py-2.5">
                      <div className="flex flex-wrap gap-1">
                        {a.flags.map((f) => (
                          <Badge key={f} tone={FLAG_TONES[f] ?? "gray"}>
                            {FLAG_LABELS[f as keyof typeof FLAG_LABELS] ?? f}
                          </Badge>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <Pagination
          path={path}
          params={raw}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
          pageCount={result.pageCount}
          noun="accounts"
        />
      </Card>
    </>
  );
}
