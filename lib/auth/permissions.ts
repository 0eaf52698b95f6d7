/**
 * Permissions are a const list; roles map to the permissions they hold. Pure data + one
 * function, no framework: the server wrapper (lib/server/auth/with-permission.ts), the
 * navigation and the tests all read it.
 */
export const ROLES = ["ADMIN", "REVOPS", "APPROVER", "FIELD"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "accounts:read",
  "accounts:import",
  "members:read",
  "members:manage",
  "policies:read",
  "policies:author",
  "policies:review",
  "policies:publish",
  "policies:shadow",
  "policies:configure",
  "tests:read",
  "tests:manage",
  "decisions:read",
  "decisions:read_own",
  "decisions:override",
  "exceptions:manage",
  "disputes:file",
  "disputes:read",
  "disputes:triage",
  "insights:read",
  "monitor:manage",
  "audit:read",
  "changelog:read",
  "users:manage",
  "api_keys:manage",
  "webhooks:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_CONSOLE: readonly Permission[] = [
  "accounts:read",
  "members:read",
  "policies:read",
  "tests:read",
  "decisions:read",
  "disputes:read",
  "insights:read",
  "audit:read",
  "changelog:read",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  REVOPS: [
    ...READ_CONSOLE,
    "accounts:import",
    "members:manage",
    "policies:author",
    "policies:shadow",
    "monitor:manage",
    "tests:manage",
    "decisions:override",
    "exceptions:manage",
    "disputes:triage",
  ],
  APPROVER: [...READ_CONSOLE, "policies:review", "policies:publish", "policies:shadow", "monitor:manage"],
  FIELD: ["decisions:read_own", "disputes:file", "changelog:read"],
};

const granted: Record<Role, ReadonlySet<Permission>> = {
  ADMIN: new Set(ROLE_PERMISSIONS.ADMIN),
  REVOPS: new Set(ROLE_PERMISSIONS.REVOPS),
  APPROVER: new Set(ROLE_PERMISSIONS.APPROVER),
  FIELD: new Set(ROLE_PERMISSIONS.FIELD),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return granted[role].has(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  REVOPS: "RevOps",
  APPROVER: "Approver",
  FIELD: "Field",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: "Manages users, API keys and every setting; can do everything RevOps and approvers can.",
  REVOPS: "Authors routing policies and test cases, triages exceptions and disputes.",
  APPROVER: "Reviews and publishes policy versions written by someone else.",
  FIELD: "Reps, SDRs, CSMs and partner managers: see their assignments and why, file disputes.",
};
