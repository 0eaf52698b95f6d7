import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPager } from "@/components/decisions/decision-table";
import { age, OutcomeBadge, SlaBadge } from "@/components/decisions/outcome-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { decisionListQuery, DISPUTE_STATUS_LABELS } from "@/lib/schemas/decisions";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { requirePage } from "@/lib/server/auth/with-permission";
import { DecisionTable } from "@/components/decisions/decision-table";
import { FairnessLedger } from "@/components/insights/fairness-ledger";
import { myTeamFairness } from "@/lib/server/insights/fairness";
import { listDecisions, listMyAssignments } from "@/lib/server/decisions/list-decisions";
import { viewerFor } from "@/lib/server/decisions/visibility";

export const metadata: Metadata = { title: "My assignments" };

export default async function MyAssignmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage("decisions:read_own");
  const raw = searchParamsToObject(await searchParams);
  const query = decisionListQuery.parse({ ...raw, pageSize: raw.pageSize ?? "25" });
  const team = raw.view === "team";
  const fairness = raw.view === "fairness";
  const viewer = await viewerFor(user);
  const now = new Date();
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`border-b-2 px-1 pb-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
    >
      {label}
    </Link>
  );
  const header = (
    <>
      <PageHeader
        title="My assignments"
        description={`What routing gave to ${user.memberName ?? user.name}, newest first, and why. Open one to see every rule routing looked at, or to dispute it.`}
      />
      <nav aria-label="Assignment views" className="mb-4 flex gap-6 border-b border-slate-200">
        {tab("/my-assignments", "Assigned to me", !team && !fairness)}
        {tab("/my-assignments?view=team", "My team & my accounts", team)}
        {user.memberId ? tab("/my-assignments?view=fairness", "Fairness (my team)", fairness) : null}
      </nav>
    </>
  );
  if (fairness && user.memberId) {
    const rows = await myTeamFairness(user, 28, now);
    return (
      <>
        {header}
        <p className="mb-3 text-sm text-slate-600">
          “Is this fair?” — the last 28 days of your team&rsquo;s assignments, each person&rsquo;s share against the share their weight
          gives them.
        </p>
        <Card>
          <FairnessLedger rows={rows} csvName="my-team-fairness" />
        </Card>
      </>
    );
  }
  if (team) {
    const page = await listDecisions(viewer, query);
    return (
      <>
        {header}
        <p className="mb-3 text-sm text-slate-600">
          Decisions that went to your teammates or touched accounts you own, support or partner on. Open one to ask “why not me?”.
        </p>
        <Card>
          <DecisionTable rows={page.rows} now={now} empty="Nothing routed to your team or your accounts yet." />
          <KeysetPager path="/my-assignments" params={raw} next={page.next} count={page.rows.length} />
        </Card>
      </>
    );
  }
  const page = await listMyAssignments(viewer, query);
  return (
    <>
      {header}
      <Card>
        <ul className="divide-y divide-slate-100" data-testid="my-assignments">
          {page.rows.length === 0 ? (
            <li className="px-5 py-12 text-center text-sm text-slate-500">
              {user.memberKey
                ? "Nothing is assigned to you right now."
                : "Your sign-in is not linked to a routing member, so routing cannot assign you work."}
            </li>
          ) : (
            page.rows.map((r) => (
              <li key={r.id} className="px-5 py-3">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Link href={`/decisions/${r.id}`} className="font-semibold text-brand-700 hover:underline">
                    {r.recordId}
                  </Link>
                  <span className="text-slate-500">{r.objectType.replace(/_/g, " ")}</span>
                  {r.accountExternalId ? <span className="text-slate-500">· {r.accountName ?? r.accountExternalId}</span> : null}
                  <OutcomeBadge kind={r.kind} />
                  {r.overrideCount > 0 ? <span className="text-xs text-violet-700">reassigned to you by RevOps</span> : null}
                  <MyDispute dispute={page.disputes.get(r.id)} />
                  <SlaBadge due={r.slaDueAt} resolvedAt={null} now={now} target />
                  <span className="ml-auto text-xs text-slate-500">{age(r.createdAt, now)} ago</span>
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  <span className="font-medium text-slate-900">Why me: </span>
                  {page.explanations.get(r.id)}
                </p>
              </li>
            ))
          )}
        </ul>
        <KeysetPager path="/my-assignments" params={raw} next={page.next} count={page.rows.length} />
      </Card>
    </>
  );
}

const DISPUTE_TONE: Record<string, "amber" | "blue" | "green" | "gray"> = {
  open: "amber",
  in_review: "blue",
  resolved: "green",
  rejected: "gray",
};

/** Where the viewer's own dispute on an assignment stands, linked to it. */
function MyDispute({ dispute }: { dispute: { id: string; status: string } | undefined }) {
  if (!dispute) return null;
  return (
    <Link href={`/disputes/${dispute.id}`} data-testid="my-dispute-status">
      <Badge tone={DISPUTE_TONE[dispute.status] ?? "gray"}>
        Your dispute: {DISPUTE_STATUS_LABELS[dispute.status as keyof typeof DISPUTE_STATUS_LABELS] ?? dispute.status}
      </Badge>
    </Link>
  );
}
