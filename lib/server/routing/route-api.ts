/** What the routing API does for one request: idempotency, routing with persistence, the stored decisions back. */
import { createHash } from "node:crypto";
import type { RoutedRecord } from "@/lib/engine/types";
import { idempotencyKeySchema } from "@/lib/schemas/routing";
import type { ApiCall } from "@/lib/server/auth/with-api-key";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { decisionViews } from "@/lib/server/decisions/get-decision";
import { withoutTrace, type DecisionView } from "./decision-record";
import { findIdempotentResult } from "./idempotency";
import { routeRecords } from "./route-records";

export interface ApiRouteInput {
  records: RoutedRecord[];
  policyKey?: string;
  apiKeyId: string;
  idempotencyKey: string | null;
  requestId: string;
  source: "api" | "batch";
}

export async function routeForApi(input: ApiRouteInput): Promise<{ decisions: DecisionView[]; replayed: boolean }> {
  // Only a request with an Idempotency-Key needs its body's hash (a retry must send the same body).
  const requestHash = input.idempotencyKey
    ? createHash("sha256")
        .update(JSON.stringify({ records: input.records, policy: input.policyKey ?? null, source: input.source }))
        .digest("hex")
    : "";
  const earlier = input.idempotencyKey ? await findIdempotentResult(input.apiKeyId, input.idempotencyKey, requestHash) : null;
  const result =
    earlier ??
    (await routeRecords({
      records: input.records,
      source: input.source,
      policyKey: input.policyKey,
      apiKeyId: input.apiKeyId,
      idempotency: input.idempotencyKey ? { key: input.idempotencyKey, requestHash } : null,
      requestId: input.requestId,
    }));
  return { decisions: result.views ?? (await decisionViews(result.decisionIds)), replayed: result.replayed };
}

/** A routing API answer: 201 for new decisions, 200 (and `idempotent-replayed`) for a replay. */
export interface RoutedCall {
  status: 200 | 201;
  /** With their trace only when the call asked for it (`?trace=1`). */
  decisions: DecisionView[];
  replayed: boolean;
  headers?: Record<string, string>;
}

/** POST /route and /route/batch alike: the call's Idempotency-Key and `?trace`, the records routed. */
export async function routeCall(
  call: ApiCall,
  ctx: { apiKeyId: string; requestId: string },
  input: { records: RoutedRecord[]; policyKey?: string; source: "api" | "batch" },
): Promise<RoutedCall> {
  const idem = call.header("idempotency-key");
  const { decisions, replayed } = await routeForApi({
    ...input,
    apiKeyId: ctx.apiKeyId,
    idempotencyKey: idem === null ? null : parseOrThrow(idempotencyKeySchema, idem),
    requestId: ctx.requestId,
  });
  const trace = call.query("trace") === "1";
  return {
    status: replayed ? 200 : 201,
    decisions: trace ? decisions : decisions.map(withoutTrace),
    replayed,
    headers: replayed ? { "idempotent-replayed": "true" } : undefined,
  };
}
