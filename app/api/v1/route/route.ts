import { idempotencyKeySchema, routeRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { withoutTrace } from "@/lib/server/routing/decision-record";
import { routeForApi } from "@/lib/server/routing/route-api";

/** POST /api/v1/route — route one record with the live version; the stored decision and its explanation come back. */
export const POST = withApiKey("route", async (call, { key, requestId }) => {
  const body = parseOrThrow(routeRequestSchema, await readJson(call));
  const idem = call.header("idempotency-key");
  const { decisions, replayed } = await routeForApi({
    records: [body.record],
    policyKey: body.policy,
    apiKeyId: key.id,
    idempotencyKey: idem === null ? null : parseOrThrow(idempotencyKeySchema, idem),
    requestId,
    source: "api",
  });
  const trace = call.query("trace") === "1";
  return { status: replayed ? 200 : 201, body: { decision: trace ? decisions[0] : withoutTrace(decisions[0]!), replayed }, headers: replayed ? { "idempotent-replayed": "true" } : undefined };
});
