import { idempotencyKeySchema, routeBatchRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { routeForApi } from "@/lib/server/routing/route-api";

/** POST /api/v1/route/batch — up to 1,000 records in order, in one transaction. */
export const POST = withApiKey("route", async (req, { key, requestId }) => {
  const body = parseOrThrow(routeBatchRequestSchema, await readJson(req));
  const idem = req.headers.get("idempotency-key");
  const { decisions, replayed } = await routeForApi({
    records: body.records,
    policyKey: body.policy,
    apiKeyId: key.id,
    idempotencyKey: idem === null ? null : parseOrThrow(idempotencyKeySchema, idem),
    requestId,
    source: "batch",
  });
  return Response.json({ decisions, replayed }, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
