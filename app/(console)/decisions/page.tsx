import type { Metadata } from "next";
import Link from "next/link";
import { DecisionTable, KeysetPager } from "@/components/decisions/decision-table";
import { RouteRecordForm } from "@/components/decisions/route-record-form";
import { hasPermission } from "@/lib/auth/permissions";
import { FilterBar } from "@/components/data-table/filter-bar";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { INTENTS } from "@/lib/engine/policy-schema";
import { DECISION_KINDS, DECISION_SOURCES, decisionListQuery, EXCEPTION_CODES } from "@/lib/schemas/decisions";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { requirePage } from "@/lib/server/auth/with-permission";
import { decisionFacets, listDecisions } from "@/lib/server/decisions/list-decisions";
import { memberOptions } from "@/lib/server/decisions/member-names";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { hrefWith } from "@/lib/url";

export const metadata: Metadata = { title: "Decisions" };

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x.replace(/_/g, " ") }));

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("decisions:read");
  const raw = searchParamsToObject(await searchParams);
  const query = decisionListQuery.parse(raw);
  const [page, facets, members] = await Promise.all([listDecisions(await viewerFor(user), query), decisionFacets(), memberOptions()]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every routing decision with the rule, its intent, the inputs as read and per-condition evidence. Open one to see why it landed there, replay it, or pin it as a test case."
      />
      {hasPermission(user.role, "exceptions:manage") ? (
        <details className="mb-4 rounded-xl border border-slate-200 bg-white shadow-sm">
          <summary className="cursor-pointer px-5 py-3 text-sm font-semibold text-slate-900">Route a record by hand</summary>
          <div className="border-t border-slate-100 px-5 py-4">
            <RouteRecordForm suggestedId={`console-${now.getTime().toString(36)}`} />
          </div>
        </details>
      ) : null}
      <Card>
        <FilterBar
          fields={[
            {
              kind: "search",
              name: "q",
              label: "Record, company or id",
              placeholder: "e.g. lead-1042, Northwind, northwind.de or ACC-000123",
            },
            { kind: "select", name: "kind", label: "Outcome", options: opts(DECISION_KINDS) },
            { kind: "select", name: "owner", label: "Owner", options: members.map((m) => ({ value: m.key, label: m.name })) },
            { kind: "select", name: "queue", label: "Queue", options: opts(facets.queues) },
            { kind: "select", name: "rule", label: "Rule", options: facets.rules.map((r) => ({ value: r, label: r })) },
            { kind: "select", name: "intent", label: "Intent", options: opts(INTENTS) },
            { kind: "select", name: "reason", label: "Reason code", options: EXCEPTION_CODES.map((c) => ({ value: c, label: c })) },
            {
              kind: "select",
              name: "version",
              label: "Version",
              options: facets.versions.map((v) => ({ value: String(v), label: `v${v}` })),
            },
            { kind: "select", name: "source", label: "Source", options: opts(DECISION_SOURCES) },
            { kind: "date", name: "from", label: "From" },
            { kind: "date", name: "to", label: "To" },
          ]}
        />
        <div className="flex items-center justify-end gap-2 border-b border-slate-100 px-4 py-2 text-xs text-slate-500">
          Sort:
          <Link
            className={query.dir === "desc" ? "font-semibold text-slate-900" : "hover:underline"}
            href={hrefWith("/decisions", raw, { dir: undefined, after: undefined })}
          >
            newest first
          </Link>
          ·
          <Link
            className={query.dir === "asc" ? "font-semibold text-slate-900" : "hover:underline"}
            href={hrefWith("/decisions", raw, { dir: "asc", after: undefined })}
          >
            oldest first
          </Link>
        </div>
        <DecisionTable rows={page.rows} now={now} empty="No decisions match these filters." />
        <KeysetPager path="/decisions" params={raw} next={page.next} count={page.rows.length} />
      </Card>
    </>
  );
}
