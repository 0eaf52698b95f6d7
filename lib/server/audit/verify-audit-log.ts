/**
 * The audit log's proof: every event's hash recomputed from its stored fields and the previous
 * event's hash (the same `switchyard_audit_hash` the insert trigger used), every link checked.
 * An edited field breaks that event's hash; a deleted or reordered event breaks a link.
 * And the decisions': every stored decision's evidence hashed again (`switchyard_decision_hash`,
 * as its insert did) and compared with the hash it was stored with.
 */
import { db } from "@/lib/server/db";

export interface AuditLogProblem {
  seq: string;
  id: string;
  problem: "hash" | "link";
}

export interface AuditLogVerification {
  ok: boolean;
  events: number;
  /** The last event's hash: write it down (or publish it) to prove later that nothing before it changed. */
  head: string | null;
  problems: AuditLogProblem[];
}

export async function verifyAuditLog(): Promise<AuditLogVerification> {
  const rows = await db().$queryRaw<Array<{ seq: bigint | null; id: string; bad_hash: boolean; bad_link: boolean; hash: string | null }>>`
    SELECT seq, id, hash,
           hash IS DISTINCT FROM switchyard_audit_hash("prevHash", seq, at, "actorId", "actorEmail", action, "entityType", "entityId", summary, before, after) AS bad_hash,
           "prevHash" IS DISTINCT FROM lag(hash) OVER (ORDER BY seq) AS bad_link
    FROM "AuditEvent" ORDER BY seq`;
  const problems: AuditLogProblem[] = [];
  for (const r of rows) {
    if (r.bad_hash || r.seq === null) problems.push({ seq: String(r.seq), id: r.id, problem: "hash" });
    if (r.bad_link) problems.push({ seq: String(r.seq), id: r.id, problem: "link" });
  }
  return { ok: problems.length === 0, events: rows.length, head: rows.at(-1)?.hash ?? null, problems };
}

export interface DecisionLogVerification {
  ok: boolean;
  decisions: number;
  /** Decisions whose evidence no longer matches the hash they were stored with (at most 50 named). */
  edited: string[];
  editedCount: number;
}

export async function verifyDecisionLog(): Promise<DecisionLogVerification> {
  const [counts] = await db().$queryRaw<Array<{ n: bigint; bad: bigint }>>`
    SELECT count(*) AS n, count(*) FILTER (WHERE d."evidenceHash" IS DISTINCT FROM switchyard_decision_hash(d)) AS bad FROM "Decision" d`;
  const edited = counts!.bad
    ? (
        await db().$queryRaw<Array<{ id: string }>>`
          SELECT id FROM "Decision" d WHERE d."evidenceHash" IS DISTINCT FROM switchyard_decision_hash(d) ORDER BY "createdAt", id LIMIT 50`
      ).map((r) => r.id)
    : [];
  return { ok: counts!.bad === BigInt(0), decisions: Number(counts!.n), edited, editedCount: Number(counts!.bad) };
}
