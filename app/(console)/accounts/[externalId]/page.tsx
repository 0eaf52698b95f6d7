import type { Metadata } from "next";
import Link from "next/link";
import { age, OutcomeBadge } from "@/components/decisions/outcome-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { OVERRIDE_REASON_LABELS } from "@/lib/schemas/decisions";
import { SEGMENT_LABELS, STATUS_LABELS } from "@/lib/schemas/accounts";
import { accountTimeline } from "@/lib/server/accounts/account-timeline";
import { pageData, requirePage } from "@/lib/server/auth/with-permission";
import { viewerFor } from "@/lib/server/decisions/visibility";
import { hasPermission } from "@/lib/auth/permissions";
import { ActionButton } from "@/components/policies/action-button";
import { unmergeAccountAction } from "../actions";

export const metadata: Metadata = { title: "Account" };

const when = (d: Date) => d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccountPage({ params }: { params: Promise<{ externalId: string }> }) {
  const user = await requirePage("accounts:read");
  const { externalId } = await params;
  const { account: a, events, truncated } = await pageData(accountTimeline(user, await viewerFor(user), decodeURIComponent(externalId)));
  const now = new Date();
  const canMerge = hasPermission(user.role, "accounts:import");
  const flags = [
    a.isNamedAccount && "Named account",
    a.isStrategic && "Strategic",
    a.hasOpenOpportunity && "Open opportunity",
    a.inRenewal && "In renewal",
    a.inProcurement && "In procurement",
    a.sensitiveEscalation && "Sensitive escalation",
    a.openSupportIssue && "Open support issue",
    a.isProductWorkspace && "Product workspace",
  ].filter((x): x is string => Boolean(x));
  return (
    <>
      <PageHeader
        title={a.name}
        description={`${a.externalId}${a.domain ? ` · ${a.domain}` : ""} · ${STATUS_LABELS[a.customerStatus as keyof typeof STATUS_LABELS] ?? a.customerStatus}${a.segment ? ` · ${SEGMENT_LABELS[a.segment as keyof typeof SEGMENT_LABELS]}` : ""}${a.region ? ` · ${a.region}` : ""}`}
        actions={
          <Link href="/accounts" className="text-sm text-slate-600 hover:underline">
            ← Accounts
          </Link>
        }
      />
      {a.mergedInto ? (
        <div
          className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-5 py-3 text-sm text-amber-900"
          data-testid="merged-into"
        >
          <span>
            Merged into{" "}
            <Link className="font-medium underline" href={`/accounts/${encodeURIComponent(a.mergedInto.externalId)}`}>
              {a.mergedInto.name}
            </Link>
            : routing treats records for this account as {a.mergedInto.name}&apos;s.
          </span>
          {canMerge ? (
            <ActionButton variant="secondary" action={unmergeAccountAction} input={{ externalId: a.externalId }}>
              Undo the merge
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      {a.merged.length ? (
        <p className="mb-6 text-sm text-slate-600" data-testid="merged-here">
          Merged into this account:{" "}
          {a.merged.map((m, i) => (
            <span key={m.externalId}>
              {i ? ", " : ""}
              <Link className="text-brand-700 hover:underline" href={`/accounts/${encodeURIComponent(m.externalId)}`}>
                {m.name}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card className="p-5" data-testid="account-context">
          <h2 className="text-sm font-semibold text-slate-900">Who routing sends it to</h2>
          <dl className="mt-3 space-y-2 text-sm">
            {[
              ["Account owner", a.owner?.name],
              ["CSM", a.csm?.name],
              ["Partner owner", a.partnerOwner?.name],
            ].map(([k, v]) => (
              <div key={k} className="flex justify-between gap-3">
                <dt className="text-slate-500">{k}</dt>
                <dd className="font-medium text-slate-900">{v ?? <span className="font-normal text-slate-400">none</span>}</dd>
              </div>
            ))}
            <div className="flex justify-between gap-3">
              <dt className="text-slate-500">Parent</dt>
              <dd>
                {a.parent ? (
                  <Link
                    className="font-medium text-brand-700 hover:underline"
                    href={`/accounts/${encodeURIComponent(a.parent.externalId)}`}
                  >
                    {a.parent.name}
                  </Link>
                ) : (
                  <span className="text-slate-400">none</span>
                )}
              </dd>
            </div>
          </dl>
          {flags.length ? (
            <div className="mt-3 flex flex-wrap gap-1">
              {flags.map((f) => (
                <Badge key={f}>{f}</Badge>
              ))}
            </div>
          ) : null}
          {a.children.length ? (
            <>
              <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Child accounts and workspaces</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {a.children.map((c) => (
                  <li key={c.externalId}>
                    <Link className="text-brand-700 hover:underline" href={`/accounts/${encodeURIComponent(c.externalId)}`}>
                      {c.name}
                    </Link>
                    {c.isProductWorkspace ? <span className="text-xs text-slate-500"> · workspace</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
        <Card className="xl:col-span-2">
          <CardHeader
            title="Routing timeline"
            description={`Every decision on ${a.name}, and each override and dispute on them, newest first${truncated ? " (the latest 100 decisions)" : ""}.`}
          />
          {events.length === 0 ? (
            <p className="px-5 py-8 text-sm text-slate-500">Nothing has been routed to this account yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100" data-testid="account-timeline">
              {events.map((e) => (
                <li key={`${e.kind}:${e.kind === "dispute" ? e.disputeId : e.decisionId}:${e.at.getTime()}`} className="px-5 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <span title={when(e.at)}>{age(e.at, now)} ago</span>
                    <span>·</span>
                    <Link className="font-medium text-brand-700 hover:underline" href={`/decisions/${e.decisionId}`}>
                      {e.recordId}
                    </Link>
                  </div>
                  {e.kind === "decision" ? (
                    <div className="mt-1">
                      <OutcomeBadge kind={e.outcome} reason={e.reasonCode} /> <span className="text-slate-800">{e.sentence}</span>
                      <div className="mt-0.5 text-xs text-slate-500">
                        Now with: {e.holder ?? "nobody"}
                        {e.open ? " · open" : ""}
                      </div>
                    </div>
                  ) : e.kind === "override" ? (
                    <p className="mt-1 text-slate-800">
                      <Badge tone="violet">Override</Badge> {e.by} reassigned it from {e.from ?? "nobody"} to {e.to ?? "nobody"} (
                      {OVERRIDE_REASON_LABELS[e.reasonCode as keyof typeof OVERRIDE_REASON_LABELS] ?? e.reasonCode})
                      {e.note ? `: ${e.note}` : ""}
                    </p>
                  ) : (
                    <p className="mt-1 text-slate-800">
                      <Badge tone="amber">Dispute</Badge> {e.by} disputed it{e.claimed ? `, saying it belongs to ${e.claimed}` : ""} (
                      {e.status.replace(/_/g, " ")}): “{e.text}”{" "}
                      <Link className="text-brand-700 hover:underline" href={`/disputes/${e.disputeId}`}>
                        Open
                      </Link>
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
