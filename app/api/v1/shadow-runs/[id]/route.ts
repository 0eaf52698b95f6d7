import { withPermission } from "@/lib/server/auth/with-permission";
import { shadowReport } from "@/lib/server/shadow/shadow-report";

export const GET = withPermission<{ id: string }>("policies:read", async (_req, { params }) =>
  Response.json(await shadowReport(params.id)),
);
