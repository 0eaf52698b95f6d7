import type { Metadata } from "next";
import Link from "next/link";
import { EditUserForm, InviteUserForm } from "@/components/admin/user-forms";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listUsers, memberChoices } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const me = await requirePage("users:manage");
  const { edit } = await searchParams;
  const [users, members] = await Promise.all([listUsers(), memberChoices()]);
  const editing = edit ? users.find((u) => u.id === edit) : undefined;
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to the console, what their role allows, and which routing member they are." />
      {editing ? (
        <Card className="mb-6 p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">
            {editing.name} · {editing.email}
          </h2>
          <EditUserForm user={editing} members={members} isSelf={editing.id === me.id} />
        </Card>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card className="overflow-x-auto xl:col-span-2">
          <table className="w-full text-sm" data-testid="users-table">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2.5 font-medium">User</th>
                <th className="px-4 py-2.5 font-medium">Role</th>
                <th className="px-4 py-2.5 font-medium">Routing member</th>
                <th className="px-4 py-2.5 font-medium">Last sign-in</th>
                <th className="px-4 py-2.5" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id} className={u.disabled ? "bg-slate-50/70 text-slate-500" : undefined}>
                  <td className="px-4 py-2.5">
                    <div className="font-medium text-slate-900">{u.name}</div>
                    <div className="text-xs text-slate-500">{u.email}</div>
                  </td>
                  <td className="space-x-1 px-4 py-2.5">
                    <Badge tone={u.role === "ADMIN" ? "violet" : u.role === "FIELD" ? "gray" : "blue"}>{ROLE_LABELS[u.role]}</Badge>
                    {u.disabled ? <Badge tone="red">Disabled</Badge> : null}
                    {u.invited && !u.disabled ? <Badge tone="amber">Invited</Badge> : null}
                  </td>
                  <td className="px-4 py-2.5">
                    {u.member ? `${u.member.name} · ${u.member.title}` : <span className="text-slate-400">—</span>}
                  </td>
                  <td className="px-4 py-2.5 text-slate-600">
                    {u.lastSignInAt
                      ? new Date(u.lastSignInAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
                      : "never"}
                  </td>
                  <td className="px-4 py-2.5 text-right">
                    <Link
                      href={`/admin/users?edit=${u.id}`}
                      className="text-sm font-medium text-brand-600 hover:underline"
                      aria-label={`Edit ${u.name}`}
                    >
                      Edit
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-3 text-sm font-semibold text-slate-900">Invite a user</h2>
            <InviteUserForm members={members} />
          </Card>
          <Card className="p-5">
            <h2 className="text-sm font-semibold text-slate-900">Roles</h2>
            <dl className="mt-3 space-y-3 text-sm">
              {ROLES.map((r) => (
                <div key={r}>
                  <dt className="font-medium text-slate-900">{ROLE_LABELS[r]}</dt>
                  <dd className="text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}
