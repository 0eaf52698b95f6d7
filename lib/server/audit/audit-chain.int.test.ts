/**
 * The audit log on real Postgres: hash-chained and append-only by the database itself, and
 * `switchyard verify-log` proving it — intact after concurrent writers, broken (and saying
 * where) when a row is edited or removed behind the application's back.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { recordAudit } from "./record-audit";
import { verifyAuditLog } from "./verify-audit-log";

const run = promisify(execFile);
const actor = { id: null, email: "audit-chain-test" };

async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run("node", ["dist/cli.mjs", "verify-log"], { env: { ...process.env } });
    return { code: 0, out: stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

/** Changes a row behind the triggers' back, as someone with direct database access could. */
async function tamper(sql: string): Promise<void> {
  await db().$transaction([
    db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`),
    db().$executeRawUnsafe(sql),
    db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`),
  ]);
}

describe("the audit log's hash chain", () => {
  it("concurrent writers each extend the chain; the chain verifies; the CLI says so", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db().$transaction((tx) =>
          recordAudit(tx, actor, {
            action: "test.chain",
            entityType: "system",
            entityId: `chain-${i}`,
            summary: `Event ${i}`,
            after: { i, nested: { b: 1, a: [1, 2] } },
          }),
        ),
      ),
    );
    const mine = await db().auditEvent.findMany({ where: { actorEmail: actor.email }, orderBy: { seq: "asc" } });
    expect(mine).toHaveLength(12);
    expect(new Set(mine.map((e) => String(e.seq))).size).toBe(12);
    expect(mine.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? "") && e.prevHash !== null)).toBe(true);
    const r = await verifyAuditLog();
    expect(r).toMatchObject({ ok: true, problems: [] });
    expect(r.events).toBeGreaterThanOrEqual(12);
    const out = await cli();
    expect(out.code).toBe(0);
    expect(out.out).toContain(`Audit log intact: ${r.events} events, chain head ${r.head}.`);
  });

  it("updates and deletes are refused by the database", async () => {
    const e = await db().auditEvent.findFirstOrThrow({ where: { actorEmail: actor.email } });
    await expect(db().$executeRaw`UPDATE "AuditEvent" SET summary = 'rewritten' WHERE id = ${e.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${e.id}`).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.update({ where: { id: e.id }, data: { summary: "rewritten" } })).rejects.toThrow(/append-only/);
  });

  it("an edited event breaks its hash, a removed one the next link; verify-log names them and exits 1", async () => {
    const [a, b, c] = await db().auditEvent.findMany({ where: { actorEmail: actor.email }, orderBy: { seq: "asc" }, take: 3 });
    await tamper(`UPDATE "AuditEvent" SET summary = 'Nothing happened here' WHERE id = '${a!.id}'`);
    await tamper(`DELETE FROM "AuditEvent" WHERE id = '${b!.id}'`);
    try {
      const r = await verifyAuditLog();
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual(
        expect.arrayContaining([
          { seq: String(a!.seq), id: a!.id, problem: "hash" },
          { seq: String(c!.seq), id: c!.id, problem: "link" },
        ]),
      );
      const out = await cli();
      expect(out.code).toBe(1);
      expect(out.out).toContain(`event #${a!.seq} (${a!.id}): its fields do not match its hash (edited)`);
      expect(out.out).toContain(`event #${c!.seq} (${c!.id}): it does not follow the event before it`);
    } finally {
      // Put both back exactly as they were (the other files expect an intact log).
      await tamper(`UPDATE "AuditEvent" SET summary = '${a!.summary}' WHERE id = '${a!.id}'`);
      await db().$transaction([
        db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`),
        db()
          .$executeRaw`INSERT INTO "AuditEvent" (id, seq, "prevHash", hash, at, "actorId", "actorEmail", action, "entityType", "entityId", summary, before, after)
          VALUES (${b!.id}, ${b!.seq}, ${b!.prevHash}, ${b!.hash}, ${b!.at}, ${b!.actorId}, ${b!.actorEmail}, ${b!.action}, ${b!.entityType}, ${b!.entityId}, ${b!.summary}, ${b!.before === null ? null : JSON.stringify(b!.before)}::jsonb, ${JSON.stringify(b!.after)}::jsonb)`,
        db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`),
      ]);
    }
    expect((await verifyAuditLog()).ok).toBe(true);
  });

  it("a decision edited behind the triggers' back: verify-log names it and exits 1; put back, it verifies again", async () => {
    const d = await db().decision.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const untouched = await cli();
    expect(untouched.code).toBe(0);
    expect(untouched.out).toMatch(/Decisions intact: \d+ decisions, each matching the hash it was stored with\./);
    const edit = (assignee: string | null) =>
      db().$transaction([
        db().$executeRawUnsafe(`ALTER TABLE "Decision" DISABLE TRIGGER USER`),
        db().$executeRaw`UPDATE "Decision" SET "assigneeKey" = ${assignee} WHERE id = ${d.id}`,
        db().$executeRawUnsafe(`ALTER TABLE "Decision" ENABLE TRIGGER USER`),
      ]);
    await edit("someone.else@lumendata.example");
    try {
      const out = await cli();
      expect(out.code).toBe(1);
      expect(out.out).toContain(`decision ${d.id}: its outcome or evidence was changed after it was stored`);
    } finally {
      await edit(d.assigneeKey);
    }
    expect((await cli()).code).toBe(0);
  });
});
