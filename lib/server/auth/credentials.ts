/**
 * Password check with brute-force protection: after 10 failed attempts for one email within
 * 10 minutes, further attempts are refused until the window has passed. Attempts are stored in
 * Postgres, so the limit holds across app instances.
 */
import bcrypt from "bcryptjs";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/server/db";

export const MAX_FAILED_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_MS = 10 * 60 * 1000;

// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$10$dHQaX8lrgsxqO787ZbFCueI7YZO7pmEnVTxyxrNQ46YUa8kGzoEPO";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; memberId: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

export async function checkCredentials(email: string, password: string, now = new Date()): Promise<CredentialCheck> {
  const normalised = email.trim().toLowerCase();
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const failures = await db().signInAttempt.findMany({
    where: { email: normalised, succeeded: false, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (failures.length >= MAX_FAILED_ATTEMPTS) {
    const oldestRelevant = failures[failures.length - MAX_FAILED_ATTEMPTS]?.createdAt ?? now;
    const retryAt = oldestRelevant.getTime() + ATTEMPT_WINDOW_MS;
    return { ok: false, reason: "locked", retryAfterMinutes: Math.max(1, Math.ceil((retryAt - now.getTime()) / 60000)) };
  }

  const user = await db().user.findUnique({ where: { email: normalised } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  // An invited user who has not set a password yet cannot sign in with any password.
  const succeeded = Boolean(user && user.passwordHash && matches && !user.disabled);

  await db().signInAttempt.create({ data: { email: normalised, succeeded, createdAt: now } });
  if (!succeeded || !user) return { ok: false, reason: "invalid" };

  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, memberId: user.memberId } };
}
