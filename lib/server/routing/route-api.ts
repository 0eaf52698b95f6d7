/** What the routing API does for one request: idempotency, routing with persistence, the stored decisions back. */
import { createHash } from "node:crypto";
import type { RoutedRecord } from "@/lib/engine/types";
import { decisionViews } from "@/lib/server/decisions/get-decision";
import type { DecisionView } from "./decision-record";
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
    ? createHash("sha256").update(JSON.stringify({ records: input.records, policy: input.policyKey ?? null, source: input.source })).digest("hex")
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
