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
import { AVAILABILITY, AVAILABILITY_LABELS, DISTRIBUTION_LABELS, FUNCTION_LABELS, MEMBER_FUNCTIONS, memberListQuery } from "@/lib/schemas/members";
import { MemberForm } from "@/components/members/member-form";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { getMember, listMembers, listTeams } from "@/lib/server/members/list-members";
import { listQueues } from "@/lib/server/members/list-queues";

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
              weight: String(editing.weight),
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
          { kind: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t.key, label: `${t.name} (${t.memberCount})` })) },
          { kind: "select", name: "function", label: "Function", options: MEMBER_FUNCTIONS.map((f) => ({ value: f, label: FUNCTION_LABELS[f] })) },
          { kind: "select", name: "availability", label: "Availability", options: AVAILABILITY.map((a) => ({ value: a, label: AVAILABILITY_LABELS[a] })) },
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
              <SortHeader label="Weight" column="weight" align="right" {...sortProps} />
              <PlainHeader label="Availability" />
              <PlainHeader label="Queues" />
              {canManage ? <PlainHeader label="" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="members-table">
            {result.rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-12 text-center text-slate-500">
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
                  <td className="px-4 py-2.5 text-right tabular-nums">× {m.weight}</td>
                  <td className="px-4 py-2.5">
                    <Badge tone={AVAILABILITY_TONE[m.availability]}>{AVAILABILITY_LABELS[m.availability]}</Badge>
                    {m.availability === "out_of_office" && m.outOfOfficeUntil ? (
                      <div className="mt-0.5 text-xs text-slate-500">back {new Date(m.outOfOfficeUntil).toLocaleDateString("en-US", { month: "short", day: "numeric" })}</div>
                    ) : null}
                  </td>
                  <td className="px-4 py-2.5 text-xs text-slate-500">{m.queueKeys.join(", ") || "—"}</td>
                  {canManage ? (
                    <td className="px-4 py-2.5 text-right">
                      <Link href={hrefWith(path, raw, { edit: m.id })} className="text-sm font-medium text-brand-600 hover:underline" aria-label={`Edit ${m.name}`}>
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
      <Pagination path={path} params={raw} page={result.page} pageSize={result.pageSize} total={result.total} pageCount={result.pageCount} noun="members" />
    </Card>
  );
}

async function QueuesList() {
  const queues = await listQueues();
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-2" data-testid="queues-list">
      {queues.map((q) => (
        <Card key={q.id} className="p-5">
          <div className="flex items-start justify-between gap-3">
            <div>
              <h3 className="font-semibold text-slate-900">{q.name}</h3>
              <p className="text-xs text-slate-500">{q.key}</p>
            </div>
            <div className="flex flex-wrap justify-end gap-1">
              {q.kind !== "routing" ? <Badge tone="violet">{q.kind === "review" ? "Review" : "Exceptions"}</Badge> : null}
              <Badge tone="blue">{DISTRIBUTION_LABELS[q.distribution] ?? q.distribution}</Badge>
              {q.slaMinutes ? <Badge>SLA {q.slaMinutes >= 60 ? `${q.slaMinutes / 60} h` : `${q.slaMinutes} min`}</Badge> : null}
            </div>
          </div>
          <p className="mt-2 text-sm text-slate-600">{q.description}</p>
          {q.members.length > 0 ? (
            <>
              <div className="mt-3 text-xs font-medium text-slate-500">
                {q.availableCount} of {q.members.length} members available{q.overflow ? ` · overflow to ${q.overflow.name}` : ""}
              </div>
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {q.members.map((m) => (
                  <li key={m.id}>
                    <Badge tone={m.available ? "green" : "gray"} title={m.available ? "available" : "not available now"}>
                      {m.name}
                      {q.distribution === "weighted_round_robin" ? ` ×${m.weight}` : ""}
                      {m.cap !== null ? ` · cap ${m.cap}` : ""}
                    </Badge>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-3 text-xs text-slate-500">Worked by RevOps from the console; no automatic distribution.</p>
          )}
        </Card>
      ))}
    </div>
  );
}
