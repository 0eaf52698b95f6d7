/**
 * User management: invite (the person sets their own first password through a one-time link),
 * change role, link to a routing member, disable (signed out at once: every request re-reads the
 * user), and password-reset links. Links are random 32-byte tokens shown once; only their sha256
 * is stored, they expire after 7 days and work once. Every change is audited.
 */
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { AppError, asAppError } from "@/lib/errors";
import type { InviteUserInput, SetPasswordInput, UpdateUserInput } from "@/lib/schemas/users";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db, type Prisma } from "@/lib/server/db";

export const LINK_DAYS = 7;
type Tx = Prisma.TransactionClient;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new one-time link for the user (earlier unused links of that kind stop working). */
async function issueLink(
  tx: Tx,
  userId: string,
  kind: "invite" | "reset",
  by: CurrentUser,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000);
  await tx.userLink.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: now } });
  await tx.userLink.create({ data: { userId, kind, tokenHash: hashToken(token), expiresAt, createdByEmail: by.email } });
  return { token, expiresAt };
}

/** The member must exist and not be linked to another user. */
async function checkMember(tx: Tx, memberId: string, userId: string | null): Promise<string | null> {
  if (!memberId) return null;
  const member = await tx.member.findUnique({ where: { id: memberId }, include: { user: { select: { id: true, email: true } } } });
  if (!member)
    throw new AppError("VALIDATION", "That routing member does not exist.", {
      fieldErrors: { memberId: ["Choose a member from the list."] },
    });
  if (member.user && member.user.id !== userId)
    throw new AppError("CONFLICT", `${member.name} is already linked to ${member.user.email}.`, {
      fieldErrors: { memberId: [`Linked to ${member.user.email}.`] },
    });
  return member.id;
}

export async function inviteUser(
  admin: CurrentUser,
  input: InviteUserInput,
  now = new Date(),
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  assertCan(admin, "users:manage", "invite users");
  const taken = () =>
    new AppError("CONFLICT", `${input.email} already has an account.`, {
      fieldErrors: { email: ["Already a user: change their role or send a reset link instead."] },
    });
  return db()
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken();
      const memberId = await checkMember(tx, input.memberId, null);
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, memberId, passwordHash: null } });
      const link = await issueLink(tx, user.id, "invite", admin, now);
      await recordAudit(tx, admin, {
        action: "user.invited",
        entityType: "user",
        entityId: user.id,
        summary: `Invited ${input.name} <${input.email}> as ${input.role}`,
        after: { email: input.email, role: input.role, memberId },
      });
      return { userId: user.id, ...link };
    })
    .catch((error: unknown) => {
      // Two admins inviting the same person at once: the second loses the unique email, a 409 naming it.
      const known = asAppError(error);
      throw known?.code === "CONFLICT" && !(error instanceof AppError) ? taken() : error;
    });
}

export async function updateUser(admin: CurrentUser, input: UpdateUserInput): Promise<void> {
  assertCan(admin, "users:manage", "change users");
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (before.id === admin.id && (input.disabled || input.role !== "ADMIN")) {
      throw new AppError("VALIDATION", "You cannot disable yourself or take away your own admin role.", {
        fieldErrors: { [input.disabled ? "disabled" : "role"]: ["Ask another admin."] },
      });
    }
    if (before.role === "ADMIN" && (input.role !== "ADMIN" || input.disabled)) {
      // Serialise with other admin changes so two admins cannot demote each other at once.
      await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`;
      const admins = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: before.id } } });
      if (admins === 0)
        throw new AppError("VALIDATION", "This is the last active admin; make someone else an admin first.", {
          fieldErrors: { role: ["The last admin."] },
        });
    }
    const memberId = await checkMember(tx, input.memberId, before.id);
    const after = await tx.user.update({ where: { id: before.id }, data: { role: input.role, memberId, disabled: input.disabled } });
    const pick = (u: typeof before) => ({ role: u.role, memberId: u.memberId, disabled: u.disabled });
    const changed = Object.keys(pick(after)).filter(
      (k) => pick(after)[k as keyof ReturnType<typeof pick>] !== pick(before)[k as keyof ReturnType<typeof pick>],
    );
    const what = changed.map((k) =>
      k === "disabled"
        ? after.disabled
          ? "disabled (signed out)"
          : "enabled"
        : k === "memberId"
          ? "routing member"
          : `role ${before.role} → ${after.role}`,
    );
    await recordAudit(tx, admin, {
      action: "user.updated",
      entityType: "user",
      entityId: after.id,
      summary: what.length ? `Changed ${after.email}: ${what.join(", ")}` : `Saved ${after.email} (no change)`,
      before: pick(before),
      after: pick(after),
    });
  });
}

/** A password-reset link for the user (their current password keeps working until they set a new one). */
export async function passwordResetLink(admin: CurrentUser, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  assertCan(admin, "users:manage", "reset passwords");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (user.disabled) throw new AppError("VALIDATION", `${user.email} is disabled: enable them first.`);
    const link = await issueLink(tx, user.id, user.passwordHash ? "reset" : "invite", admin, now);
    await recordAudit(tx, admin, {
      action: "user.password_link",
      entityType: "user",
      entityId: user.id,
      summary: `Created a ${user.passwordHash ? "password-reset" : "new invitation"} link for ${user.email}`,
    });
    return link;
  });
}

/** Who a link is for, if it still works (the set-password page shows it). */
export async function linkHolder(token: string, now = new Date()): Promise<{ email: string; name: string; kind: string } | null> {
  const link = await db().userLink.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true, name: true, disabled: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabled) return null;
  return { email: link.user.email, name: link.user.name, kind: link.kind };
}

/** Sets the password through a link: once, before it expires; the link is then spent. */
export async function setPasswordWithLink(input: SetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const passwordHash = await bcrypt.hash(input.password, 10);
  return db().$transaction(async (tx) => {
    const spent = await tx.userLink.updateMany({
      where: { tokenHash: hashToken(input.token), usedAt: null, expiresAt: { gt: now }, user: { disabled: false } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) throw new AppError("NOT_FOUND", "This link has expired or was already used. Ask an admin for a new one.");
    const link = await tx.userLink.findUniqueOrThrow({ where: { tokenHash: hashToken(input.token) }, include: { user: true } });
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await recordAudit(
      tx,
      { id: link.userId, email: link.user.email },
      {
        action: link.kind === "invite" ? "user.joined" : "user.password_reset",
        entityType: "user",
        entityId: link.userId,
        summary: `${link.user.email} set their password (${link.kind === "invite" ? "invitation accepted" : "reset link"})`,
      },
    );
    return { email: link.user.email };
  });
}
