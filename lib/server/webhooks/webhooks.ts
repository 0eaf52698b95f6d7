/**
 * Outbound webhooks. Events are written to the WebhookDelivery outbox inside the transaction
 * that makes them true (a decision, an override…), so nothing is announced that did not happen
 * and nothing that happened is lost. The worker delivers due rows (FOR UPDATE SKIP LOCKED, so
 * several workers share the work), retrying with exponential backoff until MAX_ATTEMPTS.
 */
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/server/auth/assert-can";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db, type Prisma } from "@/lib/server/db";
import { pgPool, type PgClient } from "@/lib/server/pg";
import { processState } from "@/lib/server/process-state";
import { signPayload } from "./signature";

export const WEBHOOK_EVENTS = ["decision.created", "decision.overridden", "dispute.filed", "dispute.resolved", "publish.alert"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;
const CACHE_MS = 5_000;

/** 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

const subs = processState("webhook-subscriptions", () => ({ cached: null }));

/**
 * Read through the caller's transaction (Prisma's or a pg client's): a second pool connection
 * per transaction could starve the pool.
 */
async function activeSubscriptions(read: () => Promise<Array<{ id: string; events: string[] }>>, nowMs: number) {
  if (subs.cached && nowMs - subs.cached.at < CACHE_MS) return subs.cached.rows;
  const rows = await read();
  subs.cached = { at: nowMs, rows };
  return rows;
}

function invalidate() {
  subs.cached = null;
}

/** Adds outbox rows for `event` inside the caller's transaction (no-op without subscribers). */
export async function enqueueWebhookEvents(
  tx: Prisma.TransactionClient,
  event: WebhookEvent,
  payloads: unknown[],
  nowMs = Date.now(),
): Promise<void> {
  if (!payloads.length) return;
  const subs = (
    await activeSubscriptions(() => tx.webhookSubscription.findMany({ where: { active: true }, select: { id: true, events: true } }), nowMs)
  ).filter((s) => s.events.includes(event));
  if (!subs.length) return;
  const data: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const s of subs)
    for (const p of payloads) data.push({ subscriptionId: s.id, event, payload: JSON.parse(JSON.stringify(p)) as Prisma.InputJsonValue });
  await tx.webhookDelivery.createMany({ data });
}

/** A WebhookDelivery row as the routing commit inserts it (lib/server/routing/routing-commit.ts). */
export interface OutboxRow {
  id: string;
  subscriptionId: string;
  event: WebhookEvent;
  payload: unknown;
}

/**
 * The same for a routing transaction: the outbox rows, for the commit to insert with the
 * decisions (none without subscribers). Subscriptions are read through `client` when given (a
 * second pool connection per transaction could starve the pool).
 */
export async function webhookOutboxRows(
  client: PgClient | null,
  event: WebhookEvent,
  payloads: unknown[],
  nowMs = Date.now(),
): Promise<OutboxRow[]> {
  if (!payloads.length) return [];
  const read = async () =>
    (await (client ?? pgPool()).query<{ id: string; events: string[] }>(`SELECT id, events FROM "WebhookSubscription" WHERE active`)).rows;
  const subs = (await activeSubscriptions(read, nowMs)).filter((s) => s.events.includes(event));
  const rows: OutboxRow[] = [];
  for (const s of subs)
    for (const payload of payloads) rows.push({ id: `whd_${randomBytes(12).toString("hex")}`, subscriptionId: s.id, event, payload });
  return rows;
}

export async function createWebhook(user: CurrentUser, input: { name: string; url: string; events: WebhookEvent[] }) {
  assertCan(user, "webhooks:manage", "manage webhooks");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const created = await db().$transaction(async (tx) => {
    const row = await tx.webhookSubscription.create({
      data: { name: input.name, url: input.url, events: input.events, secret, createdByEmail: user.email },
    });
    await recordAudit(tx, user, {
      action: "webhook.created",
      entityType: "system",
      entityId: row.id,
      summary: `Added webhook "${input.name}" → ${input.url} (${input.events.join(", ")})`,
    });
    return row;
  });
  invalidate();
  return { id: created.id, secret };
}

export async function setWebhookActive(user: CurrentUser, id: string, active: boolean) {
  assertCan(user, "webhooks:manage", "manage webhooks");
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.webhookSubscription.update({ where: { id }, data: { active } });
    await recordAudit(tx, user, {
      action: active ? "webhook.enabled" : "webhook.disabled",
      entityType: "system",
      entityId: id,
      summary: `${active ? "Enabled" : "Paused"} webhook "${updated.name}"`,
    });
    return updated;
  });
  invalidate();
  return row;
}

export async function listWebhooks() {
  const subs = await db().webhookSubscription.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, url: true, events: true, active: true, createdAt: true, createdByEmail: true },
  });
  const stats = await db().webhookDelivery.groupBy({ by: ["subscriptionId", "status"], _count: { _all: true } });
  return subs.map((s) => ({
    ...s,
    counts: Object.fromEntries(stats.filter((x) => x.subscriptionId === s.id).map((x) => [x.status, x._count._all])) as Record<
      string,
      number
    >,
  }));
}

export async function listDeliveries(subscriptionId?: string, take = 50) {
  return db().webhookDelivery.findMany({
    where: subscriptionId ? { subscriptionId } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatus: true,
      lastError: true,
      createdAt: true,
      deliveredAt: true,
      subscription: { select: { name: true } },
    },
  });
}

/** A test event to one subscription, through the same outbox and worker as real ones. */
export async function sendTestEvent(user: CurrentUser, id: string) {
  assertCan(user, "webhooks:manage", "manage webhooks");
  const sub = await db().webhookSubscription.findUnique({ where: { id } });
  if (!sub) throw new AppError("NOT_FOUND", "That webhook does not exist.");
  return db().webhookDelivery.create({
    data: { subscriptionId: id, event: "ping", payload: { message: "Test event from Switchyard", sentBy: user.email } },
  });
}

export async function retryDelivery(user: CurrentUser, id: string) {
  assertCan(user, "webhooks:manage", "manage webhooks");
  return db().webhookDelivery.update({ where: { id }, data: { status: "pending", nextAttemptAt: new Date() } });
}

interface Due {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
  createdAt: Date;
}

async function post(d: Due, nowMs: number): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = JSON.stringify({ id: d.id, event: d.event, createdAt: d.createdAt.toISOString(), data: d.payload });
  try {
    const res = await fetch(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Switchyard-Webhooks/1",
        "x-switchyard-event": d.event,
        "x-switchyard-delivery": d.id,
        "x-switchyard-signature": signPayload(d.secret, body, Math.floor(nowMs / 1000)),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "manual",
    });
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.status >= 300 ? `HTTP ${res.status}` : null };
  } catch (error) {
    return {
      ok: false,
      status: null,
      error:
        error instanceof Error ? (error.name === "TimeoutError" ? `no answer in ${TIMEOUT_MS / 1000} s` : error.message) : String(error),
    };
  }
}

/** Delivers what is due (called by the worker every few seconds). Returns how many were attempted. */
export async function deliverDueWebhooks(now = new Date(), batch = 25): Promise<number> {
  return db().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<Due[]>`
        SELECT d.id, d.event, d.payload, d.attempts, d."createdAt", s.url, s.secret
        FROM "WebhookDelivery" d JOIN "WebhookSubscription" s ON s.id = d."subscriptionId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now} AND s.active
        ORDER BY d."nextAttemptAt" LIMIT ${batch}
        FOR UPDATE OF d SKIP LOCKED`;
      const results = await Promise.all(due.map((d) => post(d, now.getTime())));
      for (let i = 0; i < due.length; i++) {
        const d = due[i]!;
        const r = results[i]!;
        const attempts = d.attempts + 1;
        await tx.webhookDelivery.update({
          where: { id: d.id },
          data: r.ok
            ? { status: "delivered", attempts, lastStatus: r.status, lastError: null, deliveredAt: now }
            : {
                status: attempts >= MAX_ATTEMPTS ? "dead" : "pending",
                attempts,
                lastStatus: r.status,
                lastError: r.error,
                nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
              },
        });
      }
      return due.length;
    },
    { timeout: TIMEOUT_MS * 3, maxWait: 10_000 },
  );
}
