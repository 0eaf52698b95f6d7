/**
 * Overrides and re-routes. The original decision always stays as it was: an override is its
 * own row linked to it (who, when, from → to, reason), a re-route is a new decision that points
 * back. Loads follow the work: the previous holder's load drops, the new one's rises, in the
 * same transaction, with member rows locked in key order like routing does (then queue rows):
 * work a queue gave someone, leaving them, also leaves that queue's count for them (queues whose
 * caps count their own work keep one). A hand-assignment to a queue and a re-route are routed
 * again: the new decisions, the originals closed, their loads given back, the override rows and
 * the audit event are one routing commit (lib/server/routing/route-records.ts `replaces`).
 */
import { randomUUID } from "node:crypto";
import { evaluate } from "@/lib/engine/evaluate";
import { matchRecord } from "@/lib/engine/matching";
import type { RoutedRecord } from "@/lib/engine/types";
import { AppError, addFieldError } from "@/lib/errors";
import type { OverrideInput } from "@/lib/schemas/decisions";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { auditRow, recordAudit } from "@/lib/server/audit/record-audit";
import { db, type Prisma } from "@/lib/server/db";
import { countOverrides } from "@/lib/server/metrics/registry";
import { accountIndexFor } from "@/lib/server/routing/account-index";
import { livePolicy } from "@/lib/server/routing/live-policy";
import { countingQueue, type HeldWork } from "@/lib/server/routing/held-work";
import { routeRecords } from "@/lib/server/routing/route-records";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/webhooks";

type Tx = Prisma.TransactionClient;

type Held = HeldWork;

async function moveLoads(tx: Tx, changes: Map<string, number>, leaving: Held[] = []): Promise<void> {
  const keys = [...changes.keys()].filter((k) => changes.get(k) !== 0).sort();
  if (!keys.length) return;
  await tx.$queryRaw`SELECT email FROM "Member" WHERE email = ANY(${keys}::text[]) ORDER BY email FOR UPDATE`;
  const deltas = keys.map((k) => changes.get(k)!);
  await tx.$executeRaw`
    UPDATE "Member" SET "activeLoad" = GREATEST(0, "activeLoad" + v.delta)
    FROM (SELECT unnest(${keys}::text[]) AS email, unnest(${deltas}::int[]) AS delta) v WHERE "Member".email = v.email`;
  // Still with the member the queue gave it to: that queue's count for them drops too.
  const fromQueue = new Map<string, number>();
  for (const h of leaving) {
    const queue = countingQueue(h);
    if (queue) bump(fromQueue, `${queue}\u0000${h.currentAssigneeKey}`, -1);
  }
  const pairs = [...fromQueue.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (!pairs.length) return;
  await tx.$queryRaw`SELECT "queueKey" FROM "QueueCursor" WHERE "queueKey" = ANY(${[...new Set(pairs.map(([k]) => k.split("\u0000")[0]!))]}::text[]) ORDER BY "queueKey" FOR UPDATE`;
  for (const [k, delta] of pairs) {
    const [queue, member] = k.split("\u0000") as [string, string];
    await tx.$executeRaw`
      UPDATE "QueueCursor" SET loads = jsonb_set(loads, ARRAY[${member}::text], to_jsonb(GREATEST(0, (loads ->> ${member}::text)::int + ${delta}::int))), "updatedAt" = now()
      WHERE "queueKey" = ${queue} AND loads ->> ${member}::text IS NOT NULL`;
  }
}

const bump = (m: Map<string, number>, key: string | null, by: number) => {
  if (key) m.set(key, (m.get(key) ?? 0) + by);
};

/** The member a record is handed to must exist and be active. */
export async function checkOverrideTarget(input: Pick<OverrideInput, "toAssignee">): Promise<void> {
  if (!input.toAssignee) return;
  const member = await db().member.findUnique({ where: { email: input.toAssignee }, select: { active: true, name: true } });
  if (!member) throw new AppError("VALIDATION", "That member does not exist.", { fieldErrors: { toAssignee: ["Unknown member."] } });
  if (!member.active)
    throw new AppError("VALIDATION", `${member.name} is inactive and cannot take work.`, {
      fieldErrors: { toAssignee: ["Inactive member."] },
    });
}

/** What a hand-assignment did with each record: who took it, or where it waits. */
export interface Placement {
  decisionId: string;
  recordId: string;
  kind: string;
  assignee: string | null;
  queue: string | null;
}

/**
 * Reassign by hand. To a member: an override row, the decision moves to them. To a queue: the
 * queue distributes it (`handToQueue`), so rotation, availability and caps still hold.
 */
export async function overrideDecisions(user: CurrentUser, input: OverrideInput): Promise<{ count: number; placed?: Placement[] }> {
  assertCan(user, "decisions:override", "reassign decisions");
  if (input.toQueue) return handToQueue(user, { ...input, toQueue: input.toQueue });
  await checkOverrideTarget(input);
  return db()
    .$transaction((tx) => applyOverride(tx, user, input))
    .then((r) => {
      countOverrides(r.count);
      return r;
    });
}

/** The override inside the caller's transaction (an upheld dispute reassigns through it too). */
export async function applyOverride(tx: Tx, user: CurrentUser, input: OverrideInput): Promise<{ count: number }> {
  const ids = [...new Set(input.decisionIds)].sort();
  const rows = await tx.$queryRaw<Array<Held & { id: string; resolvedAt: Date | null; recordId: string }>>`
    SELECT id, "currentAssigneeKey", "currentQueueKey", "assigneeKey", "queueKey", "resolvedAt", "recordId" FROM "Decision" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  if (rows.length !== ids.length) throw new AppError("NOT_FOUND", "Some of these decisions do not exist.");
  const loads = new Map<string, number>();
  const now = new Date();
  for (const r of rows) {
    await tx.override.create({
      data: {
        decisionId: r.id,
        fromAssigneeKey: r.currentAssigneeKey,
        fromQueueKey: r.currentQueueKey,
        toAssigneeKey: input.toAssignee ?? null,
        toQueueKey: input.toQueue ?? null,
        reasonCode: input.reasonCode,
        note: input.note,
        byEmail: user.email,
      },
    });
    bump(loads, r.currentAssigneeKey, -1);
    bump(loads, input.toAssignee ?? null, +1);
    await tx.decision.update({
      where: { id: r.id },
      data: {
        currentAssigneeKey: input.toAssignee ?? null,
        currentQueueKey: input.toQueue ?? r.currentQueueKey,
        overrideCount: { increment: 1 },
        // Work handed to a person is taken care of; moved to a queue it still waits.
        ...(input.toAssignee ? { resolvedAt: r.resolvedAt ?? now, resolution: r.resolvedAt ? undefined : "overridden" } : {}),
      },
    });
  }
  await moveLoads(tx, loads, rows);
  await enqueueWebhookEvents(
    tx,
    "decision.overridden",
    rows.map((r) => ({
      decisionId: r.id,
      recordId: r.recordId,
      from: { assignee: r.currentAssigneeKey, queue: r.currentQueueKey },
      to: { assignee: input.toAssignee ?? null, queue: input.toQueue ?? null },
      reasonCode: input.reasonCode,
      note: input.note,
      by: user.email,
    })),
  );
  const target = input.toAssignee ?? `queue ${input.toQueue}`;
  await recordAudit(tx, user, {
    action: "decision.overridden",
    entityType: "decision",
    entityId: ids.length === 1 ? ids[0]! : `${ids.length} decisions`,
    summary: `Reassigned ${ids.length === 1 ? `decision on ${rows[0]!.recordId}` : `${ids.length} decisions`} to ${target} (${input.reasonCode})${input.note ? `: ${input.note}` : ""}`,
    after: { decisionIds: ids, to: target, reasonCode: input.reasonCode, note: input.note },
  });
  return { count: rows.length };
}

/**
 * Before re-routing: the corrected records must pass the live version's input checks on their
 * own fields (required and typed), or nothing is re-routed and every problem is named at once.
 * Account fields cannot be corrected here (they come from the account).
 */
async function checkCorrectedRecords(records: RoutedRecord[]): Promise<void> {
  const live = await livePolicy();
  const index = await accountIndexFor(live.compiled);
  const fieldErrors: Record<string, string[]> = {};
  for (const record of records) {
    const d = evaluate(live.compiled, record, matchRecord(record, index), { members: {}, queues: {} }, new Date()).decision;
    if (d.kind !== "exception" || (d.reasonCode !== "MISSING_INPUT" && d.reasonCode !== "INVALID_INPUT")) continue;
    const step = d.trace?.find((t) => t.step === "inputs");
    if (!step || step.step !== "inputs") continue;
    for (const f of step.missing) if (!f.includes(".")) addFieldError(fieldErrors, `fields.${f}`, `${f} is still missing.`);
    for (const i of step.invalid) if (!i.field.includes(".")) addFieldError(fieldErrors, `fields.${i.field}`, `${i.field}: ${i.message}.`);
  }
  if (Object.keys(fieldErrors).length) {
    throw new AppError(
      "VALIDATION",
      `Not re-routed: the live version would still stop ${records.length === 1 ? "this record" : "these records"} — ${Object.values(fieldErrors).flat().join(" ")}`,
      { fieldErrors },
    );
  }
}

/** When the record first arrived: its own `receivedAt` (kept through every re-route), else when it was first decided. */
export function arrivalOf(row: { record: unknown; createdAt: Date }): string {
  const received = (row.record as { receivedAt?: unknown } | null)?.receivedAt;
  return typeof received === "string" && Date.parse(received) <= row.createdAt.getTime() ? received : row.createdAt.toISOString();
}

const REROUTE_SELECT = {
  id: true,
  record: true,
  createdAt: true,
  recordId: true,
  resolvedAt: true,
  currentAssigneeKey: true,
  currentQueueKey: true,
  assigneeKey: true,
  queueKey: true,
} as const;

async function rowsToRoute(decisionIds: string[]) {
  const ids = [...new Set(decisionIds)].sort();
  const rows = await db().decision.findMany({ where: { id: { in: ids } }, select: REROUTE_SELECT, orderBy: { id: "asc" } });
  if (rows.length !== ids.length) throw new AppError("NOT_FOUND", "Some of these decisions do not exist.");
  return rows;
}

/**
 * A hand-assignment to a queue: each record is routed again with the live version, straight to
 * that queue (`manualQueue`: no rule runs), whose distribution places it — or it waits there, or
 * (nobody available anywhere on its overflow chain) it stays open as an exception. The original
 * decisions get an override row (from → queue, reason, who) and are closed; age and SLA run on
 * from when each record first arrived.
 */
export async function handToQueue(
  user: CurrentUser,
  input: OverrideInput & { toQueue: string },
): Promise<{ count: number; placed: Placement[] }> {
  assertCan(user, "decisions:override", "reassign decisions");
  const live = await livePolicy();
  if (!live.compiled.queues.has(input.toQueue))
    throw new AppError("VALIDATION", `"${input.toQueue}" is not a queue of the live version.`, {
      fieldErrors: { toQueue: ["Choose a queue of the live version."] },
    });
  const rows = await rowsToRoute(input.decisionIds);
  const records = rows.map((r) => ({ ...(r.record as unknown as RoutedRecord), receivedAt: arrivalOf(r), manualQueue: input.toQueue }));
  // The new decisions, the closed originals, their override rows, the webhook events and the audit event: one commit.
  const result = await routeRecords({
    records,
    source: "reroute",
    replaces: {
      decisions: rows,
      resolution: "overridden",
      toQueue: input.toQueue,
      records: (newIds, at) => ({
        overrides: rows.map((r) => ({
          id: randomUUID(),
          decisionId: r.id,
          fromAssigneeKey: r.currentAssigneeKey,
          fromQueueKey: r.currentQueueKey,
          toAssigneeKey: null,
          toQueueKey: input.toQueue,
          reasonCode: input.reasonCode,
          note: input.note,
          byEmail: user.email,
        })),
        events: [
          {
            event: "decision.overridden",
            payloads: rows.map((r, i) => ({
              decisionId: r.id,
              recordId: r.recordId,
              from: { assignee: r.currentAssigneeKey, queue: r.currentQueueKey },
              to: { assignee: null, queue: input.toQueue },
              newDecisionId: newIds[i],
              reasonCode: input.reasonCode,
              note: input.note,
              by: user.email,
            })),
          },
        ],
        audit: [
          auditRow(user, at, {
            action: "decision.overridden",
            entityType: "decision",
            entityId: rows.length === 1 ? rows[0]!.id : `${rows.length} decisions`,
            summary: `Sent ${rows.length === 1 ? `the decision on ${rows[0]!.recordId}` : `${rows.length} decisions`} to queue ${input.toQueue} by hand, distributed through it (${input.reasonCode})${input.note ? `: ${input.note}` : ""}`,
            after: {
              decisionIds: rows.map((r) => r.id),
              to: `queue ${input.toQueue}`,
              newDecisionIds: newIds,
              reasonCode: input.reasonCode,
              note: input.note,
            },
          }),
        ],
      }),
    },
  });
  countOverrides(rows.length);
  const fresh = await db().decision.findMany({
    where: { id: { in: result.decisionIds } },
    select: { id: true, recordId: true, kind: true, assigneeKey: true, queueKey: true },
  });
  const byId = new Map(fresh.map((d) => [d.id, d]));
  const placed = result.decisionIds.map((id) => {
    const d = byId.get(id)!;
    return { decisionId: id, recordId: d.recordId, kind: d.kind, assignee: d.assigneeKey, queue: d.queueKey };
  });
  return { count: rows.length, placed };
}

/** Routes the stored records again with the live version (after the data was fixed); the old decisions are closed as re-routed. */
export async function rerouteDecisions(
  user: CurrentUser,
  input: { decisionIds: string[]; fields?: Record<string, string | number | boolean> },
) {
  assertCan(user, "exceptions:manage", "re-route decisions");
  const rows = await rowsToRoute(input.decisionIds);
  // The record keeps when it first arrived: its age and SLA run on from there.
  const records = rows.map((r) => {
    // An earlier hand-assignment does not carry over: the rules decide again.
    const { manualQueue: _byHand, ...rec } = r.record as unknown as RoutedRecord;
    return { ...rec, receivedAt: arrivalOf(r), fields: { ...rec.fields, ...(input.fields ?? {}) } };
  });
  await checkCorrectedRecords(records);
  // The new decisions, the closed originals and the audit event: one commit.
  const result = await routeRecords({
    records,
    source: "reroute",
    replaces: {
      decisions: rows,
      resolution: "rerouted",
      records: (newIds, at) => ({
        audit: [
          auditRow(user, at, {
            action: "decision.rerouted",
            entityType: "decision",
            entityId: rows.length === 1 ? rows[0]!.id : `${rows.length} decisions`,
            summary: `Re-routed ${rows.length} decision${rows.length === 1 ? "" : "s"} with the live version${input.fields ? ` (fields corrected: ${Object.keys(input.fields).join(", ")})` : ""}`,
            after: { from: rows.map((r) => r.id), to: newIds, fields: input.fields ?? null },
          }),
        ],
      }),
    },
  });
  return { decisionIds: result.decisionIds, from: rows.map((r) => r.id) };
}
