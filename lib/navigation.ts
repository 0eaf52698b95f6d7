/** The console's navigation, filtered by role. Pure: the layout renders it, tests check it. */
import { hasPermission, type Permission, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Shown when the role holds any of these. */
  anyOf: Permission[];
  section: "work" | "configure" | "admin";
  /** Only for users who are a routable member (reps, CSMs…). */
  requiresMember?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/my-assignments", label: "My assignments", anyOf: ["decisions:read_own"], section: "work", requiresMember: true },
  { href: "/policies", label: "Policies", anyOf: ["policies:read"], section: "work" },
  { href: "/test-suite", label: "Test suite", anyOf: ["tests:read"], section: "work" },
  { href: "/decisions", label: "Decisions", anyOf: ["decisions:read"], section: "work" },
  { href: "/exceptions", label: "Exceptions", anyOf: ["exceptions:manage", "decisions:read"], section: "work" },
  { href: "/disputes", label: "Disputes", anyOf: ["disputes:read", "disputes:file"], section: "work" },
  { href: "/insights", label: "Insights", anyOf: ["insights:read"], section: "work" },
  { href: "/changelog", label: "Changelog", anyOf: ["changelog:read"], section: "work" },
  { href: "/members", label: "Members & queues", anyOf: ["members:read"], section: "configure" },
  { href: "/accounts", label: "Accounts", anyOf: ["accounts:read"], section: "configure" },
  { href: "/audit", label: "Audit", anyOf: ["audit:read"], section: "configure" },
  { href: "/api-docs", label: "Routing API", anyOf: ["api_keys:manage", "policies:read"], section: "configure" },
  { href: "/admin/users", label: "Users", anyOf: ["users:manage"], section: "admin" },
  { href: "/admin/api-keys", label: "API keys", anyOf: ["api_keys:manage"], section: "admin" },
  { href: "/admin/webhooks", label: "Webhooks", anyOf: ["webhooks:manage"], section: "admin" },
];

export function navFor(role: Role, isMember: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => (!item.requiresMember || isMember) && item.anyOf.some((p) => hasPermission(role, p)));
}
