/** User management on real Postgres: invitations, one-time links, roles, disabling, the last-admin guard. */
import { afterAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/server/auth/credentials";
import { db } from "@/lib/server/db";
import { as, rejects } from "@/lib/server/policies/workflow.test-helpers";
import { inviteUser, LINK_DAYS, linkHolder, passwordResetLink, setPasswordWithLink, updateUser } from "./manage-users";

const PASSWORD = "a long enough sentence";

// Leave the shared database with the demo's four users (the seed's test counts them).
afterAll(async () => {
  await db().user.deleteMany({
    where: {
      email: { in: ["new.rep@lumendata.example", "other.rep@lumendata.example", "x@lumendata.example", "race.rep@lumendata.example"] },
    },
  });
});

describe("user management (real Postgres)", () => {
  it("two admins inviting the same person at once: one invitation, the other a 409 naming the email (never a 500)", async () => {
    const admin = await as.admin();
    const input = { email: "race.rep@lumendata.example", name: "Race Rep", role: "FIELD" as const, memberId: "" };
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => inviteUser(admin, input)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
      expect(r.reason).toMatchObject({
        code: "CONFLICT",
        message: "race.rep@lumendata.example already has an account.",
        fieldErrors: { email: [expect.any(String)] },
      });
    }
    expect(await db().user.count({ where: { email: input.email } })).toBe(1);
  });

  it("an invited user has no password until they set one through the link, once; then they sign in as the member they were linked to", async () => {
    const member = await db().member.findFirstOrThrow({ where: { user: null, active: true }, orderBy: { email: "asc" } });
    const invite = await inviteUser(await as.admin(), {
      email: "new.rep@lumendata.example",
      name: "New Rep",
      role: "FIELD",
      memberId: member.id,
    });
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db().userLink.findFirstOrThrow({ where: { userId: invite.userId } });
    expect(stored.tokenHash).not.toContain(invite.token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan((LINK_DAYS - 1) * 86_400_000);

    // Not before: no password works.
    expect(await checkCredentials("new.rep@lumendata.example", PASSWORD)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await linkHolder(invite.token)).toEqual({ email: "new.rep@lumendata.example", name: "New Rep", kind: "invite" });

    expect(await setPasswordWithLink({ token: invite.token, password: PASSWORD, confirm: PASSWORD })).toEqual({
      email: "new.rep@lumendata.example",
    });
    const ok = await checkCredentials("new.rep@lumendata.example", PASSWORD);
    expect(ok).toMatchObject({ ok: true, user: { role: "FIELD", memberId: member.id } });
    // Spent: the same link does nothing twice.
    expect(await linkHolder(invite.token)).toBeNull();
    await rejects(
      setPasswordWithLink({ token: invite.token, password: "another long password", confirm: "another long password" }),
      "NOT_FOUND",
      /expired or was already used/,
    );
    expect(await db().auditEvent.count({ where: { entityId: invite.userId, action: { in: ["user.invited", "user.joined"] } } })).toBe(2);

    // The same email twice, or a member already linked: refused, naming the field.
    await rejects(
      inviteUser(await as.admin(), { email: "new.rep@lumendata.example", name: "Again", role: "FIELD", memberId: "" }),
      "CONFLICT",
      /already has an account/,
    );
    await rejects(
      inviteUser(await as.admin(), { email: "other.rep@lumendata.example", name: "Other", role: "FIELD", memberId: member.id }),
      "CONFLICT",
      /already linked to new.rep@lumendata.example/,
    );
    await rejects(inviteUser(await as.field(), { email: "x@lumendata.example", name: "X", role: "ADMIN", memberId: "" }), "FORBIDDEN");
  });

  it("a reset link: the old password works until the new one is set; an expired link does not work", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "new.rep@lumendata.example" } });
    const reset = await passwordResetLink(await as.admin(), user.id);
    expect(await linkHolder(reset.token)).toMatchObject({ kind: "reset" });
    expect((await checkCredentials("new.rep@lumendata.example", PASSWORD)).ok).toBe(true);
    await setPasswordWithLink({ token: reset.token, password: "the second password here", confirm: "the second password here" });
    expect((await checkCredentials("new.rep@lumendata.example", PASSWORD)).ok).toBe(false);
    expect((await checkCredentials("new.rep@lumendata.example", "the second password here")).ok).toBe(true);

    const late = await passwordResetLink(await as.admin(), user.id, new Date(Date.now() - (LINK_DAYS + 1) * 86_400_000));
    expect(await linkHolder(late.token)).toBeNull();
    await rejects(
      setPasswordWithLink({ token: late.token, password: "a third long password", confirm: "a third long password" }),
      "NOT_FOUND",
    );
  });

  it("role, member link and disabling are audited; a disabled user cannot sign in; the last admin and yourself are protected", async () => {
    const admin = await as.admin();
    const user = await db().user.findUniqueOrThrow({ where: { email: "new.rep@lumendata.example" } });
    await updateUser(admin, { id: user.id, role: "REVOPS", memberId: "", disabled: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "REVOPS", memberId: null, disabled: true });
    expect((await checkCredentials("new.rep@lumendata.example", "the second password here")).ok).toBe(false);
    expect(
      (await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.updated" }, orderBy: { at: "desc" } })).summary,
    ).toBe("Changed new.rep@lumendata.example: role FIELD → REVOPS, routing member, disabled (signed out)");
    await rejects(passwordResetLink(admin, user.id), "VALIDATION", /disabled/);

    await rejects(
      updateUser(admin, { id: admin.id, role: "ADMIN", memberId: "", disabled: true }),
      "VALIDATION",
      /cannot disable yourself/,
    );
    await rejects(updateUser(admin, { id: admin.id, role: "REVOPS", memberId: "", disabled: false }), "VALIDATION", /own admin role/);
    // The last active admin cannot be demoted or disabled, by anyone.
    const other = await db().user.update({ where: { id: user.id }, data: { role: "ADMIN", disabled: false } });
    const otherAdmin = { ...admin, id: other.id, email: other.email };
    await updateUser(otherAdmin, { id: admin.id, role: "REVOPS", memberId: "", disabled: false });
    await rejects(
      updateUser(otherAdmin, { id: other.id, role: "ADMIN", memberId: "", disabled: true }),
      "VALIDATION",
      /cannot disable yourself/,
    );
    await db().user.update({ where: { id: admin.id }, data: { role: "ADMIN", disabled: true } });
    await rejects(
      updateUser({ ...admin, role: "ADMIN" }, { id: other.id, role: "FIELD", memberId: "", disabled: false }),
      "VALIDATION",
      /last active admin/,
    );
    // Put the demo admin back.
    await db().user.update({ where: { id: admin.id }, data: { role: "ADMIN", disabled: false } });
    await db().user.update({ where: { id: other.id }, data: { role: "REVOPS", disabled: true } });
  });
});
