import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar } from "@/components/data-table/filter-bar";
import { Pagination } from "@/components/data-table/pagination";
import { PlainHeader, SortHeader } from "@/components/data-table/sort-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { auditListQuery, listAudit } from "@/lib/server/audit/list-audit";
import { requirePage } from "@/lib/server/auth/with-permission";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("audit:read");
  const raw = searchParamsToObject(await searchParams);
  const query = auditListQuery.parse(raw);
  const { page, actions, actors } = await listAudit(query);
  const sortProps = { path: "/audit", params: raw, sort: query.sort, dir: query.dir };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only: every change to policies, versions, test cases, members and queues — who, when, what."
      />
      <Card>
        <FilterBar
          fields={[
            { kind: "search", name: "q", label: "Search", placeholder: "Words in the summary" },
            { kind: "select", name: "action", label: "Action", options: actions.map((a) => ({ value: a, label: a })) },
            { kind: "select", name: "actor", label: "Who", options: actors.map((a) => ({ value: a, label: a })) },
            {
              kind: "select",
              name: "entityType",
              label: "Object",
              options: ["policy", "policy_version", "test_case", "member", "queue", "user", "account", "decision", "dispute"].map((e) => ({
                value: e,
                label: e.replace("_", " "),
              })),
            },
          ]}
        />
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <SortHeader label="When" column="at" {...sortProps} />
              <SortHeader label="Who" column="actor" {...sortProps} />
              <SortHeader label="Action" column="action" {...sortProps} />
              <PlainHeader label="What" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="audit-table">
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-4 py-12 text-center text-slate-500">
                  No events match.
                </td>
              </tr>
            ) : (
              page.rows.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                    {e.at.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium" })}
                  </td>
                  <td className="px-4 py-2.5">{e.actorEmail}</td>
                  <td className="px-4 py-2.5">
                    <Badge>{e.action}</Badge>
                  </td>
                  <td className="px-4 py-2.5 text-slate-800">
                    {e.entityType === "policy_version" ? (
                      <Link href={`/policies/versions/${e.entityId}`} className="hover:underline">
                        {e.summary}
                      </Link>
                    ) : (
                      e.summary
                    )}
                    {e.before || e.after ? (
                      <details className="mt-1 text-xs text-slate-500">
                        <summary className="cursor-pointer">before / after</summary>
                        <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2">
                          {JSON.stringify({ before: e.before, after: e.after }, null, 2).slice(0, 20000)}
                        </pre>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <Pagination
          path="/audit"
          params={raw}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total}
          pageCount={page.pageCount}
          noun="events"
        />
      </Card>
    </>
  );
}
