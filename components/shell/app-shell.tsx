import type { ReactNode } from "react";
import { hasPermission, ROLE_LABELS } from "@/lib/auth/permissions";
import { navFor } from "@/lib/navigation";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { signOut } from "@/lib/server/auth/next-auth";
import { Logo } from "@/components/ui/logo";
import { NavLinks } from "./nav-links";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((p) => p[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

export function AppShell({ user, orgName, children }: { user: CurrentUser; orgName: string; children: ReactNode }) {
  const items = navFor(user.role, user.memberId !== null).map(({ href, label, section }) => ({ href, label, section }));
  const canSearch = hasPermission(user.role, "accounts:read") || hasPermission(user.role, "decisions:read");
  return (
    <div className="flex min-h-screen">
      <aside className="fixed inset-y-0 left-0 z-20 flex w-60 flex-col bg-slate-900 px-3 py-5">
        <div className="px-3">
          <Logo className="text-white" />
          <div className="mt-1 truncate text-xs text-slate-400" data-testid="org-name">
            {orgName}
          </div>
        </div>
        {canSearch ? (
          <form action="/search" role="search" className="mt-5 px-1">
            <input
              name="q"
              type="search"
              aria-label="Find companies, records and members"
              placeholder="Search companies, records…"
              className="w-full rounded-lg border border-white/10 bg-white/5 px-3 py-1.5 text-sm text-white placeholder:text-slate-400 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30"
            />
          </form>
        ) : null}
        <div className="mt-6 flex-1 overflow-y-auto">
          <NavLinks items={items} />
        </div>
        <div className="mt-4 border-t border-white/10 px-3 pt-4">
          <div className="flex items-center gap-3">
            <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
              {initials(user.name)}
            </span>
            <div className="min-w-0">
              <div className="truncate text-sm font-medium text-white" data-testid="current-user">
                {user.name}
              </div>
              <div className="text-xs text-slate-400" data-testid="current-role">
                {ROLE_LABELS[user.role]}
              </div>
            </div>
          </div>
          <form action={signOutAction} className="mt-3">
            <button
              type="submit"
              className="w-full rounded-lg px-3 py-1.5 text-left text-sm text-slate-300 hover:bg-white/5 hover:text-white"
            >
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="ml-60 min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
