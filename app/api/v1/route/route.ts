import { routeRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { routeCall } from "@/lib/server/routing/route-api";

/** POST /api/v1/route — route one record with the live version; the stored decision and its explanation come back. */
export const POST = withApiKey("route", async (call, { key, requestId }) => {
  const body = parseOrThrow(routeRequestSchema, await readJson(call));
  const r = await routeCall(call, { apiKeyId: key.id, requestId }, { records: [body.record], policyKey: body.policy, source: "api" });
  return { status: r.status, body: { decision: r.decisions[0], replayed: r.replayed }, headers: r.headers };
});
