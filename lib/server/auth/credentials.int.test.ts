import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo-org";
import { ATTEMPT_WINDOW_MS, checkCredentials, MAX_FAILED_ATTEMPTS } from "./credentials";

const admin = "admin@lumendata.example";

describe("checkCredentials (real Postgres)", () => {
  it("accepts the right password and records the sign-in", async () => {
    const now = new Date("2030-01-01T09:00:00Z");
    const result = await checkCredentials(" Admin@LumenData.example ", DEMO_PASSWORD, now);
    expect(result).toMatchObject({ ok: true, user: { email: admin, role: "ADMIN" } });
    const user = await db().user.findUniqueOrThrow({ where: { email: admin } });
    expect(user.lastSignInAt?.toISOString()).toBe(now.toISOString());
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const wrong = await checkCredentials("revops@lumendata.example", "not-the-password");
    const unknown = await checkCredentials("nobody@lumendata.example", DEMO_PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("blocks an email after 10 failures in 10 minutes, then lets it in once the window passes", async () => {
    const email = "approver@lumendata.example";
    const start = new Date("2031-03-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const at = new Date(start.getTime() + i * 1000);
      expect(await checkCredentials(email, `guess-${i}`, at)).toEqual({ ok: false, reason: "invalid" });
    }
    // Even the right password is refused while blocked, and the block says for how long.
    const blocked = await checkCredentials(email, DEMO_PASSWORD, new Date(start.getTime() + 60_000));
    expect(blocked).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 9 });

    const afterWindow = new Date(start.getTime() + ATTEMPT_WINDOW_MS + 10_000);
    expect(await checkCredentials(email, DEMO_PASSWORD, afterWindow)).toMatchObject({ ok: true });
  });

  it("refuses a disabled user", async () => {
    await db().user.update({ where: { email: "revops@lumendata.example" }, data: { disabled: true } });
    try {
      expect(await checkCredentials("revops@lumendata.example", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    } finally {
      await db().user.update({ where: { email: "revops@lumendata.example" }, data: { disabled: false } });
    }
  });

  it("stores only password hashes", async () => {
    const users = await db().user.findMany({ select: { passwordHash: true } });
    for (const u of users) {
      expect(u.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(u.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    }
  });
});
