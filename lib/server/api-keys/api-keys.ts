/**
 * API keys for the routing API: `sy_<prefix>_<secret>`. Only sha256(secret) is stored (the
 * secret is 32 random bytes, so a fast hash is enough); the full key is returned once.
 * Verified keys are cached per process for CACHE_MS; revoking clears this process's cache at
 * once, other processes within CACHE_MS.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { API_KEY_SCOPES } from "@/lib/schemas/decisions";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { assertCan } from "@/lib/server/auth/assert-can";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { db } from "@/lib/server/db";
import { processState } from "@/lib/server/process-state";

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface VerifiedKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
}

const CACHE_MS = 10_000;
const cache = processState("api-key-cache", () => new Map());
const hash = (secret: string) => createHash("sha256").update(secret).digest();

export async function createApiKey(user: CurrentUser, input: { name: string; scopes: ApiKeyScope[] }) {
  assertCan(user, "api_keys:manage", "create API keys");
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix, secretHash: hash(secret).toString("hex"), scopes: input.scopes, createdByEmail: user.email },
    });
    await recordAudit(tx, user, {
      action: "api_key.created",
      entityType: "api_key",
      entityId: row.id,
      summary: `Created API key "${input.name}" (${input.scopes.join(", ")})`,
      after: { name: row.name, prefix, scopes: row.scopes },
    });
    return row;
  });
  return { id: created.id, name: created.name, prefix, scopes: created.scopes, key: `sy_${prefix}_${secret}` };
}

export async function listApiKeys() {
  return db().apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdByEmail: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      revokedByEmail: true,
    },
  });
}

export async function revokeApiKey(user: CurrentUser, id: string) {
  assertCan(user, "api_keys:manage", "revoke API keys");
  const key = await db().apiKey.findUnique({ where: { id } });
  if (!key) throw new AppError("NOT_FOUND", "That API key does not exist.");
  if (key.revokedAt) return key;
  const revoked = await db().$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date(), revokedByEmail: user.email } });
    await recordAudit(tx, user, {
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: id,
      summary: `Revoked API key "${key.name}" (sy_${key.prefix}_…)`,
    });
    return row;
  });
  for (const k of cache.keys()) if (k.startsWith(`${key.prefix}:`)) cache.delete(k);
  return revoked;
}

/** The key behind an Authorization header, or null (unknown, malformed, revoked). */
export async function verifyApiKey(authorization: string | null, nowMs = Date.now()): Promise<VerifiedKey | null> {
  const match = /^Bearer\s+sy_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$/.exec(authorization?.trim() ?? "");
  if (!match) return null;
  const [, prefix, secret] = match as unknown as [string, string, string];
  const cacheKey = `${prefix}:${hash(secret).toString("hex")}`;
  const hit = cache.get(cacheKey);
  if (hit && nowMs - hit.at < CACHE_MS) return hit.key;
  const row = await db().apiKey.findUnique({ where: { prefix } });
  let verified: VerifiedKey | null = null;
  if (row && !row.revokedAt && timingSafeEqual(Buffer.from(row.secretHash, "hex"), hash(secret))) {
    verified = { id: row.id, name: row.name, scopes: row.scopes as ApiKeyScope[] };
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(nowMs) } });
  }
  for (const k of cache.keys()) if (k.startsWith(`${prefix}:`)) cache.delete(k);
  cache.set(cacheKey, { key: verified, at: nowMs });
  return verified;
}
