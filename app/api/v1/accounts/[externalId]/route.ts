import { AppError, addFieldError } from "@/lib/errors";
import { readJson, withApiKey } from "@/lib/server/auth/with-api-key";
import { upsertAccount } from "@/lib/server/accounts/upsert-accounts";

/** PUT /api/v1/accounts/{externalId} — create or update one account from the CRM (201 created, 200 updated). */
export const PUT = withApiKey<{ externalId: string }>("accounts:write", async (call, { key, params }) => {
  const r = await upsertAccount({ id: null, email: `api-key:${key.name}` }, decodeURIComponent(params.externalId), await readJson(call));
  if (r.problems.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of r.problems) addFieldError(fieldErrors, p.field, p.message);
    throw new AppError("VALIDATION", `Check these fields: ${Object.keys(fieldErrors).join(", ")}.`, { fieldErrors });
  }
  return { status: r.created ? 201 : 200, body: { externalId: params.externalId, created: r.created } };
});
