import { decisionViews } from "@/lib/server/decisions/get-decision";
import { withApiKey } from "@/lib/server/auth/with-api-key";

/** GET /api/v1/decisions/{id} — a stored decision with its explanation and current holder. */
export const GET = withApiKey<{ id: string }>("decisions:read", async (_call, { params }) => {
  const [decision] = await decisionViews([params.id]);
  return { status: 200, body: { decision } };
});
