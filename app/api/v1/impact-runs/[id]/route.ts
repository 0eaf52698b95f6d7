import { withPermission } from "@/lib/server/auth/with-permission";
import { impactRunView } from "@/lib/server/impact/impact-view";

export const GET = withPermission<{ id: string }>("policies:read", async (_req, { params }) =>
  Response.json(await impactRunView(params.id)),
);
