import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/with-permission";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePage("users:manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to the console and what their role allows." />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <table className="w-full text-sm" data-testid="users-table">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2.5 font-medium">User</th>
                <th className="px-4 py-2.5 font-medium">Role</th>
                <th className="px-4 py-2.5 font-medium">Routing member</th>
                <th className="px-4 py-2.5 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="px-4 py-2.5">
                    <div className="font-medium text-slate-900">{u.name}</div>
                    <div className="text-xs text-slate-500">{u.email}</div>
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge tone={u.role === "ADMIN" ? "violet" : u.role === "FIELD" ? "gray" : "blue"}>{ROLE_LABELS[u.role]}</Badge>
                    {u.disabled ? <Badge tone="red">Disabled</Badge> : null}
                  </td>
                  <td className="px-4 py-2.5">{u.member ? `${u.member.name} · ${u.member.title}` : <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-2.5 text-slate-600">{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
    </>
  );
}
