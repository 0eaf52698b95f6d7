import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/server/db";

export interface AuditActor {
  id: string | null;
  email: string;
}

export interface AuditEntry {
  action: string;
  entityType:
    "policy" | "policy_version" | "test_case" | "member" | "queue" | "user" | "system" | "api_key" | "decision" | "dispute" | "account";
  entityId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

const json = (x: unknown) => (x === undefined ? undefined : (JSON.parse(JSON.stringify(x)) as Prisma.InputJsonValue));

/** Who did what, as the event's columns (both writers below). */
const described = (actor: AuditActor, entry: AuditEntry) => ({
  actorId: actor.id,
  actorEmail: actor.email,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId,
  summary: entry.summary,
});

/** Appends an audit event inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Prisma.TransactionClient, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: { ...described(actor, entry), before: json(entry.before), after: json(entry.after) } });
}

/** The same event as a row for a statement that writes it beside other rows (the routing commit); the chain trigger links it alike. */
export function auditRow(actor: AuditActor, at: Date, entry: AuditEntry) {
  return {
    id: randomUUID(),
    at,
    ...described(actor, entry),
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}
