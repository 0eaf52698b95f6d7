import { idempotencyKeySchema, routeRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { routeForApi } from "@/lib/server/routing/route-api";

/** POST /api/v1/route — route one record with the live version; the stored decision and its explanation come back. */
export const POST = withApiKey("route", async (req, { key, requestId }) => {
  const body = parseOrThrow(routeRequestSchema, await readJson(req));
  const idem = req.headers.get("idempotency-key");
  const { decisions, replayed } = await routeForApi({
    records: [body.record],
    policyKey: body.policy,
    apiKeyId: key.id,
    idempotencyKey: idem === null ? null : parseOrThrow(idempotencyKeySchema, idem),
    requestId,
    source: "api",
  });
  return Response.json({ decision: decisions[0], replayed }, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
