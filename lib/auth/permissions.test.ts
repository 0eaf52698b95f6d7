import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// Table-driven: one row per (role, permission) that matters for the product's promises.
const cases: Array<[Role, Permission, boolean]> = [
  ["ADMIN", "users:manage", true],
  ["ADMIN", "policies:publish", true],
  ["REVOPS", "policies:author", true],
  ["REVOPS", "policies:publish", false],
  ["REVOPS", "policies:review", false],
  ["REVOPS", "users:manage", false],
  ["REVOPS", "disputes:triage", true],
  ["APPROVER", "policies:review", true],
  ["APPROVER", "policies:publish", true],
  ["APPROVER", "policies:author", false],
  ["APPROVER", "decisions:override", false],
  ["FIELD", "decisions:read_own", true],
  ["FIELD", "disputes:file", true],
  ["FIELD", "decisions:read", false],
  ["FIELD", "accounts:read", false],
  ["FIELD", "members:read", false],
  ["FIELD", "users:manage", false],
  ["FIELD", "disputes:triage", false],
  ["REVOPS", "policies:shadow", true],
  ["APPROVER", "policies:shadow", true],
  ["FIELD", "policies:shadow", false],
  ["REVOPS", "monitor:manage", true],
  ["FIELD", "monitor:manage", false],
  ["ADMIN", "policies:configure", true],
  ["REVOPS", "policies:configure", false],
  ["APPROVER", "policies:configure", false],
];

describe("hasPermission", () => {
  it.each(cases)("%s has %s → %s", (role, permission, expected) => {
    expect(hasPermission(role, permission)).toBe(expected);
  });

  it("gives ADMIN every permission", () => {
    for (const p of PERMISSIONS) expect(hasPermission("ADMIN", p)).toBe(true);
  });

  it("maps only known permissions, without duplicates", () => {
    for (const role of ROLES) {
      const list = ROLE_PERMISSIONS[role];
      expect(new Set(list).size).toBe(list.length);
      for (const p of list) expect(PERMISSIONS).toContain(p);
    }
  });
});
