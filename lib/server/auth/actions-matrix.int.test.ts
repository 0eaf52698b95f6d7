/**
 * Every server action × anonymous and each role, generated from the code: each "use server" file
 * under app/ is found on disk and imported, and every function it exports must be a guarded
 * action (`protectedAction`, or `publicAction` for the signed-out ones) carrying its requirement.
 * Called by someone the requirement does not admit, each one answers UNAUTHENTICATED / FORBIDDEN
 * before reading its input — so nothing runs, and the matrix is safe to run on the shared database.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hasPermission, ROLES, type Role } from "@/lib/auth/permissions";
import { as } from "@/lib/server/policies/workflow.test-helpers";
import type { CurrentUser } from "./current-user";
import type { GuardedAction, Requirement } from "./with-permission";

const current: { user: CurrentUser | null } = { user: null };
vi.mock("./current-user", () => ({ getCurrentUser: async () => current.user }));

/** Signed-out by design: Auth.js's own sign-in (CSRF-protected), which takes form data, not a guarded input. */
const UNGUARDED = new Set(["app/signin/actions.ts#signInAction"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk("app")
  .filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(readFileSync(f, "utf8")))
  .sort();
const allows = (role: Role, r: Requirement) =>
  r === null || (typeof r === "string" ? hasPermission(role, r) : r.some((p) => hasPermission(role, p)));

let users: Record<Role, CurrentUser>;
beforeAll(async () => {
  users = { ADMIN: await as.admin(), REVOPS: await as.revops(), APPROVER: await as.approver(), FIELD: await as.field() };
});

describe("server actions × roles", () => {
  it("finds the action files (an empty list cannot pass)", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("%s: every export is guarded and refuses whoever its requirement does not admit", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    const leaks: string[] = [];
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function" || UNGUARDED.has(`${file}#${name}`)) continue;
      const action = value as GuardedAction<unknown>;
      expect(action.requirement, `${file}#${name} is not a protectedAction/publicAction`).toBeDefined();
      if (action.requirement === "public") continue;
      const requirement = action.requirement as Requirement;
      current.user = null;
      const anonymous = await action({});
      if (anonymous.ok || anonymous.error.code !== "UNAUTHENTICATED")
        leaks.push(`anonymous → ${name}: ${anonymous.ok ? "ok" : anonymous.error.code}`);
      for (const role of ROLES) {
        if (allows(role, requirement)) continue;
        current.user = users[role];
        const r = await action({});
        if (r.ok || r.error.code !== "FORBIDDEN") leaks.push(`${role} → ${name}: ${r.ok ? "ok" : r.error.code}`);
      }
    }
    current.user = null;
    expect(leaks).toEqual([]);
  });
});
