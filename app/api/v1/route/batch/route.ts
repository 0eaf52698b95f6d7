import { idempotencyKeySchema, routeBatchRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { withoutTrace } from "@/lib/server/routing/decision-record";
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
  const trace = new URL(req.url).searchParams.get("trace") === "1";
  return Response.json({ decisions: trace ? decisions : decisions.map(withoutTrace), replayed }, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
