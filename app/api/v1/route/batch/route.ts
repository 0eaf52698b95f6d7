import { routeBatchRequestSchema } from "@/lib/schemas/routing";
import { parseOrThrow } from "@/lib/server/auth/with-permission";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { routeCall } from "@/lib/server/routing/route-api";

/** POST /api/v1/route/batch — up to 1,000 records in order, in one transaction. */
export const POST = withApiKey("route", async (call, { key, requestId }) => {
  const body = parseOrThrow(routeBatchRequestSchema, await readJson(call));
  const r = await routeCall(call, { apiKeyId: key.id, requestId }, { records: body.records, policyKey: body.policy, source: "batch" });
  return { status: r.status, body: { decisions: r.decisions, replayed: r.replayed }, headers: r.headers };
});
