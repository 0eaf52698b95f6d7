import { idempotencyKeySchema, routeRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { withoutTrace } from "@/lib/server/routing/decision-record";
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
  const trace = new URL(req.url).searchParams.get("trace") === "1";
  return Response.json({ decision: trace ? decisions[0] : withoutTrace(decisions[0]!), replayed }, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
