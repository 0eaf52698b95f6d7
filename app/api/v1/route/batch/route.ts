import { idempotencyKeySchema, routeBatchRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { withoutTrace } from "@/lib/server/routing/decision-record";
import { routeForApi } from "@/lib/server/routing/route-api";

/** POST /api/v1/route/batch — up to 1,000 records in order, in one transaction. */
export const POST = withApiKey("route", async (call, { key, requestId }) => {
  const body = parseOrThrow(routeBatchRequestSchema, await readJson(call));
  const idem = call.header("idempotency-key");
  const { decisions, replayed } = await routeForApi({
    records: body.records,
    policyKey: body.policy,
    apiKeyId: key.id,
    idempotencyKey: idem === null ? null : parseOrThrow(idempotencyKeySchema, idem),
    requestId,
    source: "batch",
  });
  const trace = call.query("trace") === "1";
  return { status: replayed ? 200 : 201, body: { decisions: trace ? decisions : decisions.map(withoutTrace), replayed }, headers: replayed ? { "idempotent-replayed": "true" } : undefined };
});
