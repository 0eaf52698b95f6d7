import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar } from "@/components/data-table/filter-bar";
import { Pagination } from "@/components/data-table/pagination";
import { PlainHeader, SortHeader } from "@/components/data-table/sort-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { searchParamsToObject } from "@/lib/schemas/list-query";
import { hrefWith } from "@/lib/url";
import {
  AVAILABILITY,
  AVAILABILITY_LABELS,
  DISTRIBUTION_LABELS,
  FUNCTION_LABELS,
  MEMBER_FUNCTIONS,
  memberListQuery,
} from "@/lib/schemas/members";
import { MemberForm } from "@/components/members/member-form";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { getMember, listMembers, listTeams } from "@/lib/server/members/list-members";
import { listLiveQueues } from "@/lib/server/members/live-queues";

export const metadata: Metadata = { title: "Members & queues" };

const AVAILABILITY_TONE = { available: "green", at_capacity: "amber", out_of_office: "blue", inactive: "gray" } as const;

function LoadBar({ load, capacity }: { load: number; capacity: number }) {
  const pct = Math.min(100, Math.round((load / Math.max(1, capacity)) * 100));
  return (
    <div className="flex items-center gap-2">
      <div className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${load} of ${capacity}`}>
        <div className={`h-full rounded-full ${pct >= 100 ? "bg-amber-500" : "bg-brand-500"}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="tabular-nums text-slate-600">
        {load}/{capacity}
      </span>
    </div>
  );
}

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("members:read");
  const raw = searchParamsToObject(await searchParams);
  const tab = raw.tab === "queues" ? "queues" : "members";
  const canManage = hasPermission(user.role, "members:manage");
  const editing = canManage && raw.edit ? await getMember(raw.edit) : null;
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  const tabClass = (active: boolean) =>
    `border-b-2 px-1 pb-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`;

  return (
    <>
      <PageHeader
        title="Members & queues"
        description="The people routing can assign to, with their capacity and availability, and the queues that distribute work among them."
      />
      <div className="mb-4 flex gap-6 border-b border-slate-200">
        <Link href="/members" className={tabClass(tab === "members")} aria-current={tab === "members" ? "page" : undefined}>
          Members
        </Link>
        <Link href="/members?tab=queues" className={tabClass(tab === "queues")} aria-current={tab === "queues" ? "page" : undefined}>
          Queues
        </Link>
      </div>
      {editing ? (
        <Card className="mb-6 p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">
            {editing.name} · {editing.title}
          </h2>
          <MemberForm
            initial={{
              id: editing.id,
              name: editing.name,
              capacity: String(editing.capacity),
              active: editing.active,
              outOfOfficeFrom: day(editing.outOfOfficeFrom),
              outOfOfficeUntil: day(editing.outOfOfficeUntil),
            }}
          />
        </Card>
      ) : null}
      {tab === "members" ? <MembersTable raw={raw} canManage={canManage} /> : <QueuesList />}
    </>
  );
}

async function MembersTable({ raw, canManage }: { raw: Record<string, string>; canManage: boolean }) {
  const query = memberListQuery.parse(raw);
  const [result, teams] = await Promise.all([listMembers(query), listTeams()]);
  const path = "/members";
  const sortProps = { path, params: raw, sort: query.sort, dir: query.dir };
  return (
    <Card>
      <FilterBar
        fields={[
          { kind: "search", name: "q", label: "Search", placeholder: "Name or email" },
          {
            kind: "select",
            name: "team",
            label: "Team",
            options: teams.map((t) => ({ value: t.key, label: `${t.name} (${t.memberCount})` })),
          },
          {
            kind: "select",
            name: "function",
            label: "Function",
            options: MEMBER_FUNCTIONS.map((f) => ({ value: f, label: FUNCTION_LABELS[f] })),
          },
          {
            kind: "select",
            name: "availability",
            label: "Availability",
            options: AVAILABILITY.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] })),
          },
        ]}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <SortHeader label="Member" column="name" {...sortProps} />
              <SortHeader label="Team" column="team" {...sortProps} />
              <PlainHeader label="Region" />
              <SortHeader label="Load / cap" column="load" {...sortProps} />
              <PlainHeader label="Availability" />
              <PlainHeader label="Queues (weight)" />
              {canManage ? <PlainHeader label="" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="members-table">
            {result.rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-4 py-12 text-center text-slate-500">
                  No members match these filters.
                </td>
              </tr>
            ) : (
              result.rows.map((m) => (
                <tr key={m.id} className="hover:bg-slate-50/60">
                  <td className="px-4 py-2.5">
                    <div className="font-medium text-slate-900">{m.name}</div>
                    <div className="text-xs text-slate-500">{m.title}</div>
                  </td>
                  <td className="px-4 py-2.5">{m.team.name}</td>
                  <td className="px-4 py-2.5">{m.region ?? "All"}</td>
                  <td className="px-4 py-2.5">
                    <LoadBar load={m.activeLoad} capacity={m.capacity} />
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge tone={AVAILABILITY_TONE[m.availability]}>{AVAILABILITY_LABELS[m.availability]}</Badge>
                    {m.availability === "out_of_office" && m.outOfOfficeUntil ? (
                      <div className="mt-0.5 text-xs text-slate-500">
                        back {new Date(m.outOfOfficeUntil).toLocaleDateString("en-US", { month: "short", day: "numeric" })}
                      </div>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5 text-xs text-slate-500">
                    {m.queues.length
                      ? m.queues.map((q, i) => (
                          <span
                            key={q.queue}
                            className={q.weight === 0 ? "text-amber-700" : undefined}
                            title={q.weight === 0 ? "Weight 0: in the pool, receives none" : undefined}
                          >
                            {i > 0 ? ", " : ""}
                            {q.queue} ×{q.weight}
                          </span>
                        ))
                      : "—"}
                  </td>
                  {canManage ? (
                    <td className="px-4 py-2.5 text-right">
                      <Link
                        href={hrefWith(path, raw, { edit: m.id })}
                        className="text-sm font-medium text-brand-600 hover:underline"
                        aria-label={`Edit ${m.name}`}
                      >
                        Edit
                      </Link>
                    </td>
                  ) : null}
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
        noun="members"
      />
    </Card>
  );
}

async function QueuesList() {
  const queues = await listLiveQueues();
  const policies = [...new Map(queues.map((q) => [q.policy.key, q.policy])).values()];
  return (
    <>
      <p className="mb-3 text-sm text-slate-600" data-testid="queues-source">
        {policies.length === 0
          ? "No policy is live yet: queues appear here once a version is published."
          : policies.map((p, i) => (
              <span key={p.key}>
                {i > 0 ? " · " : "As routed by "}
                <Link className="font-medium text-brand-700 hover:underline" href={`/policies/versions/${p.versionId}`}>
                  {p.name} v{p.versionNumber}
                </Link>
              </span>
            ))}
        {policies.length ? ". Weights, caps and members are edited in the policy; capacity and out of office on Members." : null}
      </p>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2" data-testid="queues-list">
        {queues.map((q) => (
          <Card key={`${q.policy.key}:${q.key}`} className="p-5" data-testid={`queue-${q.key}`} aria-label={q.name}>
            <div className="flex items-start justify-between gap-3">
              <div>
                <h3 className="font-semibold text-slate-900">{q.name}</h3>
                <p className="text-xs text-slate-500">{q.key}</p>
              </div>
              <div className="flex flex-wrap justify-end gap-1">
                {q.kind !== "routing" ? <Badge tone="violet">{q.kind === "review" ? "Review" : "Exceptions"}</Badge> : null}
                {q.members.length > 0 ? <Badge tone="blue">{DISTRIBUTION_LABELS[q.distribution] ?? q.distribution}</Badge> : null}
                {q.slaMinutes ? (
                  <Badge>SLA {q.slaMinutes >= 60 ? `${Math.round((q.slaMinutes / 60) * 10) / 10} h` : `${q.slaMinutes} min`}</Badge>
                ) : null}
              </div>
            </div>
            {q.description ? <p className="mt-2 text-sm text-slate-600">{q.description}</p> : null}
            {q.members.length > 0 ? (
              <>
                <div className="mt-3 text-xs font-medium text-slate-500">
                  {q.availableCount} of {q.members.length} members can take work now{q.overflow ? ` · overflow to ${q.overflow.name}` : ""}
                  {q.members.some((m) => m.cap !== null)
                    ? q.capCounts === "queue"
                      ? " · caps count this queue's open work"
                      : " · caps count all of a member's open work"
                    : ""}
                </div>
                <ul className="mt-2 flex flex-wrap gap-1.5">
                  {q.members.map((m) => (
                    <li key={m.key}>
                      <Badge
                        tone={m.id === null ? "red" : m.available ? "green" : m.weight === 0 ? "amber" : "gray"}
                        title={
                          m.id === null
                            ? "Not a member: routing treats this as unknown and never assigns to it"
                            : m.weight === 0
                              ? "Weight 0: in the pool, receives none"
                              : m.available
                                ? "available"
                                : AVAILABILITY_LABELS[m.availability as keyof typeof AVAILABILITY_LABELS]
                        }
                      >
                        {m.name}
                        {m.id === null ? " (not a member)" : ""}
                        {q.distribution === "weighted_round_robin" || m.weight !== 1 ? ` ×${m.weight}` : ""}
                        {m.cap !== null ? (m.queueLoad !== null ? ` · ${m.queueLoad}/${m.cap} here` : ` · cap ${m.cap}`) : ""}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-3 text-xs text-slate-500">
                {q.kind === "exceptions"
                  ? "The policy's exception path: worked from Exceptions."
                  : "Worked by RevOps from the console; no automatic distribution."}
              </p>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
