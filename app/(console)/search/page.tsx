import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { OutcomeBadge } from "@/components/decisions/outcome-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { STATUS_LABELS } from "@/lib/schemas/accounts";
import { requirePage } from "@/lib/server/auth/with-permission";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { globalSearch } from "@/lib/server/search/global-search";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requirePage(["accounts:read", "decisions:read", "decisions:read_own"]);
  const { q = "" } = await searchParams;
  const r = await globalSearch(user, await viewerFor(user), q);
  const nothing = r.q.length >= 2 && r.accounts.length + r.decisions.length + r.members.length === 0;
  return (
    <>
      <PageHeader
        title={r.q ? `Search: ${r.q}` : "Search"}
        description="Companies by name, domain or id; routed records by id or company; members by name or email."
      />
      {r.q.length < 2 ? <p className="text-sm text-slate-600">Type at least two characters in the search box.</p> : null}
      {nothing ? (
        <p className="text-sm text-slate-600" data-testid="search-empty">
          Nothing matches “{r.q}”. Try part of a company name, a domain like acme.com, or a record id.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3" data-testid="search-results">
        {r.accounts.length ? (
          <Results title="Companies">
            {r.accounts.map((a) => (
              <li key={a.externalId}>
                <Link className="font-medium text-brand-700 hover:underline" href={`/accounts/${encodeURIComponent(a.externalId)}`}>
                  {a.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {a.externalId}
                  {a.domain ? ` · ${a.domain}` : ""} · {STATUS_LABELS[a.customerStatus as keyof typeof STATUS_LABELS] ?? a.customerStatus}
                  {a.owner ? ` · owner ${a.owner.name}` : ""}
                </div>
              </li>
            ))}
          </Results>
        ) : null}
        {r.decisions.length ? (
          <Results title="Routed records">
            {r.decisions.map((d) => (
              <li key={d.id}>
                <Link className="font-medium text-brand-700 hover:underline" href={`/decisions/${d.id}`}>
                  {d.recordId}
                </Link>{" "}
                <OutcomeBadge kind={d.kind} reason={d.reasonCode} />
                <div className="text-xs text-slate-500">
                  {d.objectType.replace(/_/g, " ")}
                  {d.accountName ? ` · ${d.accountName}` : ""} · now with{" "}
                  {d.currentAssigneeName ?? (d.currentQueueKey ? `queue ${d.currentQueueKey}` : "nobody")}
                </div>
              </li>
            ))}
          </Results>
        ) : null}
        {r.members.length ? (
          <Results title="Members">
            {r.members.map((m) => (
              <li key={m.id}>
                <Link className="font-medium text-brand-700 hover:underline" href={`/members?q=${encodeURIComponent(m.email)}`}>
                  {m.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {m.title} · {m.team.name}
                </div>
              </li>
            ))}
          </Results>
        ) : null}
      </div>
    </>
  );
}

/** One kind of result: a card with its title and a list of rows. */
function Results({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <ul className="divide-y divide-slate-100 text-sm [&>li]:px-5 [&>li]:py-2.5">{children}</ul>
    </Card>
  );
}
