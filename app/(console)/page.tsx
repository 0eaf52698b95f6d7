import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { hasPermission } from "@/lib/auth/permissions";
import { availabilityOf } from "@/lib/members/availability";
import { AVAILABILITY_LABELS } from "@/lib/schemas/members";
import { getAccountHealth, getMemberBook } from "@/lib/server/accounts/account-health";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listLiveQueues, liveQueuesByMember } from "@/lib/server/members/live-queues";
import { VersionStatusBadge } from "@/components/policies/status-badge";
import { getPolicyWithVersions, listChangelog } from "@/lib/server/policies/queries";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requirePage();
  const firstName = user.name.split(" ")[0];
  return (
    <>
      <PageHeader title={`Good to see you, ${firstName}`} description="Where routing stands right now." />
      {hasPermission(user.role, "accounts:read") ? <OperationsHome /> : <FieldHome user={user} />}
    </>
  );
}

async function OperationsHome() {
  const [health, queues, policy] = await Promise.all([getAccountHealth(), listLiveQueues(), getPolicyWithVersions()]);
  const live = policy?.versions.find((v) => v.id === policy.policy.liveVersionId) ?? null;
  const open = policy?.versions.filter((v) => ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED"].includes(v.status)) ?? [];
  return (
    <div className="space-y-6">
      {policy ? (
        <Card>
          <CardHeader
            title="Routing policy"
            description={policy.policy.name}
            action={
              <Link href="/policies" className="text-sm font-medium text-brand-600 hover:underline">
                Open policies
              </Link>
            }
          />
          <div className="flex flex-wrap items-center gap-x-8 gap-y-2 px-5 py-4 text-sm">
            <div>
              <span className="text-slate-500">Live: </span>
              {live ? (
                <Link href={`/policies/versions/${live.id}`} className="font-semibold text-brand-700 hover:underline">
                  v{live.number}
                </Link>
              ) : (
                "none"
              )}
              {live?.publishedAt ? (
                <span className="text-slate-500"> · published {live.publishedAt.toLocaleDateString("en-US", { dateStyle: "medium" })}</span>
              ) : null}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-slate-500">Open:</span>
              {open.length === 0 ? <span>nothing waiting</span> : null}
              {open.slice(0, 5).map((v) => (
                <Link key={v.id} href={`/policies/versions/${v.id}`} className="inline-flex items-center gap-1 hover:underline">
                  v{v.number} <VersionStatusBadge status={v.status} />
                </Link>
              ))}
            </div>
          </div>
        </Card>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Accounts" value={health.total} hint={`${health.customers.toLocaleString("en-US")} customers`} href="/accounts" />
        <Stat label="Named accounts" value={health.namedAccounts} href="/accounts?flag=named" />
        <Stat label="Partner-owned" value={health.partnerOwned} href="/accounts?flag=partner_owned" />
        <Stat label="Without an owner" value={health.unowned} href="/accounts?flag=unowned" />
      </div>
      <Card>
        <CardHeader
          title="Data that will send records to exception paths"
          description="Routing can only be as right as its inputs. Fix these at the source, or the policy's exception path will catch them."
        />
        <div className="grid grid-cols-1 gap-4 p-5 md:grid-cols-3">
          <Stat
            tone="warn"
            label="Missing firmographics"
            value={health.missingFirmographics}
            hint="segment, region, size or industry unknown"
            href="/accounts?flag=missing_firmographics"
          />
          <Stat
            tone="warn"
            label="Duplicate domains"
            value={health.duplicateDomainGroups}
            hint="companies entered more than once"
            href="/accounts?sort=name"
          />
          <Stat
            tone="warn"
            label="Unlinked workspaces"
            value={health.unlinkedWorkspaces}
            hint="product workspaces with no parent account"
            href="/accounts?flag=unlinked_workspace"
          />
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Queues"
          description="Who is available to take work in each queue now."
          action={
            <Link href="/members?tab=queues" className="text-sm font-medium text-brand-600 hover:underline">
              All queues
            </Link>
          }
        />
        <ul className="divide-y divide-slate-100">
          {queues.map((q) => (
            <li key={`${q.policy.key}:${q.key}`} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
              <div className="min-w-0">
                <div className="font-medium text-slate-900">{q.name}</div>
                <div className="truncate text-slate-500">{q.description}</div>
              </div>
              {q.members.length === 0 ? (
                <Badge tone="violet">{q.kind === "exceptions" ? "Exception queue" : "Review queue"}</Badge>
              ) : (
                <Badge tone={q.availableCount === 0 ? "red" : q.availableCount < q.members.length / 2 ? "amber" : "green"}>
                  {q.availableCount} of {q.members.length} available
                </Badge>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

async function FieldHome({ user }: { user: CurrentUser }) {
  if (!user.memberId) {
    return (
      <Card className="p-6 text-sm text-slate-600">
        Your sign-in is not linked to a routing member yet, so there is nothing assigned to you. Ask RevOps to link your account.
      </Card>
    );
  }
  const [book, changes, queuesByMember] = await Promise.all([getMemberBook(user.memberId), listChangelog(1), liveQueuesByMember()]);
  const latest = changes[0];
  const member = book.member;
  const myQueues = member ? (queuesByMember.get(member.email.toLowerCase()) ?? []) : [];
  const availability = member ? availabilityOf(member, new Date()) : "inactive";
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Accounts I own" value={book.owned} />
        <Stat label="As CSM" value={book.csm} />
        <Stat label="As partner owner" value={book.partner} />
        <Stat label="Open load" value={member ? `${member.activeLoad} / ${member.capacity}` : "—"} hint="assignments vs your cap" />
      </div>
      <Card>
        <CardHeader title="Your routing profile" description="What routing reads about you when it decides who acts next." />
        <dl className="grid grid-cols-1 gap-x-8 gap-y-4 p-5 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Team</dt>
            <dd className="font-medium text-slate-900">{member?.team.name ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Availability</dt>
            <dd>
              <Badge tone={availability === "available" ? "green" : "amber"}>{AVAILABILITY_LABELS[availability]}</Badge>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Region</dt>
            <dd className="font-medium text-slate-900">{member?.region ?? "All regions"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Your queues (weight)</dt>
            <dd className="font-medium text-slate-900">
              {myQueues.length ? myQueues.map((q) => `${q.queue} ×${q.weight}`).join(", ") : "None"}
            </dd>
          </div>
        </dl>
        {latest ? (
          <div className="border-t border-slate-100 px-5 py-4 text-sm">
            <div className="text-xs font-semibold uppercase tracking-wide text-slate-500">Latest routing change</div>
            <p className="mt-1 text-slate-800" data-testid="latest-change">
              {latest.changeNote}
            </p>
            <Link href="/changelog" className="text-sm font-medium text-brand-600 hover:underline">
              All changes
            </Link>
          </div>
        ) : null}
        <div className="border-t border-slate-100 px-5 py-4 text-sm text-slate-600">
          See{" "}
          <Link href="/my-assignments" className="font-medium text-brand-600 hover:underline">
            My assignments
          </Link>{" "}
          for what was routed to you and why, or{" "}
          <Link href="/disputes" className="font-medium text-brand-600 hover:underline">
            file a dispute
          </Link>{" "}
          when something landed in the wrong place.
        </div>
      </Card>
    </div>
  );
}
